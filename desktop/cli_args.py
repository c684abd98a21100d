"""Argument readers shared by the command modules (:mod:`desktop.cli`, :mod:`desktop.cli_edit`).

One place for how a day on the command line is read and how a bad argument is reported, so
``--today`` means the same in every subcommand.
"""

from __future__ import annotations

import argparse
from datetime import date


class UsageError(Exception):
    """A bad argument; ``str()`` is the Vietnamese message."""


def today_from(value: str | None) -> date:
    """``--today`` as given, or the real day when it is not: the one place the clock is read."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"Ngày “{value}” không hợp lệ; hãy viết dạng YYYY-MM-DD.") from error


def iso_day(value: str) -> date:
    """An argparse ``type=`` for YYYY-MM-DD options (argparse prints the message)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{value}” không hợp lệ (cần YYYY-MM-DD)") from None


def check_output(args: argparse.Namespace, kind: str) -> None:
    """Refuse an ``-o`` that would overwrite the database or another kind of file."""
    from desktop.services.output_paths import OutputKind, check_output_path
    from desktop.services.storage import sqlite_file

    check_output_path(
        args.output, OutputKind(kind), database_path=sqlite_file(args.db), force=args.force
    )
