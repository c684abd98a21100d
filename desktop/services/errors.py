"""The errors a user may see as they are: each one's ``str()`` is a Vietnamese sentence.

One list for the window and the command line alike. Anything not listed is a bug: it is
logged with its traceback and the user is told where the log is, never shown the trace.
"""

from __future__ import annotations

from db import StorageError
from desktop.domain.quarters import QuarterError
from desktop.extract.errors import ExtractError
from desktop.services.importer import ImportRefusedError
from desktop.services.output_files import ExportError
from desktop.services.targets import TargetError
from desktop.services.task_json import TaskFileError
from desktop.services.tasks import TaskEditError
from desktop.services.unit_admin import UnitError

__all__ = ["KNOWN_ERRORS", "StorageError", "is_known"]

KNOWN_ERRORS: tuple[type[Exception], ...] = (
    StorageError,
    TaskFileError,
    ImportRefusedError,
    TaskEditError,
    UnitError,
    QuarterError,
    ExportError,
    ExtractError,
    TargetError,
)


def is_known(error: BaseException) -> bool:
    """Whether *error* carries a message meant for the user (else it is a bug)."""
    return isinstance(error, KNOWN_ERRORS)
