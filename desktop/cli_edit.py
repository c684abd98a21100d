"""The command line's corrections: add, edit, delete, extend a task; list and fix units.

Kept apart from :mod:`desktop.cli` (which builds the parser and runs it) so each command
here stays a few lines over :mod:`desktop.services.task_editing` and
:mod:`desktop.services.unit_admin`, the same services the window calls.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.cli_args import iso_day, today_from
from desktop.services.storage import Database, open_database

Sub = Callable[[str, str], argparse.ArgumentParser]


def _task_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải số nhiệm vụ (xem cột task_id của: sonhiemvu list --format json)"
        ) from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"“{value}” không phải số nhiệm vụ")
    return number


def add_edit_commands(sub: Sub) -> None:
    """Register add, edit, delete, undelete, extend and units on the parser."""
    p = sub("add", "thêm một nhiệm vụ (in ra số của nhiệm vụ mới)")
    p.add_argument("--title", required=True, help="nội dung nhiệm vụ")
    p.add_argument("--unit", help="đơn vị chủ trì")
    p.add_argument("--support", action="append", default=[], help="đơn vị phối hợp (lặp lại)")
    p.add_argument("--deadline", help="thời hạn như văn bản ghi, ví dụ “Quý III năm 2024”")
    p.add_argument("--document", help="số văn bản nhiệm vụ thuộc về (bỏ trống: không thuộc)")
    p.add_argument("--section", help="mục trong văn bản")
    p.set_defaults(handler=cmd_add)

    p = sub("edit", "sửa nội dung, đơn vị, thời hạn của một nhiệm vụ")
    p.add_argument("task_id", type=_task_id, metavar="ID")
    p.add_argument("--title")
    p.add_argument("--unit", help="đơn vị chủ trì (“” để bỏ)")
    p.add_argument("--support", action="append", help="đơn vị phối hợp (lặp lại; thay danh sách)")
    p.add_argument("--no-support", action="store_true", help="bỏ mọi đơn vị phối hợp")
    p.add_argument("--deadline", help="thời hạn mới (“” để bỏ)")
    p.add_argument("--section")
    p.set_defaults(handler=cmd_edit)

    p = sub("delete", "xoá một nhiệm vụ (ghi vào lịch sử; khôi phục bằng undelete)")
    p.add_argument("task_id", type=_task_id, metavar="ID")
    p.set_defaults(handler=cmd_delete)

    p = sub("undelete", "khôi phục một nhiệm vụ đã xoá")
    p.add_argument("task_id", type=_task_id, metavar="ID")
    p.set_defaults(handler=cmd_undelete)

    p = sub("extend", "gia hạn một nhiệm vụ")
    p.add_argument("task_id", type=_task_id, metavar="ID")
    p.add_argument("--to", type=iso_day, required=True, help="hạn mới YYYY-MM-DD")
    p.add_argument("--reason", required=True, help="lý do gia hạn")
    p.add_argument("--period", type=iso_day, help="nhiệm vụ định kỳ: hạn của kỳ cần gia hạn")
    p.set_defaults(handler=cmd_extend)

    p = sub("units", "đơn vị: liệt kê, đổi tên, gộp, đánh dấu không phải đơn vị")
    actions = p.add_subparsers(dest="units_action", parser_class=type(p), required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        q = actions.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--db", default=argparse.SUPPRESS, help="đường dẫn cơ sở dữ liệu")
        q.add_argument("--today", default=argparse.SUPPRESS, help="ngày coi là hôm nay")
        return q

    q = action("list", "liệt kê đơn vị và số nhiệm vụ")
    q.add_argument("--format", choices=("table", "json"), default="table")
    q.set_defaults(handler=cmd_units_list)
    q = action("rename", "đổi tên đơn vị")
    q.add_argument("old")
    q.add_argument("new")
    q.set_defaults(handler=cmd_units_rename)
    q = action("merge", "gộp đơn vị FROM vào đơn vị INTO")
    q.add_argument("source", metavar="FROM")
    q.add_argument("target", metavar="INTO")
    q.set_defaults(handler=cmd_units_merge)
    q = action("not-unit", "đánh dấu một tên không phải đơn vị (lần nhập sau không đề xuất)")
    q.add_argument("name")
    q.set_defaults(handler=cmd_units_not_unit)
    q = action("move", "chuyển nhiệm vụ sang đơn vị chủ trì khác")
    q.add_argument("task_ids", type=_task_id, nargs="+", metavar="ID")
    q.add_argument("--to", required=True, help="đơn vị nhận")
    q.set_defaults(handler=cmd_units_move)


def _today(args: argparse.Namespace) -> date:
    return today_from(getattr(args, "today", None))


def _unit(database: Database, name: str) -> Any:
    """The unit the user named (any spelling, with or without accents), or a refusal."""
    from desktop.services.unit_admin import UnitError
    from desktop.services.units import find_unit

    unit = find_unit(database, name)
    if unit is None:
        raise UnitError(f"Không có đơn vị “{name}”.")
    return unit


def _out(text: str) -> None:
    if sys.stdout is not None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _write(args: argparse.Namespace) -> Database:
    """Open for a write, refusing while the window holds the database."""
    from desktop.services.safety import refuse_if_window_open

    refuse_if_window_open(args.db)
    return open_database(args.db)


def _run(args: argparse.Namespace, action: Callable[[Database], str]) -> int:
    database = _write(args)
    try:
        message = action(database)
    finally:
        database.dispose()
    _out(message)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from desktop.services.task_editing import TaskDraft, add_task, find_document

    draft = TaskDraft(
        title=args.title,
        lead_unit=args.unit,
        support_units=tuple(args.support),
        deadline_text=args.deadline,
        section=args.section,
    )

    def add(database: Database) -> str:
        document = find_document(database, args.document).id if args.document else None
        task_id, _ = add_task(database, draft, document_id=document, today=_today(args))
        return str(task_id)

    return _run(args, add)


def cmd_edit(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from desktop.services.task_editing import draft_of, edit_task

    def edit(database: Database) -> str:
        draft = draft_of(database, args.task_id)
        changes: dict[str, Any] = {}
        if args.title is not None:
            changes["title"] = args.title
        if args.unit is not None:
            changes["lead_unit"] = args.unit or None
        if args.no_support:
            changes["support_units"] = ()
        elif args.support is not None:
            changes["support_units"] = tuple(args.support)
        if args.deadline is not None:
            changes["deadline_text"] = args.deadline or None
        if args.section is not None:
            changes["section"] = args.section or None
        change = edit_task(database, args.task_id, replace(draft, **changes))
        if not change.any:
            return f"Nhiệm vụ {args.task_id}: không có gì thay đổi."
        return f"Đã sửa nhiệm vụ {args.task_id}."

    return _run(args, edit)


def cmd_delete(args: argparse.Namespace) -> int:
    from desktop.services.task_editing import delete_task

    def remove(database: Database) -> str:
        delete_task(database, args.task_id)
        return (
            f"Đã xoá nhiệm vụ {args.task_id} (ghi trong lịch sử). "
            f"Khôi phục: sonhiemvu undelete {args.task_id}"
        )

    return _run(args, remove)


def cmd_undelete(args: argparse.Namespace) -> int:
    from desktop.services.task_editing import restore_task

    def restore(database: Database) -> str:
        restore_task(database, args.task_id)
        return f"Đã khôi phục nhiệm vụ {args.task_id}."

    return _run(args, restore)


def cmd_extend(args: argparse.Namespace) -> int:
    from desktop.services.tasks import TaskEditError, extend_deadline, get_task

    def extend(database: Database) -> str:
        occurrence_id = None
        if args.period is not None:
            detail = get_task(database, args.task_id)
            found = [o.id for o in detail.occurrences if o.due == args.period]
            if not found:
                raise TaskEditError(
                    f"Nhiệm vụ {args.task_id} không có kỳ nào hạn {args.period:%d/%m/%Y}."
                )
            occurrence_id = found[0]
        extend_deadline(database, args.task_id, args.to, args.reason, occurrence_id=occurrence_id)
        return f"Đã gia hạn nhiệm vụ {args.task_id} đến {args.to:%d/%m/%Y}."

    return _run(args, extend)


def cmd_units_list(args: argparse.Namespace) -> int:
    from desktop.services.unit_admin import unit_rows

    database = open_database(args.db)
    try:
        rows = unit_rows(database)
    finally:
        database.dispose()
    if args.format == "json":
        objects = [
            {
                "id": r.id,
                "name": r.name,
                "lead_tasks": r.lead_count,
                "support_tasks": r.support_count,
            }
            for r in rows
        ]
        _out(json.dumps(objects, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r.name) for r in rows), default=6)
    lines = [f"{'Đơn vị'.ljust(width)}  Chủ trì  Phối hợp"]
    lines += [f"{r.name.ljust(width)}  {r.lead_count:>7}  {r.support_count:>8}" for r in rows]
    lines.append(f"{len(rows)} đơn vị")
    _out("\n".join(lines))
    return 0


def cmd_units_rename(args: argparse.Namespace) -> int:
    from desktop.services.units import rename_unit

    def rename(database: Database) -> str:
        unit = _unit(database, args.old)
        rename_unit(database, unit.id, args.new)
        return f"Đã đổi tên “{unit.name}” thành “{args.new.strip()}”."

    return _run(args, rename)


def cmd_units_merge(args: argparse.Namespace) -> int:
    from desktop.services.unit_admin import merge_units

    def merge(database: Database) -> str:
        source, target = _unit(database, args.source), _unit(database, args.target)
        snapshot, _ = merge_units(database, source.id, target.id)
        return (
            f"Đã gộp “{source.name}” vào “{target.name}” "
            f"({len(snapshot.lead_task_ids)} nhiệm vụ chủ trì, {len(snapshot.support)} phối hợp)."
        )

    return _run(args, merge)


def cmd_units_not_unit(args: argparse.Namespace) -> int:
    from desktop.services.unit_admin import mark_not_unit

    def mark(database: Database) -> str:
        unit = _unit(database, args.name)
        snapshot, _ = mark_not_unit(database, unit.id)
        return (
            f"“{unit.name}” không còn là đơn vị; {len(snapshot.lead_task_ids)} nhiệm vụ "
            "không còn đơn vị chủ trì này. Lần nhập sau sẽ không đề xuất tên này."
        )

    return _run(args, mark)


def cmd_units_move(args: argparse.Namespace) -> int:
    from desktop.services.unit_admin import move_tasks

    def move(database: Database) -> str:
        target = _unit(database, args.to)
        before, _ = move_tasks(database, args.task_ids, target.id)
        return f"Đã chuyển {len(before)} nhiệm vụ sang “{target.name}”."

    return _run(args, move)
