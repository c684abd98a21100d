"""How much a document may hold before it is refused, and reading that stays within it.

A secretary's file may be careless or hostile (issue 14): a text of 20,000 short lines, a .docx
of 300,000 empty paragraphs, a PDF whose 50 pages draw one 6 MB content stream. Reading must
cost time in proportion to the file and stop at bounds that no real programme reaches, with a
message that says what to do; it must never hang the app or take all its memory.

The bounds are far above the largest real documents (a 200-page programme holds about
500,000 characters, 8,000 paragraphs and 100 KB of PDF drawing commands a page) and low
enough that a file at the bound is still read in seconds.
"""

from __future__ import annotations

import logging
import os
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.extract.errors import ExtractError

log = logging.getLogger(__name__)

MAX_CHARACTERS = 3_000_000
MAX_LINES = 150_000
MAX_PARAGRAPHS = 30_000  # of a .docx, table cells' paragraphs included
MAX_PAGES = 600
# pypdf's text extraction grows faster than the size of a page's drawing commands (1 MB: 1.6 s,
# 2 MB: 9 s, 6 MB: 60 s on the reference machine), so each page and the whole file are bounded.
MAX_PAGE_CONTENT = 1_000_000
MAX_CONTENT = 10_000_000


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def too_long(name: str, what: str, limit: int) -> ExtractError:
    """The message for a document over one of the bounds ("trang", "đoạn", "ký tự", …)."""
    return ExtractError(
        f"Tệp “{name}” quá dài để đọc một lần (hơn {_number(limit)} {what}). Hãy tách văn bản "
        "thành các tệp nhỏ hơn (ví dụ mỗi phụ lục một tệp) rồi nhập từng tệp."
    )


def check_text(text: str, name: str) -> None:
    """Refuse a text over the character or line bound, before any stage reads it."""
    if len(text) > MAX_CHARACTERS:
        raise too_long(name, "ký tự", MAX_CHARACTERS)
    if text.count("\n") >= MAX_LINES:
        raise too_long(name, "dòng", MAX_LINES)


def check_docx_body(body: Any, name: str) -> None:
    """Refuse a .docx body over the paragraph bound; counting is one pass in lxml's C code."""
    from docx.oxml.ns import qn

    for count, _ in enumerate(body.iter(qn("w:p")), start=1):
        if count > MAX_PARAGRAPHS:
            raise too_long(name, "đoạn văn", MAX_PARAGRAPHS)


def _reference(value: Any) -> tuple[int, int] | None:
    number = getattr(value, "idnum", None)
    return (number, value.generation) if number is not None else None


def _content_key(page: Any) -> tuple[Any, ...] | None:
    """What makes two pages draw the same text: the same content streams and resources.

    ``None`` when either is written inside the page itself (then nothing is shared).
    """
    contents = page.raw_get("/Contents") if "/Contents" in page else None
    if contents is None:
        return None
    refs = (
        [contents] if _reference(contents) else list(contents) if isinstance(contents, list) else []
    )
    keys = [_reference(ref) for ref in refs]
    if not keys or None in keys:
        return None
    resources = page.raw_get("/Resources") if "/Resources" in page else None
    resource_key = _reference(resources) if resources is not None else ("inherited",)
    if resource_key is None:
        return None
    return (tuple(keys), resource_key)


def pdf_page_texts(reader: Any, name: str) -> list[str]:
    """The text of each page, within the bounds, each shared content stream read once.

    Sizes are checked for the whole file before any text is extracted, so a file over a bound
    is refused at once rather than after minutes of extraction.
    """
    pages = reader.pages
    if len(pages) > MAX_PAGES:
        raise too_long(name, "trang", MAX_PAGES)
    keys: list[tuple[Any, ...] | None] = []
    sizes: dict[Any, int] = {}
    for number, page in enumerate(pages):
        key = _content_key(page)
        keys.append(key)
        slot = key if key is not None else ("page", number)
        if slot in sizes:
            continue
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PAGE_CONTENT:
            raise ExtractError(
                f"Trang {number + 1} của tệp PDF “{name}” chứa quá nhiều lệnh vẽ (hơn "
                f"{MAX_PAGE_CONTENT // 1_000_000} MB) nên không đọc được chữ. Hãy dùng bản Word "
                "(.docx) gốc của văn bản."
            )
        sizes[slot] = size
        if sum(sizes.values()) > MAX_CONTENT:
            raise ExtractError(
                f"Tệp PDF “{name}” chứa quá nhiều dữ liệu trang (hơn {MAX_CONTENT // 1_000_000} MB "
                "lệnh vẽ) để đọc một lần. Hãy tách văn bản thành các tệp nhỏ hơn hoặc dùng bản "
                "Word (.docx) gốc."
            )
    texts: list[str] = []
    read: dict[tuple[Any, ...], str] = {}
    characters = 0
    for page, key in zip(pages, keys, strict=True):
        if key is not None and key in read:
            text = read[key]
        else:
            text = page.extract_text() or ""
            if key is not None:
                read[key] = text
        characters += len(text)
        if characters > MAX_CHARACTERS:
            raise too_long(name, "ký tự", MAX_CHARACTERS)
        texts.append(text)
    return texts


