"""How unit names are matched, so that spellings of one unit stay one unit.

"Ban Tuyên giáo", "BAN TUYÊN GIÁO" and "Ban Tuyên giáo Đảng ủy Khối" are one unit.

The key drops case, accents, punctuation and a trailing "of the party committee" suffix
that documents add or omit at will, but never reduces a name to nothing: "Đảng ủy Khối"
itself stays a unit.
"""

from __future__ import annotations

import re

from desktop.domain.text import clean, fold

# Suffixes naming the committee a unit belongs to, folded ("đảng ủy khối" → "dang uy khoi").
_OWNER_SUFFIX = re.compile(
    r"\s+(?:cua\s+|thuoc\s+)?(?:dang\s+uy\s+khoi|duk|dang\s+uy\s+tinh|tinh\s+uy|dang\s+uy)"
    r"(?:\s+co\s+quan\s+va\s+doanh\s+nghiep\s+tinh)?$"
)
_PUNCT = re.compile(r"[\"'“”‘’().,;:]+")


# A plural article in front changes nothing: "Các cấp ủy cơ sở" is "Cấp ủy cơ sở".
_ARTICLE = re.compile(r"^(?:cac|nhung|toan the)\s+")


def unit_key(name: str) -> str:
    key = _PUNCT.sub(" ", fold(name))
    key = re.sub(r"\s+", " ", key).strip()
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
