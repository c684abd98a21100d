"""Scoring the extractor against hand-written gold task lists.

A gold task is found when an extracted task's title starts with the gold ``title_start``
(both folded, spaces collapsed, list markers and emphasis ignored); each gold task is matched
at most once, in document order. Lead units are compared as a secretary would: "Ban Tổ chức"
and "Ban Tổ chức Đảng ủy Khối" are the same unit, and a few letters lost by PDF extraction
("Phòng Quản đất đai") do not make a different one.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.text import fold

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def key(text: str | None) -> str:
    folded = fold((text or "").replace("*", "").replace("uỷ", "ủy"))
    return re.sub(r"\s+", " ", folded).strip(" -+.;:")


def unit_key(text: str | None) -> str:
    value = key(text)
    value = re.sub(r"^(?:giao cho|giao|cac|moi)\s+", "", value)
    return value


def same_unit(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    g, f = unit_key(gold), unit_key(found)
    if (
        g == f
        or g.startswith(f + " ")
        or f.startswith(g + " ")
        or g.startswith(f + ",")
        or (f.startswith(g + ","))
    ):
        return True
    return difflib.SequenceMatcher(None, g, f).ratio() >= 0.88


@dataclass
class Score:
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    lead_ok: int = 0
    due_ok: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_lead: list[str] = field(default_factory=list)
    wrong_due: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.matched += other.matched
        self.lead_ok += other.lead_ok
        self.due_ok += other.due_ok

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def lead_accuracy(self) -> float:
        return self.lead_ok / self.matched if self.matched else 1.0

    @property
    def due_accuracy(self) -> float:
        return self.due_ok / self.matched if self.matched else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name}: gold {self.gold}, extracted {self.extracted}, recall {self.recall:.1%}, "
            f"precision {self.precision:.1%}, lead {self.lead_accuracy:.1%}, "
            f"due {self.due_accuracy:.1%}"
        )


def score(gold: dict[str, Any], result: dict[str, Any]) -> Score:
    tasks = result["tasks"]
    out = Score(gold=len(gold["tasks"]), extracted=len(tasks))
    used: set[int] = set()
    for expected in gold["tasks"]:
        start = key(expected["title_start"])
        found = next(
            (
                i
                for i, task in enumerate(tasks)
                if i not in used and key(task["title"]).startswith(start)
            ),
            None,
        )
        if found is None:
            out.misses.append(expected["title_start"])
            continue
        used.add(found)
        task = tasks[found]
        out.matched += 1
        if same_unit(expected["lead_unit"], task["lead_unit"]):
            out.lead_ok += 1
        else:
            out.wrong_lead.append(
                f"{expected['title_start']!r}: {expected['lead_unit']!r} ≠ {task['lead_unit']!r}"
            )
        if expected["due"] == task["due"]:
            out.due_ok += 1
        else:
            out.wrong_due.append(
                f"{expected['title_start']!r}: {expected['due']} ≠ {task['due']} "
                f"({task['deadline_text']!r})"
            )
    out.extra = [t["title"][:70] for i, t in enumerate(tasks) if i not in used]  # type: ignore[attr-defined]
    return out


def load_gold() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
