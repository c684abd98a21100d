"""The command line's targets ("chỉ tiêu"): list them, record what was achieved, report.

``sonhiemvu targets list --period 2021``, ``targets set ID --period 2021 --value 80``
(``--met``/``--not-met`` for a target without a figure, ``--clear`` to remove), and
``targets report --period 2021 -o FILE.pdf|.csv|.xlsx``. The same services as the window's
"Chỉ tiêu" view (desktop/services/targets.py, desktop/services/target_report.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime

from desktop.cli_args import UsageError, check_output, today_from
from desktop.domain.targets import parse_number, period_label
from desktop.services.storage import Database, open_database

Sub = Callable[[str, str], argparse.ArgumentParser]


def _target_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải số chỉ tiêu (xem cột “Số” của: sonhiemvu targets list)"
        )
    return number


def _figure(value: str) -> float:
    number = parse_number(value)
    if number is None:
        raise argparse.ArgumentTypeError(f"“{value}” không phải một số (ví dụ 80 hoặc 92,5)")
    return number


def add_target_commands(sub: Sub) -> None:
    """Register ``targets list|set|report`` on the parser."""
    p = sub("targets", "chỉ tiêu: liệt kê, ghi kết quả đạt được, báo cáo sơ kết / tổng kết")
    actions = p.add_subparsers(dest="targets_action", parser_class=type(p), required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        q = actions.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--db", default=argparse.SUPPRESS, help="đường dẫn cơ sở dữ liệu")
        q.add_argument("--today", default=argparse.SUPPRESS, help="ngày coi là hôm nay")
        q.add_argument(
            "--period", required=True, help="kỳ: một năm (2021), “giữa kỳ” hoặc “cuối kỳ”"
        )
        return q

    q = action("list", "liệt kê các chỉ tiêu của một kỳ với kết quả")
    q.add_argument("--document", type=int, help="chỉ một văn bản (số của văn bản)")
    q.add_argument("--format", choices=("table", "json"), default="table")
    q.set_defaults(handler=cmd_targets_list)

    q = action("set", "ghi giá trị đạt được của một chỉ tiêu trong một kỳ")
    q.add_argument("target_id", type=_target_id, metavar="ID")
    given = q.add_mutually_exclusive_group(required=True)
    given.add_argument("--value", type=_figure, help="giá trị đạt được, ví dụ 80 (nghĩa là 80%)")
    given.add_argument("--met", action="store_true", help="chỉ tiêu định tính: đạt")
    given.add_argument("--not-met", action="store_true", help="chỉ tiêu định tính: không đạt")
    given.add_argument("--clear", action="store_true", help="xoá kết quả đã ghi của kỳ này")
    q.add_argument("--note", help="ghi chú")
    q.set_defaults(handler=cmd_targets_set)

    q = action("report", "báo cáo kết quả thực hiện chỉ tiêu ra PDF, CSV hoặc Excel")
    q.add_argument("--document", type=int, help="chỉ một văn bản (số của văn bản)")
    q.add_argument("-o", "--output", required=True, help="tệp .pdf, .csv hoặc .xlsx")
    q.add_argument("--force", action="store_true", help="ghi đè tệp khác loại")
    q.set_defaults(handler=cmd_targets_report)


def _out(text: str) -> None:
    if sys.stdout is not None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _table(rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; controls dropped and bidi isolated as in ``list``."""
    from desktop.domain.output_text import isolate_bidi, strip_controls

    shown = [[isolate_bidi(strip_controls(cell)) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in shown
    )


def _checked(period: str) -> str:
    from desktop.services.targets import TargetError, check_period

    try:
        return check_period(period)
    except TargetError as error:
        raise UsageError(str(error)) from None


def cmd_targets_list(args: argparse.Namespace) -> int:
    from desktop.services.targets import list_targets, summarize

    period = _checked(args.period)
    database = open_database(args.db, create_folder=False)
    try:
        rows = list_targets(database, period, document_id=args.document)
    finally:
        database.dispose()
    if args.format == "json":
        items = [
            {
                "target_id": row.id,
                "id": row.ext_id,
                "parent": row.parent_ext_id,
                "text": row.text,
                "comparison": row.comparison.value,
                "value": row.value,
                "value_max": row.value_max,
                "unit": row.unit,
                "period": row.period,
                "achieved": row.recorded.achieved,
                "met": row.recorded.met,
                "result": (row.result if row.is_sub_target else row.overall).value,
            }
            for row in rows
        ]
        _out(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    table = [["Số", "Mã", "Chỉ tiêu", "Kế hoạch", "Đạt được", "Kết quả"]]
    for row in rows:
        text = row.name if len(row.name) <= 70 else row.name[:69] + "…"
        result = row.result if row.is_sub_target else row.overall
        table.append([str(row.id), row.ext_id, text, row.planned, row.achieved_text, result.value])
    _out(_table(table))
    _out(f"{period_label(period)}: {summarize(rows).line}")
    return 0


def cmd_targets_set(args: argparse.Namespace) -> int:
    from desktop.cli_edit import _run
    from desktop.services.targets import Recorded, find_target, record_achievement

    period = _checked(args.period)
    if args.clear:
        value = Recorded()
    elif args.value is not None:
        value = Recorded(achieved=args.value, note=args.note)
    else:
        value = Recorded(met=bool(args.met), note=args.note)

    def record(database: Database) -> str:
        record_achievement(database, args.target_id, period, value, now=datetime.now())
        row = find_target(database, args.target_id)
        name = row.ext_id if row is not None else str(args.target_id)
        return f"Đã ghi kết quả {period_label(period).lower()} của chỉ tiêu {name}."

    return _run(args, record)


def cmd_targets_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.services.settings import load_report_settings
    from desktop.services.target_report import target_report, write_csv, write_xlsx

    period = _checked(args.period)
    today = today_from(getattr(args, "today", None))
    args.output = Path(args.output)
    suffix = args.output.suffix.lower()
    kind = {".pdf": "pdf", ".xlsx": "xlsx"}.get(suffix, "csv")
    check_output(args, kind)
    database = open_database(args.db, create_folder=False)
    try:
        report = target_report(database, period, today, args.document)
        settings = load_report_settings(database)
    finally:
        database.dispose()
    if kind == "pdf":
        from desktop.ui.target_report_pdf import write_target_pdf

        pages = write_target_pdf(args.output, report, settings)
        _out(f"Đã ghi báo cáo chỉ tiêu ({pages} trang) vào {args.output}")
    elif kind == "xlsx":
        write_xlsx(args.output, report)
        _out(f"Đã ghi trang “Chỉ tiêu” vào {args.output}")
    else:
        write_csv(args.output, report)
        _out(f"Đã ghi {len(report.rows)} dòng chỉ tiêu vào {args.output}")
    _out(f"{report.period_label}: {report.summary.line}")
    return 0
