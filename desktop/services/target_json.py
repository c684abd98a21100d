"""The ``targets`` of a task JSON file (version 2, shared/spec/task-json.md): read and checked.

Each target is ``{id, text, section, comparison, value, value_max, unit, period, lead_unit}``
and, for a sub-target ("trong đó ít nhất 75% …"), ``parent``: the id of the target it is
part of. Problems are collected like the tasks' ones, so the user sees them all at once and
nothing is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from desktop.domain.targets import COMPARISONS, Comparison
from desktop.domain.text import clean
from desktop.services.file_problems import Problem

MAX_TARGETS = 10_000
MAX_TARGET_CHARS = 20_000
TARGET_FIELDS = (
    "id",
    "text",
    "section",
    "comparison",
    "value",
    "value_max",
    "unit",
    "period",
    "lead_unit",
    "parent",
)


@dataclass(frozen=True)
class TargetData:
    """One target of the file, checked."""

    ext_id: str
    text: str
    comparison: Comparison
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    period: str | None = None
    section: str | None = None
    lead_unit: str | None = None
    parent: str | None = None


def _number(value: Any) -> float | None | str:
    """A finite number, None, or the string "bad" when it is neither."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "bad"
    number = float(value)
    return number if math.isfinite(number) else "bad"


def _text(raw: dict[str, Any], name: str) -> str | None | bool:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TARGET_CHARS or "\x00" in value:
        return False
    return clean(value) or None


def _one(index: int, raw: Any, problem: Any) -> TargetData | None:
    if not isinstance(raw, dict):
        problem(index, None, "phải là một đối tượng JSON.")
        return None
    raw_id = raw.get("id")
    ext_id = clean(str(raw_id)) if isinstance(raw_id, str | int) and raw_id != "" else None
    if ext_id is None or isinstance(raw_id, bool) or len(ext_id) > 200:
        problem(index, None, "thiếu “id” (mã chỉ tiêu) hoặc “id” không hợp lệ.")
        return None
    texts = {name: _text(raw, name) for name in ("text", "section", "unit", "period")}
    texts["lead_unit"] = _text(raw, "lead_unit")
    texts["parent"] = _text(raw, "parent")
    bad = [name for name, value in texts.items() if value is False]
    for name in bad:
        problem(index, ext_id, f"“{name}” phải là chuỗi ký tự (không quá dài).")
    if not texts["text"]:
        problem(index, ext_id, "nội dung chỉ tiêu (“text”) trống.")
    comparison = raw.get("comparison", Comparison.QUALITATIVE.value)
    if comparison not in COMPARISONS:
        problem(
            index,
            ext_id,
            f"“comparison” phải là một trong {', '.join(COMPARISONS)}, đang là “{comparison}”.",
        )
        return None
    value, value_max = _number(raw.get("value")), _number(raw.get("value_max"))
    if value == "bad" or value_max == "bad":
        problem(index, ext_id, "“value” và “value_max” phải là số hoặc null.")
        return None
    assert not isinstance(value, str) and not isinstance(value_max, str)
    kind = Comparison(comparison)
    if kind is not Comparison.QUALITATIVE and value is None:
        problem(index, ext_id, f"chỉ tiêu so sánh “{comparison}” cần “value” là một số.")
    if kind is Comparison.RANGE and (value_max is None or value is None or value_max < value):
        problem(index, ext_id, "chỉ tiêu khoảng (“range”) cần “value_max” không nhỏ hơn “value”.")
    if bad or not texts["text"] or (kind is not Comparison.QUALITATIVE and value is None):
        return None
    if kind is Comparison.RANGE and (value_max is None or value is None or value_max < value):
        return None

    def text_of(name: str) -> str | None:
        found = texts[name]
        return found if isinstance(found, str) else None

    return TargetData(
        ext_id=ext_id,
        text=text_of("text") or "",
        comparison=kind,
        value=value,
        value_max=value_max if kind is Comparison.RANGE else None,
        unit=text_of("unit"),
        period=text_of("period"),
        section=text_of("section"),
        lead_unit=text_of("lead_unit"),
        parent=text_of("parent"),
    )


def read_targets(raw: Any, problems: list[Problem]) -> tuple[TargetData, ...]:
    """The file's targets; every problem found is added to *problems*."""

    def problem(index: int, ext_id: str | None, message: str) -> None:
        where = f"Chỉ tiêu thứ {index + 1}" + (f" (id “{ext_id}”)" if ext_id else "")
        problems.append(Problem(f"{where}: {message}"))

    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem("“targets” (các chỉ tiêu) phải là một danh sách."))
        return ()
    if len(raw) > MAX_TARGETS:
        problems.append(Problem(f"Quá nhiều chỉ tiêu ({len(raw)}; tối đa {MAX_TARGETS})."))
        return ()
    targets: list[TargetData] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        target = _one(index, item, problem)
        if target is None:
            continue
        if target.ext_id in seen:
            problem(index, target.ext_id, "id trùng với một chỉ tiêu trước đó.")
            continue
        seen.add(target.ext_id)
        targets.append(target)
    for index, target in enumerate(targets):
        parent = target.parent
        if parent is not None and (parent not in seen or parent == target.ext_id):
            problem(index, target.ext_id, f"“parent” “{parent}” không phải chỉ tiêu trong tệp.")
    return tuple(targets)
