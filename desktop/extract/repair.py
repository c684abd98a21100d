"""Repair of letters a PDF text layer dropped: "Định  ỳ h ng năm" → "Định kỳ hằng năm".

Some PDF fonts lose a handful of glyphs on extraction, and each lost letter comes out as a
space (seed 000: "t  chức", "ế hoạch", "Qu  II năm 2021"). The damage has a form the repair
relies on, never a list of words:

- the lost letters are few and the same through the document, so they are the letters the
  document holds far less often than Vietnamese text does (``lost_letters``);
- a damaged word leaves fragments that are not syllables ("h", "ng", "ngh") or a double space;
- a repair puts lost letters back in some of those spaces so that every word it changes is a
  syllable of the inventory (:mod:`desktop.extract.syllables`) and pairs with a neighbour as
  in the reference text. It is made only when one reading is left, or one is clearly more
  common than the next ("hằng năm" against "hàng năm"); otherwise the place is flagged.

Undamaged text is never touched: a line without a fragment or a double space is left alone,
and a document that does not lack letters is not repaired at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from desktop.domain.text import clean
from desktop.extract.lines import Line
from desktop.extract.syllables import Inventory, inventory, word_class
from desktop.extract.text_quality import is_syllable

_LACKING = 0.6  # a letter held less than this share of its expected count is being lost
_MIN_EXPECTED = 2.0
_MIN_DAMAGE = 5  # vowel-less fragments a document shows before it is treated as damaged
_DAMAGE_RATE = 0.005  # … and their share of its words
_DOMINANT = 3  # how much more common the chosen reading must be than the next
_MAX_READINGS = 400
_COMMON = 3  # a syllable seen this often may stand without a seen pair when it is the only reading
_CORE = re.compile(r"^(\W*)([^\W\d_]*)(\W*)$")
_VOWELS = set("aeiouy")
_MARKER = re.compile(r"^[a-zđ][).]$")  # "b)", "c." open list items


@dataclass
class Repaired:
    """The lines with letters put back, and what was repaired or left damaged (clean text)."""

    lines: list[Line]
    repaired: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def lost_letters(text: str, inv: Inventory) -> str:
    """Lower-case letters *text* holds far less often than the reference text does."""
    expected: Counter[str] = Counter()
    for word, times in inv.words.items():
        for letter in word:
            expected[letter] += times
    total = sum(expected.values())
    held = Counter(ch for ch in text if ch.isalpha() and ch.islower())
    size = sum(held.values())
    lost = []
    for letter, times in expected.items():
        want = times / total * size
        if want >= _MIN_EXPECTED and held[letter] < _LACKING * want:
            lost.append(letter)
    return "".join(sorted(lost))


def _bad(token: str) -> bool:
    """A fragment a lost letter leaves: an empty word, or letters that are not a syllable."""
    if not token:
        return True
    if _MARKER.match(token):
        return False
    match = _CORE.match(token)
    if not match or not match.group(2):
        return False  # numbers, symbols, codes ("58-NQ/TW")
    core = match.group(2)
    if len(core) > 1 and core.isupper():
        return False  # an abbreviation
    return not is_syllable(core)


def _fragment(token: str) -> bool:
    """A piece of a word that lost its vowel: "h", "ng", "ngh", "Nh" (never "UBND", "b)")."""
    match = _CORE.match(token)
    if not match or not 1 <= len(match.group(2)) <= 3 or _MARKER.match(token):
        return False
    core = match.group(2)
    if core.isupper():
        return False
    return not any(_fold_letter(ch) in _VOWELS for ch in core)


def _fold_letter(letter: str) -> str:
    return unicodedata.normalize("NFD", letter.lower())[0]


def _regions(tokens: list[str]) -> list[tuple[int, int]]:
    """Runs of tokens around the fragments, one sound token of margin on each side."""
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not _bad(token):
            continue
        start, end = max(0, index - 1), min(len(tokens), index + 2)
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _name(word: str) -> str | None:
    match = _CORE.match(word)
    return word_class(match.group(2)) if match and match.group(2) else None


def _readings(tokens: list[str], lost: str, inv: Inventory) -> list[list[str]]:
    """Every way of filling the spaces between *tokens* with lost letters, words all sound.

    A word that got no letter must be one of the sound tokens; a word that got one must be an
    inventory syllable (punctuation around it kept).
    """
    text = " ".join(tokens)
    found: list[list[str]] = []

    def sound(word: str, filled: bool) -> bool:
        if not filled:
            return not _bad(word)
        match = _CORE.match(word)
        return bool(match and match.group(2).lower() in inv.words)

    def walk(at: int, word: str, filled: bool, words: list[str]) -> None:
        if len(found) >= _MAX_READINGS:
            return
        if at == len(text):
            if sound(word, filled):
                found.append([*words, word])
            return
        char = text[at]
        if char != " ":
            walk(at + 1, word + char, filled, words)
            return
        if sound(word, filled):
            walk(at + 1, "", False, [*words, word])
        head = _CORE.match(word + "a")  # the letters so far, punctuation before them set aside
        letters = head.group(2)[:-1].lower() if head else None
        if letters is None or (word and not letters):
            return
        for letter in lost:
            if letters + letter in inv.prefixes:
                walk(at + 1, word + letter, True, words)

    walk(0, "", False, [])
    return found


def _pairs(
    words: list[str], original: list[str], left: str | None, right: str | None, inv: Inventory
) -> dict[str, int] | None:
    """The seen pairs around the changed words; None when a changed word pairs with nothing."""
    names = [left, *(_name(w) for w in words), right]
    found: dict[str, int] = {}
    unchanged = set(original)
    for index, word in enumerate(words, start=1):
        if word in unchanged:
            continue
        seen = False
        for a, b in ((names[index - 1], names[index]), (names[index], names[index + 1])):
            times = inv.pair(a, b)
            if times:
                found[f"{a} {b}"] = times
                seen = True
        if not seen:
            return None
    return found


def _beats(best: dict[str, int], other: dict[str, int]) -> bool:
    """Whether *best* is clearly more common than *other*, over the pairs they do not share.

    "định kỳ" counts for neither "kỳ hằng năm" nor "kỳ hàng năm".
    """
    own = sum(times for pair, times in best.items() if pair not in other)
    theirs = sum(times for pair, times in other.items() if pair not in best)
    return own >= _DOMINANT * max(theirs, 1)


def _choose(
    readings: list[list[str]],
    tokens: list[str],
    left: str | None,
    right: str | None,
    inv: Inventory,
    standing: list[str] | None,
) -> list[str] | None:
    """The one reading the context allows, or the clearly dominant one; None when unsure."""
    changed = [words for words in readings if words != tokens]
    scored: list[tuple[dict[str, int], list[str]]] = []
    for words in changed:
        pairs = _pairs(words, tokens, left, right, inv)
        if pairs is not None:
            scored.append((pairs, words))
    if not scored and len(changed) == 1 and _common(changed[0], tokens, inv):
        return changed[0]  # the only syllables that fit, and common ones
    if not scored:
        return None
    scored.sort(key=lambda item: -sum(item[0].values()))
    best = scored[0][0]
    rivals = [pairs for pairs, _ in scored[1:]]
    # The text as it stands (*standing*, when every word of it is sound) competes too.
    if standing is not None:
        rivals.append(_pairs(standing, [], left, right, inv) or {})
    if all(_beats(best, other) for other in rivals):
        return scored[0][1]
    return None


def _common(words: list[str], original: list[str], inv: Inventory) -> bool:
    """Whether every word a reading changes is a common syllable."""
    unchanged = set(original)
    return all(
        inv.words.get(_name(word) or "", 0) >= _COMMON for word in words if word not in unchanged
    )


def _repair_line(
    text: str, lost: str, inv: Inventory, result: Repaired, before: str | None = None
) -> str:
    """*text* repaired.

    *before* is the word that ends the line before: a lost letter may open this line
    (" ao động" after "người").
    """
    body = text.strip()
    sound = not body or ("  " not in body and not any(_bad(t) for t in body.split(" ")))
    if sound and not (body and text.startswith(" ") and before):
        return text
    opens = bool(body) and text.startswith(" ") and before is not None
    tokens = ([""] if opens else []) + body.split(" ")
    out = list(tokens)
    for start, end in reversed(_regions(tokens)):
        part = tokens[start:end]
        left = _name(tokens[start - 1]) if start > 0 else before if start == 0 else None
        right = _name(tokens[end]) if end < len(tokens) else None
        readings = _readings(part, lost, inv)
        as_is = part[1:] if opens and start == 0 else part
        standing = None if any(_bad(t) for t in as_is) else as_is
        chosen = _choose(readings, part, left, right, inv, standing)
        if chosen is None:
            if standing is None:
                result.damaged.append(clean(" ".join(part)))
            continue
        out[start:end] = chosen
        shown = [word for word in chosen if any(ch.isalnum() for ch in word)]
        if len(shown) < 2 and end < len(tokens):
            shown.append(tokens[end])
        result.repaired.append(clean(" ".join(shown)))
    if out == tokens:
        return text
    if opens and out[0] == "":
        out = out[1:]
    elif opens:
        return " ".join(out) + text[len(text.rstrip()) :]
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead + " ".join(out) + trail


def repair_lines(lines: list[Line]) -> Repaired:
    """Put lost letters back where the inventory leaves one reading (see the module doc)."""
    inv = inventory()
    text = "\n".join(line.text for line in lines)
    lost = lost_letters(text, inv)
    words = text.split()
    damage = sum(_fragment(word) for word in words)
    result = Repaired(lines)
    if not lost or damage < max(_MIN_DAMAGE, _DAMAGE_RATE * len(words)):
        return result
    fixed: list[Line] = []
    before: str | None = None
    for line in lines:
        cells = None
        if line.cells is not None:
            cells = tuple(_repair_line(cell, lost, inv, result) for cell in line.cells)
            before = None
            fixed.append(Line(_repair_line(line.text, lost, inv, Repaired([])), cells, line.bold))
            continue
        text = _repair_line(line.text, lost, inv, result, before)
        fixed.append(Line(text, cells, line.bold))
        words = text.split()
        if words:  # a blank line (a PDF's line spacing) keeps the word before it
            before = _name(words[-1]) if words[-1][-1].isalnum() else None
    result.lines = fixed
    return result


def repair_line(
    text: str, lost: str, before: str | None = None
) -> tuple[str, list[str], list[str]]:
    """One line repaired with the letters *lost*: the text, what was repaired, what was left.

    *before* is the last word of the line before, for a line opening with a lost letter.
    """
    result = Repaired([])
    fixed = _repair_line(text, lost, inventory(), result, before)
    return fixed, result.repaired, result.damaged
