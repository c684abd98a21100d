"""Stable, readable task ids: "PL.9" for table row 9, "II.2.3.b.(2)" for a section path.

Re-importing a document matches tasks by id, so an id depends only on where the task stands
(its numbering, or its position among unnumbered siblings), never on its text. Two items that
the document numbers alike (a repeated "(2)") are told apart by "#2", "#3".
"""

from __future__ import annotations

_PART_NUMBERS = {
    "nhất": "1",
    "một": "1",
    "hai": "2",
    "ba": "3",
    "tư": "4",
    "bốn": "4",
    "năm": "5",
    "sáu": "6",
}


def part_label(text: str) -> str:
    """Turn "Phần thứ hai" into "P2"."""
    word = text.split()[-1].lower() if text.split() else ""
    return "P" + _PART_NUMBERS.get(word, word)


def join_path(labels: list[str]) -> str:
    """Join outline labels, keeping only the deepest of nested decimals ("2", "2.3" → "2.3")."""
    kept: list[str] = []
    for label in labels:
        if kept and label.startswith(kept[-1] + ".") and label.replace(".", "").isdigit():
            kept[-1] = label
        else:
            kept.append(label)
    result = ""
    for label in kept:
        if not result:
            result = label
        elif label.startswith(("-", "+", "#")):
            result += label
        else:
            result += "." + label
    return result


class IdRegistry:
    """Hands out ids, suffixing repeats so that every id in a document is unique."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def unique(self, wanted: str) -> str:
        count = self._seen.get(wanted, 0) + 1
        self._seen[wanted] = count
        if count == 1:
            return wanted
        candidate = f"{wanted}#{count}"
        while candidate in self._seen:
            count += 1
            candidate = f"{wanted}#{count}"
        self._seen[candidate] = 1
        return candidate
