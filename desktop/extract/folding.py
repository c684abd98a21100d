"""A position-preserving accent fold, so that a match found in folded text maps back.

:func:`desktop.domain.text.fold` also collapses and trims whitespace, which moves every
index; the readers here need "the unit name starts at character 12 of the original", so they
fold one character to exactly one character instead.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold_same_length(text: str) -> str:
    """Lowercase, accents removed, "đ" → "d"; ``len(result) == len(text)``."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)
