"""How unit names are matched (task-json.md, "Import rules"): strictly, or only suggested.

:func:`unit_key` is the match: two names are one unit when they are the same name up to
case, spaces, punctuation around the words, the kind of dash and where the tone mark sits
("Đảng ủy" = "Đảng uỷ", "Thanh Hòa" = "Thanh Hoà", "BAN TUYÊN GIÁO" = "Ban Tuyên giáo",
"Tài chính - Kế hoạch" = "Tài chính – Kế hoạch"). Nothing looser:
"Ban Tuyên giáo" and "Ban Tuyên giáo Đảng ủy Khối" are two names, and a typo that differs
only by an accent ("Kiếm tra" for "Kiểm tra") is another name too.

:func:`similar_key` is what the rule used to be (accents, a plural article and a trailing
"of the party committee" dropped). It only ever *suggests* that two names may be one unit;
the user decides by merging.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.domain.text import clean, fold, nfc

# Suffixes naming the committee a unit belongs to, folded ("đảng ủy khối" → "dang uy khoi").
_OWNER_SUFFIX = re.compile(
    r"\s+(?:cua\s+|thuoc\s+)?(?:dang\s+uy\s+khoi|duk|dang\s+uy\s+tinh|tinh\s+uy|dang\s+uy)"
    r"(?:\s+co\s+quan\s+va\s+doanh\s+nghiep\s+tinh)?$"
)
_PUNCT = re.compile(r"[\"'“”‘’().,;:]+")
_SPACES = re.compile(r"\s+")
# Hyphen, en dash, em dash and the spaces around them are one separator.
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
# A plural article in front: "Các cấp ủy cơ sở" may be "Cấp ủy cơ sở".
_ARTICLE = re.compile(r"^(?:cac|nhung|toan the)\s+")
# The five tone marks (huyền, sắc, ngã, hỏi, nặng); breve, circumflex and horn are letters.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _tone_last(word: str) -> str:
    """The word with its tone mark moved to the end: "ủy" and "uỷ" both give "uy" + hỏi."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in _TONES)
    letters = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", letters) + tones


# An import asks for the key of the same few names on every task (100,000 tasks name a few
# hundred units): the keys are pure functions of the name, so they are remembered.
@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """The key two spellings of one unit share; the alias table is keyed by it."""
    text = _PUNCT.sub(" ", nfc(name).casefold())
    text = _SPACES.sub(" ", _DASH.sub(" - ", text)).strip(" -")
    return " ".join(_tone_last(word) for word in text.split(" ")) if text else ""


@lru_cache(maxsize=8192)
def similar_key(name: str) -> str:
    """A loose key: names sharing it *may* be one unit, to be suggested, never merged.

    Drops case, accents, punctuation, a plural article and a trailing owner suffix, but
    never reduces a name to nothing: "Đảng ủy Khối" itself stays a name.
    """
    key = _PUNCT.sub(" ", fold(name))
    key = _SPACES.sub(" ", key).strip()
    key = _ARTICLE.sub("", key)
    stripped = _OWNER_SUFFIX.sub("", key).strip()
    # Keep the suffix when removing it would leave only a generic word ("Ban", "Văn phòng").
    if stripped and len(stripped.split()) >= 2:
        return stripped
    return key


def display_name(name: str) -> str:
    """The name as shown: cleaned, capitalised ("các chi bộ" → "Các chi bộ")."""
    shown = clean(name).strip(" .;,:")
    return shown[:1].upper() + shown[1:]