# A .docx is a zip: its 50 MB on disk can inflate to gigabytes (issue 14: 4.2 MB drove the
# process to 8.2 GB). python-docx reads every part whole and parses the XML ones into a tree
# several times their size, so the declared sizes are checked before anything is inflated,
# then each XML part is inflated once as a stream, never past its cap, to check the declared
# sizes are true (zipfile stops at the declared size and checks the CRC).
MAX_DOCX_UNZIPPED = 150 * 1024 * 1024
MAX_DOCX_XML = 30 * 1024 * 1024
MAX_RATIO = 200  # real Word XML compresses 5–50 times; 1 MB of spaces, 1,000 times
# Parts and central-directory bytes. A Word document has tens of parts (a few hundred with
# many images); zipfile reads the whole directory into objects before anything can be
# checked — 400,000 empty entries in a 32 MB file took 4.5 s and 438 MB.
MAX_DOCX_ENTRIES = 10_000
MAX_DOCX_DIRECTORY = 4 * 1024 * 1024
_END = b"PK\x05\x06"  # end of central directory record (22 bytes + a comment)
_END64_LOCATOR = b"PK\x06\x07"  # 20 bytes, just before it, in a ZIP64 archive
_END64 = b"PK\x06\x06"
_RATIO_FROM = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


def _bomb(name: str) -> ExtractError:
    return ExtractError(
        f"Tệp Word “{name}” bất thường: phần nén bên trong giải nén ra quá lớn (tệp hỏng hoặc "
        "cố ý gây hại), nên không mở. Hãy mở tệp bằng Word, lưu lại dạng .docx rồi nhập lại."
    )


def _crowded(name: str, entries: int) -> ExtractError:
    count = f"{entries:,}".replace(",", ".")  # 400.001, as Vietnamese writes it
    return ExtractError(
        f"Tệp Word “{name}” bất thường: bên trong có {count} phần (một văn bản Word chỉ có "
        "vài chục), tệp hỏng hoặc cố ý gây hại, nên không mở. Hãy mở tệp bằng Word, lưu lại "
        "dạng .docx rồi nhập lại."
    )


def directory_size(path: Path) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory, read from its end records alone.

    None when there is no end record (not a zip: zipfile then says so). A ZIP64 archive's
    own end record is read for the true figures.
    """
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        start = max(0, size - (22 + 0xFFFF + 20))
        stream.seek(start)
        tail = stream.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return None
        entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator.startswith(_END64_LOCATOR):
            (offset,) = struct.unpack("<Q", locator[8:16])
            if offset + 56 > size:
                return None
            stream.seek(offset)
            record = stream.read(56)
            if record.startswith(_END64):
                entries, directory = struct.unpack("<QQ", record[32:48])
    return entries, directory


def check_docx_archive(path: Path) -> None:
    """Refuse a .docx whose parts would inflate past the bounds, before python-docx opens it.

    Raises:
        ExtractError: the archive is damaged, or declares (or holds) too much.
    """
    damaged = ExtractError(
        f"Không mở được tệp Word “{path.name}”: tệp hỏng hoặc không phải .docx. "
        "Hãy mở bằng Word và lưu lại dạng .docx."
    )
    try:
        declared = directory_size(path)
        if declared is not None and (
            declared[0] > MAX_DOCX_ENTRIES or declared[1] > MAX_DOCX_DIRECTORY
        ):
            raise _crowded(path.name, declared[0])
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(member.file_size for member in members)
            xml = [m for m in members if m.filename.endswith((".xml", ".rels"))]
            if total > MAX_DOCX_UNZIPPED or sum(m.file_size for m in xml) > MAX_DOCX_XML:
                raise _bomb(path.name)
            for member in members:
                ratio = member.file_size / max(1, member.compress_size)
                if member.file_size > _RATIO_FROM and ratio > MAX_RATIO:
                    raise _bomb(path.name)
            for member in xml:
                inflated = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        inflated += len(chunk)
                        if inflated > member.file_size or inflated > MAX_DOCX_XML:
                            raise _bomb(path.name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise damaged from exc
    except NotImplementedError as exc:  # a compression method zipfile does not have
        raise damaged from exc


class _Counter(logging.Handler):
    """Counts log records without formatting them.

    Formatting a record about a deeply nested object is what printed "--- Logging error ---".
    """

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def pypdf_warnings() -> Iterator[_Counter]:
    """While a PDF is read, count pypdf's warnings instead of writing them; log one line.

    pypdf warns once per broken object: a damaged file gave thousands of lines (issue 14:
    4,501 "Logging error" lines, about 1 MB of log per import, so six imports pushed the
    log's history out of rotation). The count also tells a broken file from a scan.
    Two PDFs read at once share the counter; the count is then only a hint.
    """
    pypdf = logging.getLogger("pypdf")
    counter = _Counter()
    propagate = pypdf.propagate
    pypdf.addHandler(counter)
    pypdf.propagate = False
    try:
        yield counter
    finally:
        pypdf.removeHandler(counter)
        pypdf.propagate = propagate
        if counter.count:
            log.warning(
                "pypdf: %d cảnh báo về cấu trúc tệp PDF (không ghi chi tiết)", counter.count
            )
