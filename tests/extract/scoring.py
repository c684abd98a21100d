"""Scoring the extractor against hand-made gold: the five seeds and the development corpus.

One scorer for both gold formats (tests/data/gold for the seeds, tests/data/corpus for the
real documents; the corpus README describes its format and every judgement call):

- A gold task is found when an extracted task's title starts with the gold title (both
  folded, "*" removed, whitespace collapsed, a trailing "." or ";" ignored). Each extracted
  task matches at most one gold task, in document order.
- Recall counts every document; precision only where the gold covers the whole document
  (the README's "gold covers" column), since elsewhere an extra task may be a real one.
- Lead unit, support units, deadline phrase, due date and kind are scored over the matched
  tasks. Units compare as a secretary would: "Ban Tổ chức" and "Ban Tổ chức Đảng ủy Khối"
  are one unit, and a few letters lost by PDF extraction do not make another.

Why here and not in the app: the gold and the corpus are test data; the app never scores.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.deadlines import parse_deadline
from desktop.domain.text import fold

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = DATA / "gold"
SEEDS = DATA / "seeds"
CORPUS = DATA / "corpus"

# Documents whose gold lists every task of the whole document (corpus README, "gold covers").
# The others cover a part (a section, an annex), so a task found elsewhere is not an error.
COMPLETE = frozenset(
    {
        "tw-kl155-2025",
        "vptw-tb432-2025",
        "hu-tuyphong-kl93-2021",
        "vpcp-tb56-bocongan-2025",
        "lamdong-ubnd-kh-pcmt-den-2030",
        "lamdong-ubnd-kh-kiemtra-cchc-2026",
        "laocai-sct-kh2242-kiemtra-gcn-vlncn",
        "laocai-sct-kh3898-huanluyen-nguoiquanly-vlncn",
        "laocai-ubnd-cv7432-pccc-qd1074",
        "gialai-snnmt-cv8544-dongchay-qd2839",
    }
)


def key(text: str | None) -> str:
    folded = fold((text or "").replace("*", "").replace("uỷ", "ủy"))
    return re.sub(r"\s+", " ", folded).strip(" -+.;:")


def unit_key(text: str | None) -> str:
    value = key(text)
    return re.sub(r"^(?:giao cho|giao|de nghi|yeu cau|cac|moi)\s+", "", value)


def same_unit(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    g, f = unit_key(gold), unit_key(found)
    if g == f or g.startswith((f + " ", f + ",")) or f.startswith((g + " ", g + ",")):
        return True
    return difflib.SequenceMatcher(None, g, f).ratio() >= 0.88


def same_units(gold: list[str], found: list[str]) -> bool:
    """The same set of support units, each compared as :func:`same_unit` does."""
    if len(gold) != len(found):
        return False
    left = list(found)
    for unit in gold:
        hit = next((f for f in left if same_unit(unit, f)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def same_phrase(gold: str | None, found: str | None) -> bool:
    """The deadline phrase: the gold's shortest phrase inside what was found (or both none)."""
    if not gold or not found:
        return not gold and not found
    return key(gold) in key(found)


def kind_of(deadline_text: str | None, issued: str | None, horizon: Any) -> str | None:
    """The deadline kind the domain reads from the extracted phrase ("dated", "period", …)."""
    if not deadline_text:
        return None
    base = date.fromisoformat(issued) if issued else None
    end = None
    if isinstance(horizon, dict) and horizon.get("end"):
        end = date(int(horizon["end"]), 12, 31)
    spec = parse_deadline(deadline_text, issued=base, horizon=end)
    kind = getattr(spec.kind, "value", spec.kind)
    return None if kind in {None, "none"} else str(kind)


@dataclass
class Score:
    """Counts for one document (or a total); ratios are over matched tasks."""

    gold: int = 0
    extracted: int = 0
    matched: int = 0
    lead_ok: int = 0
    support_ok: int = 0
    phrase_ok: int = 0
    due_ok: int = 0
    kind_ok: int = 0
    kind_scored: int = 0
    precision_extracted: int = 0  # extracted tasks of documents whose gold is complete
    precision_matched: int = 0
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_lead: list[str] = field(default_factory=list)
    wrong_support: list[str] = field(default_factory=list)
    wrong_phrase: list[str] = field(default_factory=list)
    wrong_due: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "extracted",
            "matched",
            "lead_ok",
            "support_ok",
            "phrase_ok",
            "due_ok",
            "kind_ok",
            "kind_scored",
            "precision_extracted",
            "precision_matched",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float | None:
        return self._ratio(self.precision_matched, self.precision_extracted)

    @property
    def lead_accuracy(self) -> float:
        return self.lead_ok / self.matched if self.matched else 1.0

    @property
    def support_accuracy(self) -> float:
        return self.support_ok / self.matched if self.matched else 1.0

    @property
    def phrase_accuracy(self) -> float:
        return self.phrase_ok / self.matched if self.matched else 1.0

    @property
    def due_accuracy(self) -> float:
        return self.due_ok / self.matched if self.matched else 1.0

    @property
    def kind_accuracy(self) -> float | None:
        return self._ratio(self.kind_ok, self.kind_scored)

    def line(self, name: str) -> str:
        precision = "—" if self.precision is None else f"{self.precision:.1%}"
        return (
            f"{name}: gold {self.gold}, extracted {self.extracted}, recall {self.recall:.1%}, "
            f"precision {precision}, lead {self.lead_accuracy:.1%}, "
            f"due {self.due_accuracy:.1%}"
        )


