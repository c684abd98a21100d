"""What a deadline phrase means once read (see shared/spec/deadlines.md).

The phrase itself is always kept verbatim by the caller; a :class:`DeadlineSpec` is what the
app derives from it and may be recomputed whenever the reader improves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
        step = {Recurrence.YEARLY: 12, Recurrence.QUARTERLY: 3, Recurrence.MONTHLY: 1}[
            self.recurrence
        ]
        # Due dates at month ends: step from the first day of the month after each due
        # date and take the day before, so 30 June → 30 September → 31 December.
        anchor = self.due + relativedelta(days=1)
        month_end = anchor.day == 1
        freq = YEARLY if step == 12 else MONTHLY
        interval = 1 if step == 12 else step
        starts = rrule(freq, interval=interval, dtstart=anchor, until=last + relativedelta(days=1))
        result = []
        for start in starts:
            day = (start.date() - relativedelta(days=1)) if month_end else start.date()
            if not month_end:
                day = self.due + relativedelta(months=len(result) * step)
            if day > last:
                break
            result.append(day)
        return result

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
