"""Reading and validating the task JSON ("nhiemvu" v1 and v2, shared/spec/task-json.md).

Version 2 adds what the extractor knew: the programme's horizon (``document.horizon``),
and per task the fields it guessed (``guessed``) and whether it repaired the text
(``repaired``). A version-1 file reads as before; in it those names are unknown fields,
kept as extras like any other.

Everything is checked before anything is written, and every problem is collected so the
user sees them all at once, each with the task's index and id, in Vietnamese.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.task_format import FORMAT, TASK_FIELDS, V2_TASK_FIELDS, VERSIONS
from desktop.domain.text import clean, nfc
from desktop.services.file_problems import Problem
from desktop.services.target_json import TargetData, read_targets

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TITLE_CHARS = 20_000
MAX_FIELD_CHARS = 20_000
MAX_TASKS = 500_000
# Fields this version does not know are kept with the task (a newer extractor's extras);
# bounded like the known ones, or one 150 MB field would ride along in every backup.
MAX_EXTRA_CHARS = 20_000
KNOWN_TASK_FIELDS = {1: frozenset(TASK_FIELDS), 2: frozenset(TASK_FIELDS + V2_TASK_FIELDS)}
# A programme's term outside these years is a typo, not a plan.
HORIZON_YEARS = range(1945, 2201)


class TaskFileError(Exception):
    """The file as a whole cannot be read (not JSON, wrong format, too large …)."""


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _NotANumberError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    """``NaN``, ``Infinity`` and ``-Infinity``: Python's json reads them, JSON has no such."""
    raise _NotANumberError(name)


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, unless a key repeats.

    ``json.loads`` silently keeps the last of two equal keys, so a second ``"tasks": []``
    emptied a whole file without a word. Which of the two the author meant cannot be
    known, so the file is refused.
    """
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


@dataclass(frozen=True)
class Horizon:
    """The programme's term, in years ("giai đoạn 2021 - 2025": 2021, 2025)."""

    start: int | None
    end: int

    @property
    def last_day(self) -> date:
        """Recurring and open-ended deadlines end here."""
        return date(self.end, 12, 31)


@dataclass(frozen=True)
class DocumentData:
    number: str | None = None
    title: str | None = None
    issued: date | None = None
    issuer: str | None = None
    source_file: str | None = None
    horizon: Horizon | None = None  # version 2


@dataclass(frozen=True)
class TaskData:
    ext_id: str
    title: str
    section: str | None = None
    lead_unit: str | None = None
    support_units: tuple[str, ...] = ()
    deadline_text: str | None = None
    due: date | None = None
    output_form: str | None = None
    notes: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    guessed: tuple[str, ...] = ()  # version 2: fields not read from a labelled place
    repaired: bool = False  # version 2: letters dropped by PDF extraction were restored


@dataclass(frozen=True)
class TaskFile:
    document: DocumentData
    tasks: tuple[TaskData, ...]
    content_hash: str
    problems: tuple[Problem, ...]
    version: int = 1
    # Version 2: the programme's "chỉ tiêu"; None when the file does not state them (a
    # version-1 file, or no "targets" key), so a re-import leaves the stored ones alone.
    targets: tuple[TargetData, ...] | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


