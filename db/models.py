"""SQLAlchemy models. Dates are stored as dates; enums as their string values.

Nothing here is SQLite-specific: the same models run on PostgreSQL when a committee
shares one database.
"""

from __future__ import annotations

import functools
import getpass
import socket
from datetime import date, datetime

from sqlalchemy import (
    DDL,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so that batch migrations on SQLite can find them again.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


@functools.cache
def editor_name() -> str:
    """Who is writing: the OS user on this computer, shown when their edit wins a race.

    Cached: it is the column default of every inserted task, and asking the OS each time
    cost 4 s of a 100,000-task import.
    """
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = "?"
    return f"{user} ({socket.gethostname()})"[:200]


class Document(Base):
    """One imported action program; re-imports of the same document update it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(200))
    # Unique: one document per number, even when two imports of it race (migration 0005).
    number_key: Mapped[str | None] = mapped_column(String(200), index=True, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    issued: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    horizon: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime)

    tasks: Mapped[list[Task]] = relationship(back_populates="document")


class Unit(Base):
    """A unit ("đơn vị"). Its spellings live in :class:`UnitAlias` so merges survive imports."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    sort_key: Mapped[str] = mapped_column(String(900), index=True)


class UnitAlias(Base):
    """A normalised spelling of a unit name and the unit it means."""

    __tablename__ = "unit_aliases"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)


class TaskSupportUnit(Base):
    __tablename__ = "task_support_units"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class Task(Base):
    """A task as the document states it, plus what the user recorded about it.

    ``open_due`` is derived and kept in step on every write: the due date that still
    matters (the task's own when not done; for a recurring task the earliest occurrence
    not done; NULL when nothing is open). Overdue and due-soon lists are range scans on it.
    """

    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("document_id", "ext_id"),
        # The trailing columns make the navigation counts (per unit, per quarter,
        # overdue) index-only scans: 0.75 s → 0.1 s at 100,000 tasks (docs/benchmarks.md).
        Index("ix_tasks_lead_open_due", "lead_unit_id", "open_due", "hidden"),
        Index("ix_tasks_due_quarter_lead", "due_quarter", "lead_unit_id", "kind", "hidden"),
        Index("ix_tasks_open_due", "open_due", "hidden"),
        # The list order (document, position) with what the common views filter on: the
        # "Tất cả" and overdue lists are one covering index scan, already in order.
        Index("ix_tasks_list_order", "document_id", "position", "id", "hidden", "open_due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ext_id: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    deadline_text: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    due: Mapped[date | None] = mapped_column(Date)
    # year * 10 + quarter of ``due`` (20212 = Quý II/2021): portable, indexable quarter filter.
    due_quarter: Mapped[int | None] = mapped_column(Integer)
    recurrence: Mapped[str | None] = mapped_column(String(20))
    span_start: Mapped[date | None] = mapped_column(Date)
    span_end: Mapped[date | None] = mapped_column(Date)
    output_form: Mapped[str | None] = mapped_column(Text)
    source_notes: Mapped[str | None] = mapped_column(Text)
    extra_json: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    completed_on: Mapped[date | None] = mapped_column(Date)
    result_ref: Mapped[str | None] = mapped_column(Text)
    progress_notes: Mapped[str | None] = mapped_column(Text)
    open_due: Mapped[date | None] = mapped_column(Date)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # Soft delete: a deleted task is hidden, stamped, kept with its history and restorable;
    # a re-import of its document finds it and leaves it deleted.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The stated fields the user corrected (JSON list: "title", "lead_unit", …): a re-import
    # of the same document does not overwrite them.
    user_edited: Mapped[str | None] = mapped_column(Text)
    # Added by hand, not read from the document: never "không còn trong văn bản".
    added_by_user: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    missing_from_source: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(Text)
    title_sort: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Optimistic concurrency (migration 0007): every ORM update of a task adds one and
    # checks the row still has the version it read, so two people's writes never
    # interleave; an editor also passes the version it showed (services/tasks.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[str | None] = mapped_column(
        String(200), default=editor_name, onupdate=editor_name
    )

    __mapper_args__ = {"version_id_col": version}

    document: Mapped[Document] = relationship(back_populates="tasks")
    lead_unit: Mapped[Unit | None] = relationship()
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Occurrence.due"
    )


class Occurrence(Base):
    """One period of a recurring task, tracked on its own (the 2021 report vs the 2022 one)."""

    __tablename__ = "occurrences"
    __table_args__ = (
        UniqueConstraint("task_id", "due"),
        # Quarter counts, and "has an occurrence in this quarter" asked per recurring task
        # by the quarter filter: both index-only.
        Index("ix_occurrences_quarter", "quarter", "task_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    due: Mapped[date] = mapped_column(Date, index=True)
    quarter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    completed_on: Mapped[date | None] = mapped_column(Date)
    result_ref: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    task: Mapped[Task] = relationship(back_populates="occurrences")


class Extension(Base):
    """A deadline extension ("gia hạn"), with the reason the user gave."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("occurrences.id", ondelete="CASCADE")
    )
    old_due: Mapped[date | None] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class HistoryEntry(Base):
    """One change to a task, by the user or by an import. Never edited, never deleted."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("occurrences.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class NotUnit(Base):
    """A name the user said is not a unit ("Hoạt động"): imports stop proposing it."""

    __tablename__ = "not_units"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))


class DataVersion(Base):
    """One number bumped in the same transaction as every write (db/database.py).

    A window polls it every few seconds: a different number means someone else changed
    the data, and the window reads its lists again.
    """

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    counter: Mapped[int] = mapped_column(BigInteger)


# A new database gets its one counter row with the table (the migration inserts it too).
event.listen(
    DataVersion.__table__,
    "after_create",
    DDL("INSERT INTO data_version (id, counter) VALUES (1, 0)"),  # type: ignore[no-untyped-call]
)


class Setting(Base):
    """A user preference kept with the data (report header: issuing body, place, signer)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Target(Base):
    """A target ("chỉ tiêu") of a document, as the document states it (migration 0007).

    A sub-target ("trong đó ít nhất 75% …") names the target it is part of in ``parent_ext_id``.
    Like a task, a target gone from a re-imported file is marked, never deleted: the
    achieved values recorded against it stay.
    """

    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("document_id", "ext_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ext_id: Mapped[str] = mapped_column(String(200))
    parent_ext_id: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    comparison: Mapped[str] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(200))
    period: Mapped[str | None] = mapped_column(String(100))
    lead_unit: Mapped[str | None] = mapped_column(String(300))
    missing_from_source: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TargetAchievement(Base):
    """What the user recorded for a target in one period: "2021", "giua-ky", "cuoi-ky"."""

    __tablename__ = "target_achievements"
    __table_args__ = (UniqueConstraint("target_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(20))
    achieved: Mapped[float | None] = mapped_column(Float)
    met: Mapped[bool | None] = mapped_column(Boolean)  # a qualitative target's judgement
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TargetHistoryEntry(Base):
    """One change to a target's recorded values, by the user or by an import; never edited."""

    __tablename__ = "target_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    period: Mapped[str | None] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
