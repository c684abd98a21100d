"""Text typed with the pre-Unicode Vietnamese fonts still found in provincial offices.

Documents written with TCVN3/ABC fonts (.VnTime, .VnArial) reach us as Latin-1 look-alikes
("Ch­¬ng tr×nh hµnh ®éng"). TCVN3 puts every accented lowercase letter in one byte, so a
table converts it exactly. VNI fonts (VNI-Times) spread a letter over two bytes whose pairing
is ambiguous ("oâ" is both "ô" and "o" followed by a mark), so VNI text is refused with a
message rather than guessed at.

Windows-1258, the "ANSI" code page of a Vietnamese Windows, writes the letters with a hat,
breve or horn as one byte and the tone as a second, combining byte. Read as cp1252 it gives
"Ban ThýõÌng vuò" (issue 14); read as cp1258 and composed (NFC) it is exact, and a wrong guess
shows itself by tone marks left without a letter to sit on.
"""

from __future__ import annotations

import re

from desktop.domain.text import nfc
from desktop.extract.errors import ExtractError

# TCVN 5712:1993 (VN3, "ABC") — one code point per accented lowercase letter, plus the
# seven uppercase letters with a vowel mark that the normal (non-"H") fonts carry.
_TCVN3_PAIRS = (
    "µà ¶ả ·ã ¸á ¹ạ ¨ă »ằ ¼ẳ ½ẵ ¾ắ Æặ ©â Çầ Èẩ Éẫ Êấ Ëậ ®đ Ìè Îẻ Ïẽ Ðé Ñẹ ªê Òề Óể Ôễ Õế Öệ "
    "×ì Øỉ Üĩ Ýí Þị ßò áỏ âõ ãó äọ «ô åồ æổ çỗ èố éộ ¬ơ êờ ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ "
    "\u00adư õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ ¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ"
)
TCVN3_TABLE = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}

# Code points that TCVN3 uses heavily and that never occur in Unicode Vietnamese text.
_TCVN3_MARKERS = set("µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÎÏÐÑªÒÓÔÕÖ×ØÜÞßåæç«¬ëîïñö÷øûüþ\u00ad")
# VNI writes "đ" as "ñ", "ư" as "ö", and tones as a second byte after the vowel.
_VNI_TONE_BYTES = set("ùøûõïáàåãäéèúüë")
_VNI_LETTERS = set("ñöÑÖ")
_VIETNAMESE_ONLY = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ")


def _any_of(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


# Counting is done by regular expressions (in C): the Word reader asks these questions of
# every paragraph, and a Python loop over each character made that a third of reading time.
_LETTER = re.compile(r"[^\W\d_]")
_TCVN3_MARKER = _any_of(_TCVN3_MARKERS)
_VIETNAMESE = _any_of(_VIETNAMESE_ONLY)
_VIETNAMESE_TONED = _any_of(_VIETNAMESE_ONLY - set("âêôÂÊÔ"))
_VNI_PAIR = re.compile("[aeiouyAEIOUY](?=" + _any_of(_VNI_TONE_BYTES).pattern + ")")
_VNI_LETTER = _any_of(_VNI_LETTERS)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _letters(text: str) -> int:
    return max(1, _count(_LETTER, text))


def looks_tcvn3(text: str) -> bool:
    """True when *text* reads like TCVN3 bytes shown as Latin-1."""
    if not any(ch in text for ch in "µ¸®\u00ad¬×"):
        return False
    markers = _count(_TCVN3_MARKER, text)
    vietnamese = _count(_VIETNAMESE, text)
    return markers / _letters(text) > 0.01 and markers > 3 * vietnamese


def looks_vni(text: str) -> bool:
    """True when *text* reads like VNI bytes: vowels followed by tone bytes, "ñ" for "đ"."""
    score = _count(_VNI_PAIR, text) + _count(_VNI_LETTER, text)
    if not score:
        return False
    # VNI spells the circumflex as a byte "â", so only toned and hooked letters count here.
    vietnamese = _count(_VIETNAMESE_TONED, text)
    return score / _letters(text) > 0.01 and score > 3 * vietnamese


# A cp1258 tone byte shown as cp1252 after a vowel ("õÌ", "uò"), or "Þ"/"ð"/"Ð": text that
# went through the wrong code page. Only then is the repair below tried.
_CP1258_HINT = re.compile("[aeiouyAEIOUYýÝõÕãÃâÂêÊôÔ][ÌìÒòÞ]|[ÞðÐ]")
_LOOSE_MARK = re.compile("[\u0300-\u036f]")


def _cp1258_reading(candidate: str, before: str) -> str | None:
    """*candidate* (cp1258 bytes decoded and composed) if it reads better than *before*."""
    if _LOOSE_MARK.search(candidate):
        return None  # a tone with no letter under it: these bytes are not cp1258
    gained = _count(_VIETNAMESE, candidate) - _count(_VIETNAMESE, before)
    return candidate if gained > 0 and gained >= 0.02 * _letters(before) else None


def repair_cp1258(text: str) -> str | None:
    """The Unicode text that cp1258 bytes shown as cp1252 stood for, or None if it isn't that."""
    if not _CP1258_HINT.search(text):
        return None
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return _cp1258_reading(nfc(raw.decode("cp1258", errors="replace")), text)


_UNKNOWN_ENCODING = (
    "Không nhận ra bảng mã của tệp chữ: không phải Unicode (UTF-8, UTF-16), TCVN3, VNI hay "
    "Windows-1258. Hãy mở tệp (ví dụ bằng Notepad), chọn Lưu thành… với bảng mã UTF-8 rồi "
    "nhập lại."
)


def decode_legacy(data: bytes) -> str:
    """Decode bytes that are not UTF-8, in the code pages Vietnamese offices used.

    TCVN3 and VNI come back as cp1252 for :func:`to_unicode`; Windows-1258 comes back
    converted. Anything else would be imported as garbage, so it is refused.

    Raises:
        ExtractError: the bytes are in no encoding Vietnamese offices use.
    """
    latin = data.decode("cp1252", errors="replace")
    if looks_tcvn3(latin) or looks_vni(latin):
        return latin
    vietnamese = _cp1258_reading(nfc(data.decode("cp1258", errors="replace")), latin)
    if vietnamese is not None:
        return vietnamese
    if _count(_VIETNAMESE, latin) == 0 and any(ord(ch) > 0x7F for ch in latin):
        raise ExtractError(_UNKNOWN_ENCODING)
    return latin


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text (already decoded as Latin-1/cp1252) to Unicode."""
    return "".join(TCVN3_TABLE.get(ch, ch) for ch in text)


def to_unicode(text: str) -> str:
    """Return *text* in Unicode, converting TCVN3 and Windows-1258 mojibake, refusing VNI.

    Raises:
        ExtractError: the text is in the VNI encoding.
    """
    if looks_tcvn3(text):
        return tcvn3_to_unicode(text)
    repaired = repair_cp1258(text)
    if repaired is not None:
        return repaired
    if looks_vni(text):
        raise ExtractError(
            "Văn bản được gõ bằng bảng mã VNI (phông VNI-Times…), chương trình chưa đọc được. "
            "Hãy mở văn bản trong Word, chuyển sang Unicode (ví dụ bằng Unikey: Công cụ › "
            "Chuyển mã, từ VNI Windows sang Unicode) rồi lưu lại dạng .docx và nhập lại."
        )
    return text