def decode_bytes(raw: bytes) -> str:
    """UTF-8 with or without a BOM; UTF-16 with a BOM. Anything else is refused."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TaskFileError("Tệp có dấu UTF-16 nhưng nội dung không đọc được.") from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TaskFileError(
            "Tệp không ở mã UTF-8 (có thể được lưu bằng bảng mã cũ như TCVN3 hoặc VNI). "
            "Hãy lưu lại tệp với mã UTF-8 rồi nhập lại."
        ) from error


def read_task_file(path: Path) -> TaskFile:
    """Read and validate a task JSON file from disk."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TaskFileError(f"Không mở được tệp “{path.name}”: {error.strerror}.") from error
    if size > MAX_FILE_BYTES:
        raise TaskFileError(
            f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB; tối đa "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TaskFileError(f"Không đọc được tệp “{path.name}”: {error.strerror}.") from error
    return parse_task_json(raw, source_name=path.name)


def parse_task_json(raw: bytes | str, source_name: str | None = None) -> TaskFile:
    """Parse and validate; raises :class:`TaskFileError` only when nothing can be read."""
    text = raw if isinstance(raw, str) else decode_bytes(raw)
    if len(text) > MAX_FILE_BYTES:
        raise TaskFileError("Nội dung quá lớn để nhập.")
    try:
        payload = json.loads(
            text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant
        )
    except _NotANumberError as error:
        raise TaskFileError(
            f"Tệp chứa giá trị “{error}” — không phải số hợp lệ trong JSON; không nhập. "
            "Hãy sửa tệp rồi nhập lại."
        ) from error
    except _DuplicateKeyError as error:
        raise TaskFileError(
            f"Tệp JSON có khóa “{_shown(error.key)[1:-1]}” lặp lại trong cùng một đối tượng; "
            "không biết giá trị nào là đúng nên không nhập. Hãy sửa tệp rồi nhập lại."
        ) from error
    except json.JSONDecodeError as error:
        raise TaskFileError(
            f"Tệp không phải JSON hợp lệ (dòng {error.lineno}, cột {error.colno}: {error.msg})."
        ) from error
    except RecursionError as error:
        raise TaskFileError("Tệp JSON lồng nhau quá sâu, không thể đọc.") from error
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise TaskFileError(f"Tệp chứa một giá trị không đọc được ({error}).") from error
    return validate_payload(payload, source_name=source_name)


def content_hash(payload: Any) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def validate_payload(payload: Any, source_name: str | None = None) -> TaskFile:
    if not isinstance(payload, dict):
        raise TaskFileError("Tệp JSON phải là một đối tượng có “format”, “version” và “tasks”.")
    if payload.get("format") != FORMAT:
        raise TaskFileError(
            f"Tệp không phải định dạng nhiệm vụ (“format” phải là “{FORMAT}”, "
            f"đang là {_shown(payload.get('format'))})."
        )
    version = payload.get("version")
    if version not in VERSIONS or isinstance(version, bool):
        supported = ", ".join(str(v) for v in VERSIONS)
        raise TaskFileError(
            f"Phiên bản định dạng {_shown(version)} không được hỗ trợ (chỉ hỗ trợ {supported})."
        )
    _check_encodable(payload)
    problems: list[Problem] = []
    document = _document(payload.get("document"), problems, source_name, version)
    stated = version >= 2 and payload.get("targets") is not None
    targets = read_targets(payload.get("targets"), problems) if stated else None
    raw_tasks = payload.get("tasks")
    if not isinstance(raw_tasks, list):
        raise TaskFileError("“tasks” phải là một danh sách nhiệm vụ.")
    if len(raw_tasks) > MAX_TASKS:
        raise TaskFileError(f"Tệp có quá nhiều nhiệm vụ ({len(raw_tasks)}; tối đa {MAX_TASKS}).")
    if not raw_tasks:
        problems.append(Problem(_no_tasks_message(source_name)))
    tasks: list[TaskData] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_tasks):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        key = clean(str(raw_id)) if isinstance(raw_id, str | int) and raw_id != "" else None
        if key is not None and key in seen:
            problems.append(Problem(f"id trùng với nhiệm vụ thứ {seen[key] + 1}.", index, key))
            continue
        if key is not None:
            seen[key] = index
        task = _task(index, raw, problems, version)
        if task is not None:
            tasks.append(task)
    digest = content_hash(payload["tasks"])
    return TaskFile(document, tuple(tasks), digest, tuple(problems), version, targets)


def _no_tasks_message(source_name: str | None) -> str:
    """Zero tasks is not an import: it would only add an empty document and a backup."""
    where = f" trong “{source_name}”" if source_name else ""
    return (
        f"Không tìm thấy nhiệm vụ nào{where}: tệp trống hoặc chỉ có khoảng trắng, được lưu "
        "bằng bảng mã không đọc được (ví dụ UTF-16 không có dấu BOM — hãy lưu lại dạng "
        "UTF-8), hoặc văn bản không có danh sách nhiệm vụ. Không có gì được nhập."
    )


def _check_encodable(payload: Any) -> None:
    """Refuse text the database cannot store (a lone UTF-16 surrogate, U+D800 to U+DFFF).

    JSON may escape such a half character; it passes every other check and would only fail
    when written, as an unexpected error instead of a message.
    """
    try:
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise TaskFileError(
            "Tệp chứa ký tự không hợp lệ (nửa ký tự UTF-16, ví dụ “\\ud800”). "
            "Hãy lưu lại tệp với mã UTF-8 rồi nhập lại."
        ) from error
    except RecursionError as error:
        raise TaskFileError("Tệp JSON lồng nhau quá sâu, không thể đọc.") from error


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _document(
    raw: Any, problems: list[Problem], source_name: str | None, version: int
) -> DocumentData:
    if raw is None:
        return DocumentData(source_file=source_name)
    if not isinstance(raw, dict):
        problems.append(Problem("“document” phải là một đối tượng."))
        return DocumentData(source_file=source_name)
    values: dict[str, str | None] = {}
    for name in ("number", "title", "issuer", "source_file", "issued"):
        value = raw.get(name)
        if value is None:
            values[name] = None
        elif isinstance(value, str) and len(value) <= MAX_FIELD_CHARS:
            values[name] = clean(value) or None
        else:
            problems.append(Problem(f"Văn bản: “{name}” phải là chuỗi ký tự ngắn hoặc null."))
            values[name] = None
    issued = None
    if values["issued"]:
        issued = _iso_date(values["issued"])
        if issued is None:
            problems.append(
                Problem(
                    f"Văn bản: ngày ban hành “{values['issued']}” không phải ngày hợp lệ "
                    "(cần dạng YYYY-MM-DD)."
                )
            )
    return DocumentData(
        number=values["number"],
        title=values["title"],
        issued=issued,
        issuer=values["issuer"],
        source_file=values["source_file"] or source_name,
        horizon=_horizon(raw.get("horizon"), problems) if version >= 2 else None,
    )


