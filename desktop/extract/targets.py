"""The programme's targets ("chỉ tiêu"): the sections that state them and their items.

Documents introduce their targets with a heading or a line of their own — "Một số chỉ tiêu
chủ yếu:", "Các chỉ tiêu chủ yếu", "Mục tiêu cụ thể", "Phấn đấu hằng năm đạt các chỉ tiêu
sau:" — and list them as bullets, as a numbered list that restarts at 1 (often at the same
outline level as the heading itself), or as sentences of a paragraph. Each item, or each
sentence with a figure, is one target; what it measures is read by
:func:`desktop.domain.targets.parse_measures`. Items read here are not tasks: the pipeline
drops any task read from the same paragraph.

A heading that only mentions targets ("Dự báo khả năng thực hiện các chỉ tiêu", "Một số chỉ
tiêu … chưa tốt") does not open a targets section: the whole heading must be the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.targets import Measure, parse_measures, read_period
from desktop.domain.text import clean
from desktop.extract.folding import fold_same_length
from desktop.extract.outline import Node, walk
from desktop.extract.units import read_assignment

_WHEN = (
    r"(?:\s+(?:thuc hien|phan dau|can dat|dat duoc))?"
    r"(?:\s+(?:den nam \d{4}|giai doan [\d\s–-]+|nhiem ky [\d\s–-]+|hang nam|nam \d{4}))?"
)
# "Một số chỉ tiêu chủ yếu", "CHỈ TIÊU CHỦ YẾU THỰC HIỆN ĐẾN NĂM 2030", "Mục tiêu cụ thể".
_HEADING = re.compile(
    rf"^(?:(?:mot so|cac|nhung)\s+)?chi tieu(?:\s+(?:chu yeu|cu the|co ban|chinh))?{_WHEN}$"
    rf"|^muc tieu cu the{_WHEN}$"
)
_INTRO = re.compile(r"^phan dau\b.{0,80}\bdat\s+(?:cac|nhung)\s+chi tieu\b.{0,40}$")
_MARKED = {"part", "roman", "dec", "letter", "paren", "bullet", "plus"}
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÂĂÊÔƠƯ0-9])")


@dataclass
class FoundTarget:
    """One target read from the document, with the paragraph it came from."""

    id: str
    text: str
    section: str
    measures: list[Measure]
    period: str | None
    lead_unit: str | None
    order: int  # the paragraph's position: tasks read from it are dropped
    parts: list[FoundTarget] = field(default_factory=list)


def _heading_text(text: str) -> str:
    return fold_same_length(clean(text.replace("*", ""))).rstrip(" :.").strip()


def opens_targets(node: Node) -> bool:
    """Whether *node* (with the lines that introduce its list) opens a targets section."""
    texts = [node.text, *node.intro]
    return any(_HEADING.match(_heading_text(t)) or _INTRO.match(_heading_text(t)) for t in texts)


def _section_period(node: Node) -> str | None:
    for text in [node.text, *node.intro]:
        period = read_period(text)
        if period:
            return period
    return None


def _ends_section(node: Node, opener: Node, next_number: int) -> bool:
    """A heading at the opener's level or above ends the list, unless it continues it."""
    if node.kind in {"part", "roman", "heading"}:
        return True
    if node.kind == "dec":
        if node.label == str(next_number) and node.text.rstrip().endswith((".", ";")):
            return False  # "1. Có trên 90% …" restarting under "2. Các chỉ tiêu chủ yếu"
        return opener.kind not in {"dec"} or node.level <= opener.level or not _has_figure(node)
    return False


def _has_figure(node: Node) -> bool:
    return any(m.measurable for m in parse_measures(node.text))


def _lead(text: str) -> str | None:
    assignment = read_assignment(text)
    return assignment.lead if assignment.explicit else None


def _items(node: Node) -> list[str]:
    """The targets one paragraph states: an item is one; running text one per figured sentence."""
    text = clean(node.text.replace("*", ""))
    if node.kind != "body":
        return [text]
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    figured = [s for s in sentences if any(m.measurable for m in parse_measures(s))]
    return figured


def _target(ident: str, text: str, section: str, inherited: str | None, order: int) -> FoundTarget:
    text = re.sub(r"^[^:]{2,40}:\s+(?=\S)", "", text) if text[:1].isalpha() else text
    # A line broken off the item and repeated after it ("… FDI. nước, 01 TCCSĐ …"): not text.
    pieces = re.split(r"(?<=\.)\s+", text)
    text = " ".join(p for i, p in enumerate(pieces) if i == 0 or not p[:1].islower())
    measures = parse_measures(text)
    period = read_period(text) or inherited
    return FoundTarget(
        id=ident,
        text=clean(re.sub(r"\(\*?([^()]*?)\*?\)", r"(\1)", text)).rstrip(" ;"),
        section=section,
        measures=measures,
        period=period,
        lead_unit=_lead(text),
        order=order,
    )


def _section_name(opener: Node) -> str:
    label = f"{opener.label}. " if opener.kind == "dec" else ""
    return clean(f"{label}{opener.text.replace('*', '')}").rstrip(" :")


def find_targets(root: Node) -> list[FoundTarget]:
    """Every target of the document, in order, with ids "CT.1", "CT.2" and so on."""
    nodes = sorted(walk(root), key=lambda n: n.order)
    found: list[FoundTarget] = []
    opener: Node | None = None
    period: str | None = None
    next_number = 1
    for node in nodes:
        if opener is not None and node is not opener and _ends_section(node, opener, next_number):
            opener = None
        if opener is None:
            if opens_targets(node):
                opener, period, next_number = node, _section_period(node), 1
            continue
        if node.kind == "dec":
            next_number += 1
        text = node.text.strip()
        if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in '*“"'):
            continue  # a broken-off line ("nước, 01 TCCSĐ …"): not a target of its own
        if text.endswith(":") or node.kind not in _MARKED | {"body"}:
            continue
        for item in _items(node):
            ident = f"CT.{len(found) + 1}"
            found.append(_target(ident, item, _section_name(opener), period, node.order))
    return found


def target_json(target: FoundTarget) -> list[dict[str, Any]]:
    """The task JSON (version 2) entries of one target: itself, then its sub-targets.

    The first measure is the target's own; every further one ("trong đó ít nhất 75% …") is
    an entry of its own whose ``parent`` names the target, so each can be judged.
    """
    first, *rest = target.measures
    entries = [
        {
            "id": target.id,
            "text": target.text,
            "section": target.section,
            "comparison": first.comparison.value,
            "value": first.value,
            "value_max": first.value_max,
            "unit": first.unit,
            "period": target.period,
            "lead_unit": target.lead_unit,
        }
    ]
    for index, measure in enumerate(rest, start=2):
        entries.append(
            {
                "id": f"{target.id}.{index}",
                "text": measure.text,
                "section": target.section,
                "comparison": measure.comparison.value,
                "value": measure.value,
                "value_max": measure.value_max,
                "unit": measure.unit,
                "period": read_period(measure.text) or target.period,
                "lead_unit": target.lead_unit,
                "parent": target.id,
            }
        )
    return entries
