"""Stages put together: read → re-flow → outline and tables → tasks → task JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.task_format import FORMAT, TASK_FIELDS, VERSION
from desktop.domain.text import clean
from desktop.extract.document_facts import DocumentFacts, read_facts
from desktop.extract.ids import IdRegistry
from desktop.extract.outline import build_outline
from desktop.extract.paragraphs import reflow
from desktop.extract.prose import ProseTask, prose_tasks
from desktop.extract.readers import Line, lines_from_text, read_lines
from desktop.extract.tables import TableTask, read_tables
from desktop.extract.targets import find_targets, target_json
from desktop.extract.units import split_unit_list


def _due(deadline: str | None, issued: date | None, horizon: date | None) -> str | None:
    """ISO due date from the domain's deadline reader (kept out of this package)."""
    if not deadline:
        return None
    try:
        from desktop.domain.deadlines import parse_deadline
    except ImportError:  # pragma: no cover - the module is part of the app
        return None
    spec = parse_deadline(deadline, issued=issued, horizon=horizon)
    return spec.due.isoformat() if spec.due else None


def _horizon(facts: DocumentFacts, text: str) -> date | None:
    try:
        from desktop.domain.deadlines import program_horizon
    except ImportError:  # pragma: no cover - the module is part of the app
        return None
    for candidate in (facts.title, text[:3000]):
        if candidate:
            found = program_horizon(candidate)
            if found:
                return found
    return None


def _table_task(task: TableTask) -> dict[str, Any]:
    units = split_unit_list(task.lead) if task.lead else []
    support = units[1:] + (split_unit_list(task.support) if task.support else [])
    section = "Phụ lục" + (f" / {task.group}" if task.group else "")
    return {
        "id": f"PL.{task.number}",
        "title": clean(task.title),
        "section": section,
        "lead_unit": units[0] if units else None,
        "support_units": support,
        "deadline_text": clean(task.deadline) or None,
        "output_form": clean(task.output) or None,
        "notes": "; ".join(task.notes) or None,
    }


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
    }


def extract_lines(lines: list[Line], source_file: str | None = None) -> dict[str, Any]:
    """Task JSON from lines already read (see :mod:`desktop.extract.readers`)."""
    text = "\n".join(line.text for line in lines)
    facts = read_facts([line.text for line in lines if not line.is_row])
    blocks = reflow(lines)
    root = build_outline(blocks)
    horizon = _horizon(facts, text)
    registry = IdRegistry()
    tasks: list[dict[str, Any]] = []
    targets = find_targets(root)
    target_paragraphs = {target.order for target in targets}
    for prose in prose_tasks(root, is_report=facts.is_report):
        if prose.order not in target_paragraphs:  # a target's paragraph states no task
            tasks.append(_prose_task(prose))
    for row in read_tables(blocks):
        tasks.append(_table_task(row))
    for task in tasks:
        task["id"] = registry.unique(task["id"])
        task["due"] = _due(task["deadline_text"], facts.issued, horizon)
    payload: dict[str, Any] = {
        "format": FORMAT,
        "version": 2 if targets else VERSION,
        "document": {
            "number": facts.number,
            "title": facts.title,
            "issued": facts.issued.isoformat() if facts.issued else None,
            "issuer": facts.issuer,
            "source_file": source_file,
        },
        "tasks": [{key: task.get(key) for key in TASK_FIELDS} for task in tasks if task["title"]],
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
