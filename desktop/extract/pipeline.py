"""Stages put together: read → re-flow → outline and tables → tasks → task JSON (version 2).

What the extractor knows travels with the tasks (shared/spec/task-json.md, version 2): the
programme's horizon and issue date, so the importer reads "hằng năm" inside 2021–2025 as the
extractor did; per task, the fields it guessed (a unit inherited from a heading or the row
above, a deadline stated once for a list) for the preview to highlight.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.deadlines import parse_deadline, program_horizon
from desktop.domain.task_format import FORMAT, TASK_FIELDS, V2_TASK_FIELDS, VERSION
from desktop.domain.text import clean, fold
from desktop.extract.deadline_phrases import is_deadline_phrase
from desktop.extract.document_facts import DocumentFacts, read_facts
from desktop.extract.event_time import date_event_tasks, event_times
from desktop.extract.ids import IdRegistry
from desktop.extract.lines import Line
from desktop.extract.milestones import split_milestones
from desktop.extract.outline import build_outline
from desktop.extract.paragraphs import reflow
from desktop.extract.prose import ProseTask, prose_tasks
from desktop.extract.readers import lines_from_text, read_lines
from desktop.extract.repair import Repaired, repair_lines
from desktop.extract.tables import TableTask, read_tables
from desktop.extract.targets import find_targets, target_json
from desktop.extract.units import split_units

_SPAN = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)


def _due(deadline: str | None, issued: date | None, horizon: date | None) -> str | None:
    """ISO due date, as the domain's deadline reader gives it."""
    if not deadline:
        return None
    spec = parse_deadline(deadline, issued=issued, horizon=horizon)
    return spec.due.isoformat() if spec.due else None


def _horizon(facts: DocumentFacts, text: str) -> tuple[int | None, date | None]:
    """The programme's term: its first year (when stated) and its last day."""
    for candidate in (facts.title, text[:3000]):
        if not candidate:
            continue
        end = program_horizon(candidate)
        if end:
            span = _SPAN.search(candidate)
            start = int(span.group(1)) if span and int(span.group(2)) == end.year else None
            if start is None and facts.issued and facts.issued.year <= end.year:
                start = facts.issued.year
            return start, end
    return None, None


def _cell(value: str) -> str:
    """A cell without its bullets ("- Bộ A; - Bộ B" → "Bộ A; Bộ B"), names left whole."""
    return clean(re.sub(r"(?:^|(?<=[;.:]))\s*[-–•+]\s+", " ", value)).strip(" ;.")


def _table_task(task: TableTask, ids: dict[int, str]) -> dict[str, Any]:
    lead = _cell(task.lead) or None
    support = [u for u in split_units(task.support) if fold(u) != fold(lead or "")]
    section = "Phụ lục" + (f" / {task.group}" if task.group else "")
    names = {"lead": "lead_unit", "support": "support_units", "deadline": "deadline_text"}
    guessed = [names[field] for field in task.inherited]
    return {
        "id": ids.get(id(task)) or f"PL.{task.number}",
        "title": clean(task.title),
        "section": section,
        "lead_unit": lead,
        "support_units": support,
        "deadline_text": _last_milestone(clean(task.deadline)) or None,
        "output_form": clean(task.output) or None,
        "notes": "; ".join(task.notes) or None,
        "guessed": guessed,
    }


_MILESTONE = re.compile(r"(?:^|;)\s*[-–•]\s+")


def _last_milestone(cell: str) -> str:
    """The deadline of a progress cell: its last step when it lists dated steps.

    "- Trình UBTVQH … (tháng 4/2025); - Trình Quốc hội … (tháng 5/2025)" is done at the last
    step; any other cell is read whole.
    """
    steps = [s.strip(" ;.") for s in _MILESTONE.split(cell) if s.strip(" ;.")]
    if len(steps) >= 2 and all(is_deadline_phrase(s[-60:]) for s in steps):
        return steps[-1]
    return cell


