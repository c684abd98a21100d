"""Text from documents and users, made safe to show: terminal, CSV, Excel, PDF.

A task's title comes from a Word file or a web page; it may carry characters that are not
text at all: ESC/BEL/BS, which drive a terminal (``sonhiemvu list`` printing a title could
move the cursor or retitle the window), and the bidirectional controls (U+202E
RIGHT-TO-LEFT OVERRIDE), which reverse everything after them on the line — a unit's name
turned the report's own heading around. And a cell starting with ``=`` runs as a formula
in the secretary's Excel (OWASP "CSV injection").

So: control characters are stripped when text comes in (:func:`strip_controls`, called by
:func:`desktop.domain.text.clean`), and again on the way out (:func:`shown`), because a
database written by an older version may hold them; right-to-left text that remains is
wrapped in an isolate (FSI … PDI) so it cannot reorder what stands around it; and
spreadsheet cells get :func:`neutralise_formula`.
"""

from __future__ import annotations

import re
import unicodedata

# C0 except NUL and tab/newline/CR (whitespace handles those), DEL, C1, and the invisible
# bidirectional marks, embeddings, overrides and isolates. NUL is not dropped: on input it
# is refused with a message (a NUL means a binary or UTF-16 file read as text, and dropping
# it would turn that into plausible garbage); on output :func:`shown` drops it too.
_CONTROLS = re.compile(
    "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_RIGHT_TO_LEFT = frozenset({"R", "AL"})

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""How a spreadsheet cell that Excel or LibreOffice would evaluate begins."""


def strip_controls(text: str) -> str:
    """*text* without control characters other than NUL, tab, newline and carriage return."""
    return _CONTROLS.sub("", text)


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text)


def isolate_bidi(text: str) -> str:
    """Wrap right-to-left text in FSI … PDI, so it keeps its own direction only."""
    if text.isascii() or not _has_right_to_left(text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def shown(text: str) -> str:
    """*text* as any output shows it: no controls (a carriage return neither), bidi isolated.

    Line breaks stay (the PDF keeps a note's lines); a terminal table never receives them
    because imported titles are single-line.
    """
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return isolate_bidi(strip_controls(text))


def neutralise_formula(value: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading ``'`` (shown, not run)."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_text(value: str) -> str:
    """A CSV or Excel cell: :func:`shown`, then :func:`neutralise_formula`."""
    return neutralise_formula(shown(value))
