"""The command line: ``sonhiemvu`` with no subcommand opens the window.

Every subcommand goes through the same services as the window. Errors the user can act on
print a Vietnamese message to stderr and exit 1; anything else is logged with its traceback
and reported in one Vietnamese sentence — never a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop.cli_args import UsageError, check_output, iso_day, today_from
from desktop.cli_edit import add_edit_commands
from desktop.cli_targets import add_target_commands
from desktop.domain.quarters import Quarter, QuarterError
from desktop.logs import log_path, setup_logging
from desktop.services.errors import is_known
from desktop.services.storage import Database, open_database

log = logging.getLogger(__name__)


def _quarter(value: str) -> Quarter:
    try:
        return Quarter.parse(value)
    except QuarterError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


_ARGPARSE_WORDS = (
    ("the following arguments are required: ", "thiếu tham số: "),
    ("unrecognized arguments: ", "không hiểu tham số: "),
    ("invalid choice: ", "lựa chọn không hợp lệ: "),
    ("choose from ", "chọn một trong "),
    ("expected one argument", "cần một giá trị"),
    ("argument ", "tham số "),
)


class _Parser(argparse.ArgumentParser):
    """Argparse with its messages in Vietnamese, raised instead of exiting."""

    def error(self, message: str) -> Any:
        for english, vietnamese in _ARGPARSE_WORDS:
            message = message.replace(english, vietnamese)
        raise UsageError(f"{message}\n(xem: {self.prog} --help)")


FORCE_HELP = "ghi đè cả khi tệp đích đã có và là loại tệp khác (không bao giờ đè cơ sở dữ liệu)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sonhiemvu", description="Sổ nhiệm vụ — theo dõi nhiệm vụ và thời hạn.")
    parser.add_argument("--db", help="đường dẫn hoặc URL cơ sở dữ liệu")
    parser.add_argument("--today", help="ngày coi là hôm nay (YYYY-MM-DD)")
    parser.add_argument("--screenshot", type=Path, help="lưu ảnh cửa sổ chính rồi thoát")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra rồi thoát")
    parser.add_argument("--data-dir", type=Path, help="thư mục dữ liệu (cho --self-test)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS: given before the subcommand, the value is kept (not reset to None).
        command.add_argument(
            "--db", default=argparse.SUPPRESS, help="đường dẫn hoặc URL cơ sở dữ liệu"
        )
        command.add_argument(
            "--today", default=argparse.SUPPRESS, help="ngày coi là hôm nay (YYYY-MM-DD)"
        )
        return command

    p = sub("import", "nhập tệp nhiệm vụ JSON hoặc văn bản")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.add_argument("--issued", type=iso_day, help="ngày ban hành khi văn bản không ghi")
    p.set_defaults(handler=cmd_import)

    p = sub("extract", "đọc văn bản thành tệp nhiệm vụ JSON")
    p.add_argument("document", type=Path)
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(handler=cmd_extract)

    p = sub("parse-deadline", "đọc một cụm từ thời hạn")
    p.add_argument("phrase")
    p.add_argument("--issued", type=iso_day)
    p.set_defaults(handler=cmd_parse_deadline)

    p = sub("list", "liệt kê nhiệm vụ")
    p.add_argument("--unit")
    p.add_argument("--quarter", type=_quarter)
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--due-soon", action="store_true")
    p.add_argument("--search", default="")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(handler=cmd_list)

    p = sub("export-csv", "xuất nhiệm vụ của một quý ra CSV hoặc Excel")
    p.add_argument("--quarter", type=_quarter, required=True)
    p.add_argument("--unit")
    p.add_argument("--delimiter", help="ký tự phân cách (mặc định: như Windows, ngoài ra ,)")
    p.add_argument("--format", choices=("csv", "xlsx"), default=None)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(handler=cmd_export_csv)

    p = sub("report", "in báo cáo quý ra tệp PDF")
    p.add_argument("--quarter", type=_quarter, required=True)
    p.add_argument("--unit")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(handler=cmd_report)

    p = sub("backup", "sao lưu cơ sở dữ liệu")
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(handler=cmd_backup)

    p = sub("restore", "khôi phục từ bản sao lưu")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_restore)

    p = sub("copy-to", "chép toàn bộ dữ liệu sang một cơ sở dữ liệu dùng chung còn trống")
    p.add_argument("url", help="postgresql://người-dùng@máy-chủ:cổng/tên")
    p.set_defaults(handler=cmd_copy_to)

    add_edit_commands(sub)
    add_target_commands(sub)
    return parser


def _open(args: argparse.Namespace, *, reading: bool = False) -> Database:
    """Open ``--db``; a reading command (*reading*) never creates the folders it names."""
    return open_database(args.db, create_folder=not reading)


def _out(text: str) -> None:
    if sys.stdout is not None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services.importer import PlanAction, import_path
    from desktop.services.safety import refuse_if_window_open

    if not args.dry_run:
        refuse_if_window_open(args.db)
    database = _open(args)
    try:
        result = import_path(database, args.file, dry_run=args.dry_run, issued=args.issued)
    finally:
        database.dispose()
    plan = result.plan
    lines = [
        ("Kiểm tra (không ghi)" if args.dry_run else "Đã nhập") + f": {plan.source}",
        f"Văn bản: {plan.document.number or '(không số)'} — {plan.document.title or ''}".rstrip(
            " —"
        ),
        f"Nhiệm vụ: {plan.count} (mới {plan.counted(PlanAction.NEW)}, "
        f"cập nhật {plan.counted(PlanAction.UPDATE)}, "
        f"không đổi {plan.counted(PlanAction.SAME)}, "
        f"không còn trong văn bản {len(plan.vanished_ids)})",
        f"Đơn vị: {len(plan.units)} (mới {len(plan.new_units)})",
        *(
            [
                f"Chỉ tiêu: {len(plan.target_plan.targets)} (mới {len(plan.target_plan.new)}, "
                f"cập nhật {len(plan.target_plan.updated)}, "
                f"không còn trong văn bản {len(plan.target_plan.vanished)})"
            ]
            if plan.target_plan.targets or plan.target_plan.vanished
            else []
        ),
        f"Thời hạn đọc được: {plan.understood}/{plan.count}"
        + (
            f" ({len(plan.without_deadline)} nhiệm vụ văn bản không ghi thời hạn)"
            if plan.without_deadline
            else ""
        ),
    ]
    for task in plan.unread:
        lines.append(f"  cần xem lại: {task.data.ext_id} — “{task.data.deadline_text or ''}”")
    if plan.needs_issue_date:
        lines.append(
            "Văn bản không ghi ngày ban hành: thời hạn thiếu năm chưa tính được hạn; "
            "hãy nhập lại với --issued YYYY-MM-DD."
        )
    lines.extend(f"Lưu ý: {w}" for w in plan.warnings)
    if result.backup:
        lines.append(f"Đã sao lưu trước khi nhập: {result.backup}")
    if not args.dry_run and not plan.writes_anything:
        lines.append("Tệp đã được nhập trước đây; không có gì thay đổi.")
    _out("\n".join(lines))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from desktop.extract import extract_document

    if args.output:
        check_output(args, "json")
    payload = extract_document(args.document)
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
        _out(f"Đã ghi {len(payload['tasks'])} nhiệm vụ vào {args.output}")
    else:
        _out(text)
    return 0


def cmd_parse_deadline(args: argparse.Namespace) -> int:
    from desktop.domain.deadlines import parse_deadline, spec_to_json

    spec = parse_deadline(args.phrase, issued=args.issued)
    _out(json.dumps(spec_to_json(spec), ensure_ascii=False))
    return 0


LIST_COLUMNS = ("STT", "Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Hạn", "Quý", "Trạng thái")


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.domain.output_text import spreadsheet_text, strip_controls
    from desktop.services.queries import TaskFilter, View, list_tasks
    from desktop.services.units import find_unit

    today = today_from(args.today)
    database = _open(args, reading=True)
    try:
        unit_id = None
        if args.unit:
            unit = find_unit(database, args.unit)
            if unit is None:
                raise UsageError(f"Không có đơn vị “{args.unit}”.")
            unit_id = unit.id
        view = View.OVERDUE if args.overdue else View.DUE_SOON if args.due_soon else View.ALL
        flt = TaskFilter(
            today=today, view=view, unit_id=unit_id, quarter=args.quarter, search=args.search
        )
        rows = list_tasks(database, flt)
    finally:
        database.dispose()
    if args.format == "json":
        objects = [
            {
                "id": r.ext_id,
                "task_id": r.id,
                "document": r.document_number,
                "title": r.title,
                "lead_unit": r.lead_unit,
                "support_units": list(r.support_units),
                "deadline_text": r.deadline_text,
                "kind": r.kind,
                "recurrence": r.recurrence,
                "due": r.due.isoformat() if r.due else None,
                "quarter": r.quarter.iso if r.quarter else None,
                "status": r.status,
                "completed_on": r.completed_on.isoformat() if r.completed_on else None,
                "category": r.category.value,
                "overdue": r.overdue,
            }
            for r in rows
        ]
        _out(json.dumps(objects, ensure_ascii=False, indent=2))
        return 0
    table = [
        (
            str(n),
            r.ext_id,
            r.title,
            r.lead_unit or "",
            r.deadline_text or "",
            r.due.strftime("%d/%m/%Y") if r.due else "",
            r.quarter.label if r.quarter else "",
            r.status_label + (" — QUÁ HẠN" if r.overdue else ""),
        )
        for n, r in enumerate(rows, 1)
    ]
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(LIST_COLUMNS)
        writer.writerows([spreadsheet_text(c) for c in row] for row in table)
        _out(buffer.getvalue())
        return 0
    _out(_format_table([[strip_controls(c) for c in row] for row in table]))
    _out(f"{len(rows)} nhiệm vụ")
    return 0


def _format_table(rows: Sequence[Sequence[str]]) -> str:
    from desktop.domain.output_text import isolate_bidi

    limits = (4, 10, 60, 28, 24, 10, 12, 28)
    # Isolated after cutting, so the cut never drops the isolate's closing mark.
    shown = [
        [
            isolate_bidi(c if len(c) <= w else c[: w - 1] + "…")
            for c, w in zip(row, limits, strict=True)
        ]
        for row in [LIST_COLUMNS, *rows]
    ]
    widths = [max(len(r[i]) for r in shown) for i in range(len(LIST_COLUMNS))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in shown
    )


def _unit_id(database: Database, name: str | None) -> int | None:
    from desktop.services.units import find_unit

    if not name:
        return None
    unit = find_unit(database, name)
    if unit is None:
        raise UsageError(f"Không có đơn vị “{name}”.")
    return unit.id


def cmd_export_csv(args: argparse.Namespace) -> int:
    from desktop.services.csv_export import parse_delimiter, write_csv, write_xlsx
    from desktop.services.quarter_report import quarter_report

    today = today_from(args.today)
    fmt = args.format or ("xlsx" if args.output.suffix.lower() == ".xlsx" else "csv")
    check_output(args, fmt)
    delimiter = parse_delimiter(args.delimiter) if args.delimiter else None
    database = _open(args, reading=True)
    try:
        report = quarter_report(database, args.quarter, today, _unit_id(database, args.unit))
    finally:
        database.dispose()
    if fmt == "xlsx":
        write_xlsx(args.output, report)
    else:
        write_csv(args.output, report.rows, delimiter)
    _out(f"Đã ghi {len(report.rows)} dòng của {args.quarter.label} vào {args.output}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.services.quarter_report import quarter_report
    from desktop.services.settings import load_report_settings
    from desktop.ui.report_pdf import ensure_gui_application, write_pdf

    today = today_from(args.today)
    check_output(args, "pdf")
    database = _open(args, reading=True)
    try:
        report = quarter_report(database, args.quarter, today, _unit_id(database, args.unit))
        settings = load_report_settings(database)
    finally:
        database.dispose()
    ensure_gui_application()
    pages = write_pdf(args.output, report, settings)
    _out(f"Đã ghi báo cáo {args.quarter.label} ({pages} trang) vào {args.output}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.services.safety import backup_now

    database = _open(args)
    try:
        path = backup_now(database, args.output, force=args.force)
    finally:
        database.dispose()
    _out(f"Đã sao lưu vào {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.services.safety import refuse_if_window_open, restore_into

    refuse_if_window_open(args.db)
    safety_copy = restore_into(args.db, args.file)
    _out(
        f"Đã khôi phục từ {args.file}."
        + (f" Bản sao lưu dữ liệu trước đó: {safety_copy}" if safety_copy else "")
    )
    return 0


def cmd_copy_to(args: argparse.Namespace) -> int:
    from desktop.services.shared import copy_to_shared

    database = _open(args, reading=True)
    try:
        written = copy_to_shared(database, args.url)
    finally:
        database.dispose()
    _out(
        f"Đã chép {written.get('tasks', 0)} nhiệm vụ, {written.get('documents', 0)} văn bản, "
        f"{written.get('units', 0)} đơn vị sang cơ sở dữ liệu dùng chung."
    )
    return 0


def _err(text: str) -> None:
    if sys.stderr is not None:
        sys.stderr.write(text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    setup_logging()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            if args.self_test:
                from desktop.selftest import run_self_test

                return run_self_test(args.data_dir)
            from desktop.display import prepare_display

            problem = prepare_display(os.environ, offscreen_ok=args.screenshot is not None)
            if problem is not None:
                _err(f"Lỗi: {problem}")
                return 1
            from desktop.win_mutex import hold_app_mutex

            hold_app_mutex()  # lets the installer see the app is open (Windows only)
            from desktop.ui.app import run_gui

            return int(run_gui(args))
        handler: Callable[[argparse.Namespace], int] = args.handler
        return int(handler(args))
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if is_known(error) or isinstance(error, UsageError):
            log.info("Refused: %s", error)
            _err(f"Lỗi: {error}")
            return 1
        log.exception("Unexpected error in the command line")
        _err(
            "Lỗi không mong đợi; chi tiết đã được ghi vào nhật ký "
            f"{log_path()}. Dữ liệu không bị thay đổi."
        )
        return 1
