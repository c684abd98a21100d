"""The one exception the extractor raises, worded for the secretary who chose the file."""

from __future__ import annotations


class ExtractError(Exception):
    """A document that cannot be read; ``str()`` is a Vietnamese message saying what to do.

    The window shows the message as is and the command line prints it, so it names the file
    type and the way out (save as .docx, run OCR, …) rather than the technical cause.
    """
