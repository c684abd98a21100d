"""Scoring the target reader against the hand-written gold of the seeds (tests/data/targets_gold).

A gold target is found when an extracted target's text starts with the gold ``text`` (both
folded, spaces and emphasis ignored); each extracted target is matched at most once, in
document order. A found measurable target is right when its comparison, value, upper value
and unit all equal the gold's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.text import fold

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = DATA / "targets_gold"
SEEDS = DATA / "seeds"


def key(text: str | None) -> str:
    folded = fold((text or "").replace("*", "").replace("uỷ", "ủy"))
    return re.sub(r"\s+", " ", folded).strip(" -+.;:")


def load_gold() -> dict[str, dict[str, Any]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(GOLD.glob("*.json"))
    }


@dataclass
class TargetScore:
    gold: int = 0
    found: int = 0
    measurable: int = 0
    right: int = 0
    period_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: TargetScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.measurable += other.measurable
        self.right += other.right
        self.period_right += other.period_right

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def accuracy(self) -> float:
        return self.right / self.measurable if self.measurable else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name}: found {self.found}/{self.gold}, measurable right "
            f"{self.right}/{self.measurable} ({self.accuracy:.0%}), period right "
            f"{self.period_right}/{self.found}"
        )


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def score(gold: dict[str, Any], extracted: list[dict[str, Any]]) -> TargetScore:
    result = TargetScore(gold=len(gold["targets"]))
    used: set[int] = set()
    for item in gold["targets"]:
        wanted = key(item["text"])
        match = next(
            (
                (i, t)
                for i, t in enumerate(extracted)
                if i not in used and key(t["text"]).startswith(wanted)
            ),
            None,
        )
        if item["comparison"] != "qualitative":
            result.measurable += 1
        if match is None:
            result.misses.append(item["text"])
            continue
        index, found = match
        used.add(index)
        result.found += 1
        if found.get("period") == item["period"]:
            result.period_right += 1
        if item["comparison"] == "qualitative":
            continue
        if (
            found["comparison"] == item["comparison"]
            and _same_number(found["value"], item["value"])
            and _same_number(found["value_max"], item["value_max"])
            and found["unit"] == item["unit"]
        ):
            result.right += 1
        else:
            result.wrong.append(
                f"{item['text'][:50]}: {found['comparison']} {found['value']} "
                f"{found['value_max']} {found['unit']!r}"
            )
    return result
