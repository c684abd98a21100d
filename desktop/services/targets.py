"""Targets ("chỉ tiêu") per document and per period, and the values achieved against them.

The window's "Chỉ tiêu" view, the command line (``sonhiemvu targets``) and the target report
all read through here; the result of every target comes from the one rule in
:func:`desktop.domain.targets.evaluate`. Recording a value is one transaction that leaves a
history entry per changed field, as a task's progress does; undo is recording the old value
again (the history keeps both).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from db import Database
from db.models import Document, Target, TargetAchievement, TargetHistoryEntry
from desktop.domain.targets import (
    END_OF_TERM,
    MID_TERM,
    Comparison,
    TargetResult,
    applies_in_year,
    combine,
    evaluate,
    format_number,
    period_key,
    period_label,
    planned_text,
)
from desktop.domain.text import clean
from desktop.services.changes import Change
from desktop.services.target_import import history_text
from desktop.services.task_editing import list_documents

USER = "user"
MAX_NOTE_CHARS = 2_000


class TargetError(ValueError):
    """A value the user gave that cannot be recorded; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Recorded:
    """What is recorded for one target in one period (all None: nothing yet)."""

    achieved: float | None = None
    met: bool | None = None
    note: str | None = None


@dataclass(frozen=True)
class TargetRow:
    """One target as the views and reports show it, for one period."""

    id: int
    document_id: int
    document: str
    ext_id: str
    parent_ext_id: str | None
    text: str
    section: str | None
    comparison: Comparison
    value: float | None
    value_max: float | None
    unit: str | None
    period: str | None
    lead_unit: str | None
    missing_from_source: bool
    recorded: Recorded
    result: TargetResult  # this row's own result
    overall: TargetResult  # with its sub-targets (a top-level row); the same for a sub-target

    @property
    def is_sub_target(self) -> bool:
        return self.parent_ext_id is not None

    @property
    def planned(self) -> str:
        return planned_text(self.comparison, self.value, self.value_max, self.unit)

    @property
    def achieved_text(self) -> str:
        """The achieved value as shown: "80%", "693 đảng viên", "Đạt", or empty."""
        recorded = self.recorded
        if self.comparison is Comparison.QUALITATIVE:
            if recorded.met is None:
                return ""
            return "Đạt" if recorded.met else "Không đạt"
        if recorded.achieved is None:
            return ""
        figure = format_number(recorded.achieved)
        if self.unit == "%":
            return f"{figure}%"
        return f"{figure} {self.unit}" if self.unit else figure

    @property
    def name(self) -> str:
        """The target's text without its notes and closing stop, to name it in a sentence."""
        return re.sub(r"\s*\([^()]*\)", "", self.text).rstrip(" .;")


@dataclass(frozen=True)
class TargetSummary:
    """The count a report gives: "đạt 8/9 chỉ tiêu", and which were missed."""

    total: int
    met: int
    missed: tuple[TargetRow, ...]
    not_assessed: tuple[TargetRow, ...]

    @property
    def line(self) -> str:
        """The count as seed 002 writes it: "Đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu: … (đạt 80%)"."""
        if not self.total:
            return "Không có chỉ tiêu nào thuộc kỳ này."
        text = f"Đạt {self.met}/{self.total} chỉ tiêu"
        if self.missed:
            named = "; ".join(
                f"{row.name} (đạt {row.achieved_text})" if row.achieved_text else row.name
                for row in self.missed
            )
            text += f"; chưa đạt {len(self.missed)} chỉ tiêu: {named}"
        if self.not_assessed:
            text += f"; {len(self.not_assessed)} chỉ tiêu chưa đánh giá"
        return text + "."


def check_period(text: str) -> str:
    """The stored key of a period the user named ("2021", "giữa kỳ"), or a clear error."""
    key = period_key(text)
    if key is None:
        raise TargetError(
            f"Kỳ “{clean(text)[:30]}” không hợp lệ: nhập một năm (ví dụ 2021), “giữa kỳ” "
            "(sơ kết giữa nhiệm kỳ) hoặc “cuối kỳ” (tổng kết nhiệm kỳ)."
        )
    return key


