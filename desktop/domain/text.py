"""Vietnamese text handling shared by every layer.

Input arrives from Word, PDFs with damaged text layers and hand-typed JSON. Everything is
NFC-normalised on the way in so that equal-looking strings compare equal, and searches fold
accents so that a secretary typing "tuyen giao" on a keyboard without a Vietnamese input
method still finds "Tuyên giáo".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.domain.output_text import strip_controls

_SPACES = re.compile(r"\s+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# PDF text extraction of some Vietnamese fonts yields these look-alike code points.
def _repair_lookalikes(text: str) -> str:
    # Two str.replace calls: far faster than str.translate on text that has none.
    return text.replace("ƣ", "ư").replace("Ƣ", "Ư")


# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_BASE_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Conventional tone order: ngang, sắc, huyền, hỏi, ngã, nặng.
_TONE_RANK = {"": 0, "\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters, not tones


def nfc(text: str) -> str:
    """Return *text* in NFC with look-alike PDF glyphs repaired."""
    return unicodedata.normalize("NFC", _repair_lookalikes(text))


def clean(text: str) -> str:
    """NFC, repaired look-alikes, control characters dropped, whitespace folded, ends trimmed.

    Controls (ESC, BEL, the bidirectional overrides…) are never text in a document; kept,
    they would drive a terminal or reverse a report's line (:mod:`desktop.domain.output_text`).
    """
    return _SPACES.sub(" ", strip_controls(nfc(text))).strip()


def fold(text: str) -> str:
    """Accent- and case-insensitive key: "Quý II" → "quy ii", "Đảng" → "dang".

    Used for search and for matching units; never shown to the user. Decomposing and
    dropping the combining marks with one regex keeps the per-character work in C: the
    importer folds every field of 100,000-task files.
    """
    decomposed = unicodedata.normalize("NFD", _repair_lookalikes(text))
    stripped = _COMBINING.sub("", decomposed).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


@lru_cache(maxsize=8192)
def _letter_key(ch: str) -> tuple[int, int, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    marks = decomposed[1:]
    letter = base + "".join(m for m in marks if m in _VOWEL_MARKS)
    letter = unicodedata.normalize("NFC", letter)
    tone = next((m for m in marks if m in _TONE_RANK and m), "")
    known = letter in _BASE_ORDER
    rank = _BASE_ORDER.index(letter) if known else len(_BASE_ORDER) + ord(letter[0])
    return (rank, _TONE_RANK[tone], 0 if ch.islower() else 1)


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Key for Vietnamese alphabetical order ("Ban Tổ chức" before "Ban Tuyên giáo").

    Letters are compared first (a < ă < â < b …, d < đ), tones break ties, so the order
    matches what a Vietnamese reader expects rather than code-point order, which puts
    every accented letter after "z".
    """
    keys = [_letter_key(ch) for ch in clean(text)]
    return (tuple(k[0] for k in keys), tuple(k[1] * 2 + k[2] for k in keys))


def _key_char(value: int) -> str:
    """The character standing for *value* in a sortable string, order kept.

    Skips the surrogate block (a lone surrogate cannot be stored as UTF-8) and stops at the
    last code point: the letters no alphabet ranks are ordered by their own code point, and
    the few at the very end of Unicode (private use) share one key character.
    """
    code = 0x21 + value
    if code >= 0xD800:
        code += 0x800
    return chr(min(code, 0x10FFFF))


@lru_cache(maxsize=8192)
def _sortable_parts(ch: str) -> tuple[str, str]:
    rank, tone, case = _letter_key(ch)
    return _key_char(rank), _key_char(tone * 2 + case)


def sortable(text: str) -> str:
    """:func:`sort_key` flattened into a string whose plain binary order is Vietnamese order.

    Stored beside names in the database so that ``ORDER BY`` sorts correctly on any
    engine without a custom collation.
    """
    parts = [_sortable_parts(ch) for ch in clean(text)]
    return "".join(p[0] for p in parts) + "\x20" + "".join(p[1] for p in parts)
