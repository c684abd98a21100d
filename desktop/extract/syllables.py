"""The Vietnamese syllable inventory that text repair checks its guesses against.

``syllables.json`` (beside this module) lists the syllables and the syllable pairs seen in the
repository's own reference text — seeds 001–004 and the development corpus's plain texts
(``tests/data/corpus/docs/*.txt``, ``tests/data/corpus/files/*.txt``), never seed 000, whose
text is the damaged one — with how often each was seen. ``tests/extract/build_syllables.py``
writes it (see docs/extraction.md, "Repairing damaged text"). A pair of words is counted only
inside a run of words (no punctuation between them); numbers and Roman numerals count as one
word class, "#", so that "Quý II" and "năm 2021" are pairs like any other.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.domain.text import nfc
from desktop.extract.text_quality import is_syllable

DATA_FILE = Path(__file__).with_name("syllables.json")
NUMBER = "#"
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]+", re.UNICODE)
_ROMAN = re.compile(r"^[IVXLC]+$")


def word_class(token: str) -> str | None:
    """The inventory's name for *token*: a lower-case syllable, "#" for a number, else None."""
    if token.isdigit() or _ROMAN.match(token):
        return NUMBER
    if token.isalpha() and not (len(token) > 1 and token.isupper()) and is_syllable(token):
        return token.lower()
    return None


def word_runs(text: str) -> Iterator[list[str]]:
    """Runs of inventory words of *text*, broken at punctuation, line ends and other tokens."""
    for line in nfc(text).splitlines():
        run: list[str] = []
        for match in _TOKEN.finditer(line):
            name = word_class(match.group(0))
            if name is None:
                if run:
                    yield run
                run = []
            else:
                run.append(name)
        if run:
            yield run


def count(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Syllable and pair counts of *texts* (what ``syllables.json`` holds)."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for text in texts:
        for run in word_runs(text):
            words.update(w for w in run if w != NUMBER)
            pairs.update(f"{a} {b}" for a, b in zip(run, run[1:], strict=False))
    return words, pairs


@dataclass(frozen=True)
class Inventory:
    """Syllables and pairs seen, with the prefixes that let a repair prune its search."""

    words: dict[str, int]
    pairs: dict[str, int]
    prefixes: frozenset[str]

    def pair(self, left: str | None, right: str | None) -> int:
        """How often *left right* was seen (0 when either is missing)."""
        if not left or not right:
            return 0
        return self.pairs.get(f"{left} {right}", 0)


@lru_cache(maxsize=1)
def inventory() -> Inventory:
    """The shipped inventory, read once."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    words: dict[str, int] = data["syllables"]
    prefixes = frozenset(w[:i] for w in words for i in range(1, len(w) + 1))
    return Inventory(words, data["pairs"], prefixes)
