"""Reading and validating the task JSON ("nhiemvu" v1, shared/spec/task-json.md).

Everything is checked before anything is written, and every problem is collected so the
user sees them all at once, each with the task's index and id, in Vietnamese.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.task_format import FORMAT, READABLE_VERSIONS, TASK_FIELDS
from desktop.domain.text import clean, nfc

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TITLE_CHARS = 20_000
MAX_FIELD_CHARS = 20_000
MAX_TASKS = 500_000
KNOWN_TASK_FIELDS = frozenset(TASK_FIELDS)


class TaskFileError(Exception):
    """The file as a whole cannot be read (not JSON, wrong format, too large …)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one task (or with the document when ``index`` is None)."""

    message: str
    index: int | None = None
    task_id: str | None = None

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        where = f"Nhiệm vụ thứ {self.index + 1}"
        if self.task_id:
            where += f" (id “{self.task_id}”)"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class DocumentData:
    number: str | None = None
    title: str | None = None
    issued: date | None = None
    issuer: str | None = None
    source_file: str | None = None


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


@dataclass(frozen=True)
class TaskFile:
    document: DocumentData
    tasks: tuple[TaskData, ...]
    content_hash: str
    problems: tuple[Problem, ...]

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
        payload = json.loads(text)
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
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        supported = ", ".join(str(v) for v in READABLE_VERSIONS)
        raise TaskFileError(
            f"Phiên bản định dạng {_shown(version)} không được hỗ trợ (chỉ hỗ trợ {supported})."
        )
    _check_encodable(payload)
    problems: list[Problem] = []
    document = _document(payload.get("document"), problems, source_name)
    raw_tasks = payload.get("tasks")
    if not isinstance(raw_tasks, list):
        raise TaskFileError("“tasks” phải là một danh sách nhiệm vụ.")
    if len(raw_tasks) > MAX_TASKS:
        raise TaskFileError(f"Tệp có quá nhiều nhiệm vụ ({len(raw_tasks)}; tối đa {MAX_TASKS}).")
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
        task = _task(index, raw, problems)
        if task is not None:
            tasks.append(task)
    return TaskFile(document, tuple(tasks), content_hash(payload["tasks"]), tuple(problems))


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


def _document(raw: Any, problems: list[Problem], source_name: str | None) -> DocumentData:
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
    )


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


def _task(index: int, raw: Any, problems: list[Problem]) -> TaskData | None:
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
    if len(problems) > before or ext_id is None:
        return None
    extra = {k: v for k, v in raw.items() if k not in KNOWN_TASK_FIELDS}
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
    )