def document_periods(issued_year: int | None, horizon_year: int | None) -> list[str]:
    """The periods a document's targets may be judged in: its years, mid-term, end of term."""
    if horizon_year is not None:
        first = min(issued_year or horizon_year, horizon_year - 4)
        years = range(max(first, horizon_year - 9), horizon_year + 1)
    elif issued_year is not None:
        years = range(issued_year, issued_year + 5)
    else:
        years = range(0)
    return [str(year) for year in years] + [MID_TERM, END_OF_TERM]


def periods_for(database: Database, document_id: int | None = None) -> list[str]:
    """Every period offered for one document (or for all documents with targets)."""
    keys: list[str] = []
    with database.session() as session:
        query = select(Document.id, Document.issued, Document.horizon).where(
            Document.id.in_(select(Target.document_id))
        )
        if document_id is not None:
            query = query.where(Document.id == document_id)
        for _, issued, horizon in session.execute(query).all():
            for key in document_periods(
                issued.year if issued else None, horizon.year if horizon else None
            ):
                if key not in keys:
                    keys.append(key)
    years = sorted(k for k in keys if k.isdigit())
    return years + [k for k in (MID_TERM, END_OF_TERM) if k in keys]


def _in_period(period_of_target: str | None, period: str) -> bool:
    if not period.isdigit():
        return True  # a mid-term or end-of-term review looks at every target
    return applies_in_year(period_of_target, int(period))


def list_targets(
    database: Database,
    period: str,
    *,
    document_id: int | None = None,
    include_missing: bool = False,
) -> list[TargetRow]:
    """The targets judged in *period* ("2021", "giua-ky"), in document order.

    A yearly period shows the targets stated "hằng năm" and those due that year; a sub-
    target goes with its target. Targets gone from their document's latest import are left
    out unless *include_missing*.
    """
    period = check_period(period)
    labels = {choice.id: choice.label for choice in list_documents(database)}
    with database.session() as session:
        query = select(Target).order_by(Target.document_id, Target.position, Target.id)
        if document_id is not None:
            query = query.where(Target.document_id == document_id)
        if not include_missing:
            query = query.where(Target.missing_from_source.is_(False))
        targets = list(session.scalars(query))
        ids = [t.id for t in targets]
        recorded: dict[int, Recorded] = {}
        for start in range(0, len(ids), 500):
            for row in session.scalars(
                select(TargetAchievement).where(
                    TargetAchievement.target_id.in_(ids[start : start + 500]),
                    TargetAchievement.period == period,
                )
            ):
                recorded[row.target_id] = Recorded(row.achieved, row.met, row.note)
    included: set[tuple[int, str]] = {
        (t.document_id, t.ext_id)
        for t in targets
        if t.parent_ext_id is None and _in_period(t.period, period)
    }
    chosen = [t for t in targets if (t.document_id, t.parent_ext_id or t.ext_id) in included]
    own: dict[int, TargetResult] = {}
    for target in chosen:
        values = recorded.get(target.id, Recorded())
        own[target.id] = evaluate(
            target.comparison, target.value, target.value_max, values.achieved, values.met
        )
    overall: dict[int, TargetResult] = {}
    for target in chosen:
        if target.parent_ext_id is None:
            parts = [
                own[t.id]
                for t in chosen
                if t.document_id == target.document_id and t.parent_ext_id == target.ext_id
            ]
            overall[target.id] = combine(own[target.id], parts)
        else:
            overall[target.id] = own[target.id]
    return [
        TargetRow(
            id=t.id,
            document_id=t.document_id,
            document=labels.get(t.document_id, f"Văn bản {t.document_id}"),
            ext_id=t.ext_id,
            parent_ext_id=t.parent_ext_id,
            text=t.text,
            section=t.section,
            comparison=Comparison(t.comparison),
            value=t.value,
            value_max=t.value_max,
            unit=t.unit,
            period=t.period,
            lead_unit=t.lead_unit,
            missing_from_source=t.missing_from_source,
            recorded=recorded.get(t.id, Recorded()),
            result=own[t.id],
            overall=overall[t.id],
        )
        for t in chosen
    ]