@dataclass(frozen=True)
class GoldDocument:
    """One document with its gold: where to read it and the tasks a secretary would list."""

    name: str
    group: str  # "seed" or "corpus"
    path: Path
    tasks: list[dict[str, Any]]
    complete: bool
    drop_first_line: bool = False  # corpus .txt copies start with a "SOURCE:" line


def _title(task: dict[str, Any]) -> str:
    return str(task.get("title") or task.get("title_start") or "")


def score(gold: GoldDocument | dict[str, Any], result: dict[str, Any]) -> Score:
    """Compare one extraction *result* (task JSON) with its gold."""
    if isinstance(gold, dict):  # the seeds' gold file as loaded by load_gold()
        expected_tasks, complete = gold["tasks"], True
    else:
        expected_tasks, complete = gold.tasks, gold.complete
    tasks = result["tasks"]
    document = result.get("document") or {}
    out = Score(gold=len(expected_tasks), extracted=len(tasks))
    used: set[int] = set()
    keys = [key(task["title"]) for task in tasks]
    for expected in expected_tasks:
        start = key(_title(expected))
        found = next((i for i, k in enumerate(keys) if i not in used and k.startswith(start)), None)
        name = _title(expected)[:60]
        if found is None:
            out.misses.append(name)
            continue
        used.add(found)
        task = tasks[found]
        out.matched += 1
        if same_unit(expected.get("lead_unit"), task.get("lead_unit")):
            out.lead_ok += 1
        else:
            out.wrong_lead.append(
                f"{name!r}: {expected.get('lead_unit')!r} ≠ {task.get('lead_unit')!r}"
            )
        if same_units(expected.get("support_units") or [], task.get("support_units") or []):
            out.support_ok += 1
        else:
            out.wrong_support.append(
                f"{name!r}: {expected.get('support_units')} ≠ {task.get('support_units')}"
            )
        if same_phrase(expected.get("deadline_text"), task.get("deadline_text")):
            out.phrase_ok += 1
        else:
            out.wrong_phrase.append(
                f"{name!r}: {expected.get('deadline_text')!r} ≠ {task.get('deadline_text')!r}"
            )
        if expected.get("due") == task.get("due"):
            out.due_ok += 1
        else:
            out.wrong_due.append(
                f"{name!r}: {expected.get('due')} ≠ {task.get('due')} ({task['deadline_text']!r})"
            )
        if "kind" in expected:
            out.kind_scored += 1
            kind = kind_of(
                task.get("deadline_text"), document.get("issued"), document.get("horizon")
            )
            if kind == expected["kind"]:
                out.kind_ok += 1
            else:
                out.wrong_kind.append(f"{name!r}: {expected['kind']} ≠ {kind}")
    if complete:
        out.precision_extracted = out.extracted
        out.precision_matched = out.matched
    out.extra = [str(t["title"])[:70] for i, t in enumerate(tasks) if i not in used]
    return out


def load_gold() -> dict[str, dict[str, Any]]:
    """The seeds' gold files (tests/data/gold), by name."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def gold_documents() -> list[GoldDocument]:
    """Every scored document: the five seeds, then the corpus (.txt copies, then real files)."""
    documents: list[GoldDocument] = []
    for name, gold in load_gold().items():
        documents.append(GoldDocument(name, "seed", SEEDS / gold["seed"], gold["tasks"], True))
    for gold_path in sorted((CORPUS / "docs").glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        tasks = json.loads(gold_path.read_text(encoding="utf-8"))
        documents.append(
            GoldDocument(
                name,
                "corpus",
                gold_path.with_name(name + ".txt"),
                tasks,
                name in COMPLETE,
                drop_first_line=True,
            )
        )
    for gold_path in sorted((CORPUS / "files").glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        original = next(
            p for p in gold_path.parent.glob(name + ".*") if p.suffix in {".docx", ".pdf"}
        )
        tasks = json.loads(gold_path.read_text(encoding="utf-8"))
        documents.append(GoldDocument(name, "corpus", original, tasks, name in COMPLETE))
    return documents


def extract(document: GoldDocument) -> dict[str, Any]:
    """Run the app's extractor on *document* as the app would read it."""
    from desktop.extract import extract_document, extract_text

    if document.drop_first_line:
        text = document.path.read_text(encoding="utf-8").split("\n", 1)[1]
        return extract_text(text, document.path.name)
    return extract_document(document.path)


def score_all(
    documents: list[GoldDocument] | None = None,
    run: Callable[[GoldDocument], dict[str, Any]] = extract,
) -> list[tuple[GoldDocument, Score]]:
    """Score every document; the caller totals by group."""
    return [(doc, score(doc, run(doc))) for doc in (documents or gold_documents())]


def total(results: list[tuple[GoldDocument, Score]], group: str | None = None) -> Score:
    result = Score()
    for document, item in results:
        if group is None or document.group == group:
            result.add(item)
    return result
