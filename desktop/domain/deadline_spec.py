"""What a deadline phrase means once read (see shared/spec/deadlines.md).

The phrase itself is always kept verbatim by the caller; a :class:`DeadlineSpec` is what the
app derives from it and may be recomputed whenever the reader improves.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, YEARLY, rrule

from desktop.domain.quarters import Quarter, quarters_between


class DeadlineKind(StrEnum):
    DATED = "dated"
    RECURRING = "recurring"
    PERIOD = "period"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"


class Recurrence(StrEnum):
    YEARLY = "yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    UNKNOWN = "unknown"  # "định kỳ" with no stated period


# How far an open-ended recurrence is expanded when nothing bounds it.
OPEN_ENDED_YEARS = 10


def _same_day_each_period(due: date) -> dict[str, int | tuple[int, ...]]:
    """Day-of-month options for rrule keeping *due*'s day of the month in every period.

    A due date on a month's last day stays on the last day (30 June → 30 September →
    31 December; 31 January → 28 or 29 February); a day past the 28th falls back to the
    last day in shorter months (the earlier of "day 30" and "last day"); others repeat as is.
    """
    if due.day == monthrange(due.year, due.month)[1]:
        return {"bymonthday": -1}
    if due.day > 28:
        return {"bymonthday": (due.day, -1), "bysetpos": 1}
    return {"bymonthday": due.day}


@dataclass(frozen=True)
class DeadlineSpec:
    """A deadline phrase, read.

    Attributes:
        kind: what sort of deadline the phrase states.
        text: the phrase as written (after NFC), for display and re-reading.
        due: ``dated``: the last day still on time; ``recurring``: the first occurrence's
            due date; ``period``: the last day of the span; otherwise ``None``.
        recurrence: the period of a ``recurring`` deadline.
        start: first day the task is active (period/ongoing/recurring), when known.
        end: last day of the program's horizon for recurring/ongoing tasks, when known.
    """

    kind: DeadlineKind
    text: str
    due: date | None = None
    recurrence: Recurrence | None = None
    start: date | None = None
    end: date | None = None

    @property
    def quarter(self) -> Quarter | None:
        """The quarter a dated (or first recurring) due date falls in."""
        return Quarter.of(self.due) if self.due else None

    @property
    def has_due_date(self) -> bool:
        return self.kind in (DeadlineKind.DATED, DeadlineKind.RECURRING, DeadlineKind.PERIOD) and (
            self.due is not None
        )

    def occurrences(self, until: date | None = None) -> list[date]:
        """Due dates of each occurrence, first to last (one date for non-recurring kinds).

        A recurring deadline with no horizon is expanded up to *until* (or
        :data:`OPEN_ENDED_YEARS` past its first due date) so that it stays finite.
        Occurrences after *until* or :attr:`end` are left out.
        """
        if self.due is None:
            return []
        if self.kind is not DeadlineKind.RECURRING or self.recurrence in (
            None,
            Recurrence.UNKNOWN,
        ):
            return [self.due]
        last = self.end or until or (self.due + relativedelta(years=OPEN_ENDED_YEARS))
        if until is not None:
            last = min(last, until)
        rule = rrule(
            YEARLY if self.recurrence is Recurrence.YEARLY else MONTHLY,
            interval=3 if self.recurrence is Recurrence.QUARTERLY else 1,
            dtstart=datetime.combine(self.due, time()),
            until=datetime.combine(last, time()),
            bymonth=self.due.month if self.recurrence is Recurrence.YEARLY else None,
            **_same_day_each_period(self.due),
        )
        days: list[date] = [moment.date() for moment in rule]
        return days

    def quarters(self, until: date | None = None) -> list[Quarter]:
        """The quarters this deadline belongs to (deadlines.md, "Quarters")."""
        if self.kind in (DeadlineKind.DATED,) and self.due:
            return [Quarter.of(self.due)]
        if self.kind is DeadlineKind.RECURRING:
            return sorted({Quarter.of(d) for d in self.occurrences(until)})
        if self.kind in (DeadlineKind.PERIOD, DeadlineKind.ONGOING) and self.start:
            last = self.due or self.end or until
            if last is None:
                return []
            return quarters_between(self.start, last)
        return []