def summarize(rows: list[TargetRow]) -> TargetSummary:
    """Count the targets (not their sub-targets) by their overall result."""
    top = [row for row in rows if not row.is_sub_target]
    return TargetSummary(
        total=len(top),
        met=sum(1 for row in top if row.overall is TargetResult.MET),
        missed=tuple(row for row in top if row.overall is TargetResult.MISSED),
        not_assessed=tuple(row for row in top if row.overall is TargetResult.NOT_ASSESSED),
    )


def _checked(target: Target, value: Recorded) -> Recorded:
    if value.achieved is not None:
        if not math.isfinite(value.achieved) or value.achieved < 0:
            raise TargetError("Giá trị đạt được phải là một số không âm.")
        if value.achieved > 1e12:
            raise TargetError("Giá trị đạt được quá lớn.")
        if target.comparison == Comparison.QUALITATIVE:
            raise TargetError(
                "Chỉ tiêu này không có số liệu (định tính): hãy ghi “đạt” hoặc “không đạt”."
            )
    if value.met is not None and target.comparison != Comparison.QUALITATIVE:
        raise TargetError("Chỉ tiêu này có số liệu: hãy nhập giá trị đạt được.")
    note = clean(value.note) if value.note else None
    if note and len(note) > MAX_NOTE_CHARS:
        raise TargetError(f"Ghi chú quá dài (tối đa {MAX_NOTE_CHARS} ký tự).")
    return Recorded(value.achieved, value.met, note or None)


def record_achievement(
    database: Database,
    target_id: int,
    period: str,
    value: Recorded,
    *,
    now: datetime,
) -> tuple[Recorded, Change]:
    """Record what *target_id* achieved in *period*; return what was recorded before.

    All None clears the period's record (the target is then "chưa đánh giá"). Validated
    before anything is written; one transaction with one history entry per changed field.
    """
    period = check_period(period)
    with database.session() as session:
        target = session.get(Target, target_id)
        if target is None:
            raise TargetError(f"Không có chỉ tiêu số {target_id}.")
        value = _checked(target, value)
        row = session.scalars(
            select(TargetAchievement).where(
                TargetAchievement.target_id == target_id, TargetAchievement.period == period
            )
        ).first()
        before = Recorded(row.achieved, row.met, row.note) if row is not None else Recorded()
        if before == value:
            return before, Change()
        for name in ("achieved", "met", "note"):
            old, new = getattr(before, name), getattr(value, name)
            if old != new:
                session.add(
                    TargetHistoryEntry(
                        target_id=target_id,
                        period=period,
                        at=now,
                        source=USER,
                        field=name,
                        old_value=history_text(old),
                        new_value=history_text(new),
                    )
                )
        if value == Recorded():
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                TargetAchievement(
                    target_id=target_id,
                    period=period,
                    achieved=value.achieved,
                    met=value.met,
                    note=value.note,
                    updated_at=now,
                )
            )
        else:
            row.achieved, row.met, row.note, row.updated_at = (
                value.achieved,
                value.met,
                value.note,
                now,
            )
    return before, Change(targets=True)


@dataclass(frozen=True)
class TargetHistoryRow:
    at: datetime
    period: str | None
    source: str
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def period_label(self) -> str:
        return period_label(self.period) if self.period else ""


def target_history(database: Database, target_id: int) -> list[TargetHistoryRow]:
    """Every change to a target, oldest first."""
    with database.session() as session:
        entries = session.scalars(
            select(TargetHistoryEntry)
            .where(TargetHistoryEntry.target_id == target_id)
            .order_by(TargetHistoryEntry.at, TargetHistoryEntry.id)
        )
        return [
            TargetHistoryRow(e.at, e.period, e.source, e.field, e.old_value, e.new_value)
            for e in entries
        ]


def find_target(database: Database, target_id: int) -> TargetRow | None:
    """One target with nothing recorded, for messages ("chỉ tiêu CT.9 …")."""
    with database.session() as session:
        target = session.get(Target, target_id)
        if target is None:
            return None
        document_id = target.document_id
    for row in list_targets(database, END_OF_TERM, document_id=document_id, include_missing=True):
        if row.id == target_id:
            return row
    return None