def _table_ids(rows: list[TableTask]) -> dict[int, str]:
    """Ids by row number ("PL.9"), with the group when numbering restarts ("PL.II.3")."""
    ids: dict[int, str] = {}
    by_table: dict[int, list[TableTask]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    prefix = "PL" if len(by_table) <= 1 else None
    for number, table in by_table.items():
        numbers = [row.number for row in table if row.number]
        restarts = len(numbers) != len(set(numbers)) and any(row.group for row in table)
        head = prefix or f"PL{number}"
        for index, row in enumerate(table, start=1):
            label = row.number or str(index)
            if restarts and row.group:
                label = f"{row.group}.{label}"
            ids[id(row)] = f"{head}.{label}"
    return ids


def _opening(title: str) -> str:
    """The first twelve words of a title, folded: what tells two tasks apart at a glance."""
    return " ".join(fold(title.replace("*", "")).strip(" -+.;").split()[:12]).strip(" .;,")


def _words(title: str) -> str:
    return " ".join(fold(title.replace("*", "")).strip(" -+.;").split()).strip(" .;,")


def _repeats(title: str, row_titles: list[str]) -> bool:
    """Whether a prose task opens with a whole table row's task, then explains it."""
    words = _words(title) + " "
    return any(words.startswith(row + " ") for row in row_titles)


def _prose_task(task: ProseTask) -> dict[str, Any]:
    return {
        "id": task.path,
        "title": task.title,
        "section": task.section or None,
        "lead_unit": task.lead,
        "support_units": task.support,
        "deadline_text": task.deadline,
        "output_form": task.output,
        "notes": None,
        "guessed": list(task.guessed),
    }


def _without_table_lead(rows: list[TableTask], prose: list[ProseTask]) -> None:
    """Give a table without a doer column the lead the text gives its annex.

    A schedule in an annex ("Phụ lục I: đơn vị được kiểm tra, thời gian") is carried out by
    the unit of the prose task that names the "phụ lục".
    """
    owner = next(
        (task.lead for task in prose if task.lead and "phu luc" in fold(task.raw_text)), None
    )
    for row in rows:
        if not row.has_lead_column and not row.lead and owner:
            row.lead = owner
            row.inherited.append("lead")


def _mark_repairs(task: dict[str, Any], repairs: Repaired) -> None:
    """Mark a task whose words were repaired, and flag its title when damage is left in it."""
    read = " ".join(
        str(task.get(key) or "") for key in ("title", "lead_unit", "deadline_text", "output_form")
    )
    read += " " + " ".join(task.get("support_units") or [])
    task["repaired"] = any(phrase in read for phrase in repairs.repaired)
    if any(phrase in task["title"] for phrase in repairs.damaged):
        task["guessed"] = [*task.get("guessed", []), "title"]


def extract_lines(lines: list[Line], source_file: str | None = None) -> dict[str, Any]:
    """Task JSON from lines already read (see :mod:`desktop.extract.readers`)."""
    repairs = repair_lines(lines)
    lines = repairs.lines
    text = "\n".join(line.text for line in lines)
    facts = read_facts([line.text for line in lines if not line.is_row])
    blocks = reflow(lines)
    root = build_outline(blocks)
    start, horizon = _horizon(facts, text)
    registry = IdRegistry()
    targets = find_targets(root)
    target_paragraphs = {target.order for target in targets}
    # A target's paragraph states no task.
    prose = split_milestones(
        [
            task
            for task in prose_tasks(root, is_report=facts.is_report)
            if task.order not in target_paragraphs
        ]
    )
    rows = read_tables(blocks)
    _without_table_lead(rows, prose)
    table_ids = _table_ids(rows)
    # A plan often repeats its annex table's rows as prose bullets: the row, which names
    # its doer and its time, is kept and the bullet that repeats it word for word is not.
    in_tables = {_opening(row.title) for row in rows}
    row_titles = [_words(row.title) for row in rows if len(_words(row.title).split()) >= 6]
    tasks: list[dict[str, Any]] = [
        _prose_task(task)
        for task in prose
        if _opening(task.title) not in in_tables and not _repeats(task.title, row_titles)
    ]
    tasks.extend(_table_task(row, table_ids) for row in rows)
    date_event_tasks(tasks, event_times([line.text for line in lines if not line.is_row]))
    for task in tasks:
        task["id"] = registry.unique(task["id"])
        task["due"] = _due(task["deadline_text"], facts.issued, horizon)
        _mark_repairs(task, repairs)
    document: dict[str, Any] = {
        "number": facts.number,
        "title": facts.title,
        "issued": facts.issued.isoformat() if facts.issued else None,
        "issuer": facts.issuer,
        "source_file": source_file,
    }
    if horizon is not None:
        document["horizon"] = {"start": start, "end": horizon.year}
    payload: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "document": document,
        "tasks": [
            {key: task.get(key) for key in (*TASK_FIELDS, *V2_TASK_FIELDS)}
            for task in tasks
            if task["title"]
        ],
    }
    if targets:  # version 2 (shared/spec/task-json.md): the programme's "chỉ tiêu"
        payload["targets"] = [entry for target in targets for entry in target_json(target)]
    return payload


def extract_text(text: str, source_file: str | None = None) -> dict[str, Any]:
    """Task JSON from text already read (plain text or markdown, as the seeds are)."""
    return extract_lines(lines_from_text(text), source_file)


def extract_document(path: Path) -> dict[str, Any]:
    """Task JSON from a document file.

    Raises:
        ExtractError: the file cannot be read; the message says what to do.
    """
    path = Path(path)
    return extract_lines(read_lines(path), path.name)
