"""The built-in extractor: a document (.docx, .pdf, .txt, .md) → task JSON (task-json.md).

Pure Python, no Qt, no database: the window and the command line both call
:func:`extract_document` and hand the result to the same importer as any JSON file.
"""

from __future__ import annotations

from desktop.extract.errors import ExtractError
from desktop.extract.pipeline import extract_document, extract_lines, extract_text

__all__ = ["ExtractError", "extract_document", "extract_lines", "extract_text"]
