"""Whether a text layer is Vietnamese at all: the check that refuses mojibake PDFs.

A PDF whose fonts carry no ToUnicode map gives a text layer of glyph numbers shown as
letters ("&KѭѫQJ WUuQK", "ÑçÊÞ ÐþÐÇ"): pypdf reads it without complaint and the extractor
would import dozens of garbage tasks. Vietnamese is written in syllables of a fixed shape
(an initial consonant, a vowel group with at most one tone mark, a final consonant), so the
share of words that are such syllables tells real text (nine in ten and more) from mojibake
(a few in ten at most). Abbreviations in capitals ("UBND", "KH-UBND") and numbers are left out
of the count.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.text import nfc

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_VOWELS = "aăâeêioôơuưy"
_NUCLEUS = rf"[{_VOWELS}]{{1,3}}"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(rf"^{_ONSET}{_NUCLEUS}{_CODA}$")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
MIN_WORDS = 30
MIN_SHARE = 0.6


def _toneless(word: str) -> str | None:
    """The word without its tone mark, or None when it carries more than one."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONES for ch in decomposed)
    if tones > 1:
        return None
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))


def is_syllable(word: str) -> bool:
    """True when *word* has the shape of a Vietnamese syllable ("trường", "kế", "ế")."""
    bare = _toneless(word)
    return bare is not None and bool(_SYLLABLE.match(bare))


def vietnamese_share(text: str) -> tuple[float, int]:
    """Share of the words of *text* that are Vietnamese syllables, and how many were counted."""
    counted = 0
    good = 0
    for match in _WORD.finditer(nfc(text)):
        word = match.group(0)
        if len(word) > 1 and word.isupper():
            continue  # an abbreviation: UBND, KH, ĐUK
        counted += 1
        good += is_syllable(word)
    return (good / counted if counted else 1.0), counted


def is_mojibake(text: str) -> bool:
    """True when *text* is long enough to judge and is not Vietnamese (see the module doc)."""
    share, counted = vietnamese_share(text)
    return counted >= MIN_WORDS and share < MIN_SHARE