def _year(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value in HORIZON_YEARS:
        return value
    return None


def _horizon(raw: Any, problems: list[Problem]) -> Horizon | None:
    """``{"start": 2021, "end": 2025}``; ``start`` may be null when only the end is stated."""
    if raw is None:
        return None
    wrong = Problem(
        f"Văn bản: “horizon” (thời kỳ của chương trình) phải có dạng "
        f'{{"start": 2021, "end": 2025}} với năm từ {HORIZON_YEARS.start} đến '
        f"{HORIZON_YEARS.stop - 1}, đang là {_shown(raw)}."
    )
    if not isinstance(raw, dict):
        problems.append(wrong)
        return None
    start, end = _year(raw.get("start")), _year(raw.get("end"))
    if end is None or (raw.get("start") is not None and start is None):
        problems.append(wrong)
        return None
    if start is not None and start > end:
        problems.append(
            Problem(
                f"Văn bản: thời kỳ của chương trình bắt đầu ({start}) sau khi kết thúc ({end})."
            )
        )
        return None
    return Horizon(start, end)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _optional_text(
    raw: dict[str, Any], name: str, label: str, problems: list[Problem], where: tuple[int, str]
) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(Problem(f"“{name}” ({label}) phải là chuỗi ký tự.", *where))
        return None
    if len(value) > MAX_FIELD_CHARS:
        problems.append(
            Problem(f"“{name}” ({label}) quá dài (tối đa {MAX_FIELD_CHARS} ký tự).", *where)
        )
        return None
    if "\x00" in value:
        problems.append(Problem(f"“{name}” ({label}) chứa ký tự NUL.", *where))
        return None
    return clean(value) or None


def _check_extra(extra: dict[str, Any], problems: list[Problem], where: tuple[int, str]) -> None:
    """Unknown fields: finite numbers only, and no larger than a known field may be."""
    if not extra:
        return
    try:
        size = len(json.dumps(extra, ensure_ascii=False, allow_nan=False))
    except ValueError:
        problems.append(Problem("trường thêm chứa NaN hoặc Infinity (không phải số).", *where))
        return
    except RecursionError:
        problems.append(Problem("trường thêm lồng nhau quá sâu.", *where))
        return
    if size > MAX_EXTRA_CHARS:
        names = ", ".join(f"“{_shown(k)[1:-1]}”" for k in list(extra)[:3])
        problems.append(
            Problem(
                f"các trường thêm ({names}) quá lớn ({size} ký tự; tối đa {MAX_EXTRA_CHARS}).",
                *where,
            )
        )


def _task(index: int, raw: Any, problems: list[Problem], version: int = 1) -> TaskData | None:
    if not isinstance(raw, dict):
        problems.append(Problem("phải là một đối tượng JSON.", index))
        return None
    before = len(problems)
    raw_id = raw.get("id")
    ext_id: str | None
    if isinstance(raw_id, str) and raw_id.strip() and len(raw_id) <= 200 and "\x00" not in raw_id:
        ext_id = clean(raw_id)
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        ext_id = str(raw_id)
    else:
        ext_id = None
        problems.append(Problem("thiếu “id” (mã nhiệm vụ) hoặc “id” không hợp lệ.", index))
    where = (index, ext_id or "")
    title_raw = raw.get("title")
    title = ""
    if not isinstance(title_raw, str):
        problems.append(Problem("“title” (nội dung nhiệm vụ) phải là chuỗi ký tự.", *where))
    elif len(title_raw) > MAX_TITLE_CHARS:
        problems.append(
            Problem(f"“title” quá dài ({len(title_raw)} ký tự; tối đa {MAX_TITLE_CHARS}).", *where)
        )
    elif "\x00" in title_raw:
        problems.append(Problem("“title” chứa ký tự NUL.", *where))
    else:
        title = clean(title_raw)
        if not title:
            problems.append(Problem("nội dung nhiệm vụ (“title”) trống.", *where))
    fields = {
        name: _optional_text(raw, name, label, problems, where)
        for name, label in (
            ("section", "mục"),
            ("lead_unit", "đơn vị chủ trì"),
            ("deadline_text", "thời hạn"),
            ("output_form", "hình thức văn bản"),
            ("notes", "ghi chú"),
        )
    }
    support = raw.get("support_units")
    supports: list[str] = []
    if support is not None:
        if not isinstance(support, list) or not all(isinstance(u, str) for u in support):
            problems.append(
                Problem("“support_units” (đơn vị phối hợp) phải là danh sách chuỗi.", *where)
            )
        else:
            for unit in support:
                if len(unit) > 300 or "\x00" in unit:
                    problems.append(Problem("tên đơn vị phối hợp quá dài hoặc lỗi.", *where))
                    break
                name = clean(unit)
                if name and name not in supports:
                    supports.append(name)
    due = None
    raw_due = raw.get("due")
    if raw_due is not None:
        if not isinstance(raw_due, str):
            problems.append(Problem("“due” (hạn) phải là chuỗi ngày dạng YYYY-MM-DD.", *where))
        else:
            due = _iso_date(raw_due.strip())
            if due is None:
                problems.append(
                    Problem(
                        f"hạn “{raw_due[:40]}” không phải ngày có thật (cần dạng YYYY-MM-DD).",
                        *where,
                    )
                )
    guessed: tuple[str, ...] = ()
    repaired = False
    if version >= 2:
        guessed = _guessed(raw, problems, where)
        repaired = _repaired(raw, problems, where)
    extra = {k: v for k, v in raw.items() if k not in KNOWN_TASK_FIELDS[version]}
    _check_extra(extra, problems, where)
    if len(problems) > before or ext_id is None:
        return None
    return TaskData(
        ext_id=ext_id,
        title=title,
        section=fields["section"],
        lead_unit=fields["lead_unit"],
        support_units=tuple(supports),
        deadline_text=nfc(fields["deadline_text"]) if fields["deadline_text"] else None,
        due=due,
        output_form=fields["output_form"],
        notes=fields["notes"],
        extra=extra,
        guessed=guessed,
        repaired=repaired,
    )


def _guessed(
    raw: dict[str, Any], problems: list[Problem], where: tuple[int, str]
) -> tuple[str, ...]:
    """The names of fields the extractor guessed: each one a field the task has."""
    value = raw.get("guessed")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        problems.append(
            Problem("“guessed” (các trường đoán ra) phải là danh sách tên trường.", *where)
        )
        return ()
    allowed = set(TASK_FIELDS) | set(raw)
    unknown = [name for name in value if name not in allowed or name in V2_TASK_FIELDS]
    if unknown:
        problems.append(
            Problem(f"“guessed” nêu trường không có trong nhiệm vụ: {_shown(unknown)}.", *where)
        )
        return ()
    return tuple(dict.fromkeys(value))


def _repaired(raw: dict[str, Any], problems: list[Problem], where: tuple[int, str]) -> bool:
    value = raw.get("repaired")
    if value is None:
        return False
    if not isinstance(value, bool):
        problems.append(
            Problem(
                f"“repaired” (đã sửa chữ) phải là true hoặc false, đang là {_shown(value)}.", *where
            )
        )
        return False
    return value


def check_edited_tasks(
    tasks: tuple[TaskData, ...] | list[TaskData],
) -> tuple[tuple[TaskData, ...], tuple[Problem, ...]]:
    """Tasks the user edited in the import preview, checked by the rules a file's are.

    The fields the preview can change are put back through :func:`_task` (so a title left
    empty or a unit name too long is refused with the same words as in a file), and the ids
    must stay unique. What the preview cannot change (the explicit due date, extras, what
    the extractor guessed) is kept from the task as the file gave it.
    """
    problems: list[Problem] = []
    checked: list[TaskData] = []
    seen: dict[str, int] = {}
    for index, task in enumerate(tasks):
        if task.ext_id in seen:
            problems.append(
                Problem(f"id trùng với nhiệm vụ thứ {seen[task.ext_id] + 1}.", index, task.ext_id)
            )
            continue
        seen[task.ext_id] = index
        raw = {
            "id": task.ext_id,
            "title": task.title,
            "section": task.section,
            "lead_unit": task.lead_unit,
            "support_units": list(task.support_units),
            "deadline_text": task.deadline_text,
            "output_form": task.output_form,
            "notes": task.notes,
        }
        read = _task(index, raw, problems, version=1)
        if read is not None:
            checked.append(
                replace(
                    task,
                    title=read.title,
                    section=read.section,
                    lead_unit=read.lead_unit,
                    support_units=read.support_units,
                    deadline_text=read.deadline_text,
                    output_form=read.output_form,
                )
            )
    return tuple(checked), tuple(problems)
