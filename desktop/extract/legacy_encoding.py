"""Text typed with the pre-Unicode Vietnamese fonts still found in provincial offices.

Documents written with TCVN3/ABC fonts (.VnTime, .VnArial) reach us as Latin-1 look-alikes
("Ch­¬ng tr×nh hµnh ®éng"). TCVN3 puts every accented lowercase letter in one byte, so a
table converts it exactly. VNI fonts (VNI-Times) spread a letter over two bytes whose pairing
is ambiguous ("oâ" is both "ô" and "o" followed by a mark), so VNI text is refused with a
message rather than guessed at.
"""

from __future__ import annotations

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


def _letters(text: str) -> int:
    return max(1, sum(ch.isalpha() for ch in text))


def looks_tcvn3(text: str) -> bool:
    """True when *text* reads like TCVN3 bytes shown as Latin-1."""
    markers = sum(ch in _TCVN3_MARKERS for ch in text)
    vietnamese = sum(ch in _VIETNAMESE_ONLY for ch in text)
    has_signature = any(ch in text for ch in "µ¸®\u00ad¬×")
    return has_signature and markers / _letters(text) > 0.01 and markers > 3 * vietnamese


def looks_vni(text: str) -> bool:
    """True when *text* reads like VNI bytes: vowels followed by tone bytes, "ñ" for "đ"."""
    pairs = sum(
        1
        for a, b in zip(text, text[1:], strict=False)
        if a.lower() in "aeiouy" and b in _VNI_TONE_BYTES
    )
    letters = sum(ch in _VNI_LETTERS for ch in text)
    # VNI spells the circumflex as a byte "â", so only toned and hooked letters count here.
    vietnamese = sum(ch in _VIETNAMESE_ONLY and ch not in "âêôÂÊÔ" for ch in text)
    score = pairs + letters
    return score / _letters(text) > 0.01 and score > 3 * vietnamese


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text (already decoded as Latin-1/cp1252) to Unicode."""
    return "".join(TCVN3_TABLE.get(ch, ch) for ch in text)


def to_unicode(text: str) -> str:
    """Return *text* in Unicode, converting TCVN3 and refusing VNI.

    Raises:
        ExtractError: the text is in the VNI encoding.
    """
    if looks_tcvn3(text):
        return tcvn3_to_unicode(text)
    if looks_vni(text):
        raise ExtractError(
            "Văn bản được gõ bằng bảng mã VNI (phông VNI-Times…), chương trình chưa đọc được. "
            "Hãy mở văn bản trong Word, chuyển sang Unicode (ví dụ bằng Unikey: Công cụ › "
            "Chuyển mã, từ VNI Windows sang Unicode) rồi lưu lại dạng .docx và nhập lại."
        )
    return text
