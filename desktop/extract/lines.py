"""The unit every stage of the extractor passes on: a line of text, or a table row.

Its own module so that the readers, the re-flow, the outline and the table reader can all
speak of it without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    """One paragraph/line of text, or one table row (``cells`` set).

    The same shape serves every stage: the readers give physical lines, the re-flow
    (:mod:`desktop.extract.paragraphs`) gives paragraphs made of them.
    """

    text: str
    cells: tuple[str, ...] | None = None
    bold: bool = False

    @property
    def is_row(self) -> bool:
        return self.cells is not None
