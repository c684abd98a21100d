"""Lines → paragraphs: re-flowing hard line breaks, as PDF text and some copies have them.

PDF text layers (seed 000) break every line mid-sentence and put blank lines between them, and
page breaks split paragraphs of Word copies too ("… để tổ" / "chức triển khai …"). A line is
joined to the one before when that one has not ended a sentence and the new line neither
starts a list item nor follows a heading. Table rows pass through untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.text import clean
from desktop.extract.readers import Line

MARKER = re.compile(
    r"^(?:"
    r"(?P<part>phần\s+thứ\s+\w+)"
    r"|(?P<roman>[IVX]{1,5})\s*[.)/]\s*(?=\S)"
    r"|(?P<dec>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(?=\S)"
    r"|(?P<dec2>\d{1,2}(?:\.\d{1,2})+)\s+(?=\S)"
    r"|(?P<letter>[a-hđ])\s*\)\s*(?=\S)"
    r"|\((?P<paren>\d{1,2}|[a-z]|[ivx]{1,4})\)\s*(?=\S)"
    r"|(?P<bullet>[-–—•])\s*(?=\S)"
    r"|(?P<plus>\+)\s*(?=\S)"
    r")",
    re.IGNORECASE,
)
_TERMINAL = (".", ";", ":", "!", "?", "…", "./.")


@dataclass
class Block:
    """A re-flowed paragraph, or a table row (``cells`` set)."""

    text: str
    cells: tuple[str, ...] | None = None
    bold: bool = False

    @property
    def is_row(self) -> bool:
        return self.cells is not None


def _is_marker(text: str) -> bool:
    match = MARKER.match(text)
    if not match:
        return False
    return not (match.group("roman") and not re.match(r"^[IVX]{1,5}\s*[.)/]", text))


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _heading_like(block: Block) -> bool:
    text = block.text
    if block.bold or _is_upper(text):
        return True
    match = MARKER.match(text)
    if match and (match.group("roman") or match.group("dec") or match.group("dec2")):
        return len(text) <= 100
    return False


def _starts_lower(text: str) -> bool:
    first = text.lstrip("*\"“'( ")[:1]
    return bool(first) and (first.islower() or first.isdigit())


def reflow(lines: list[Line]) -> list[Block]:
    """Join wrapped lines into paragraphs (see the module docstring for the rule)."""
    blocks: list[Block] = []
    for line in lines:
        if line.is_row:
            blocks.append(Block(line.text, line.cells, line.bold))
            continue
        text = clean(line.text)
        if not text or text in {"*", "-----", "---"} or (text.isdigit() and len(text) <= 3):
            continue
        previous = blocks[-1] if blocks else None
        if previous is not None and not previous.is_row and not _is_marker(text):
            ended = previous.text.endswith(_TERMINAL)
            joins = False
            if not ended:
                joins = _starts_lower(text) or not (
                    _heading_like(previous) or (line.bold and not previous.bold)
                )
            elif _starts_lower(text) and not previous.text.endswith((":", "./.")):
                joins = not _heading_like(previous)
            if joins:
                glue = "" if previous.text.endswith("-") and text[:1].isupper() else " "
                previous.text = previous.text + glue + text
                previous.bold = previous.bold and line.bold
                continue
        blocks.append(Block(text, None, line.bold))
    return blocks
