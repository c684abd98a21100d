"""File formats → a flat list of lines that the rest of the extractor reads.

Every format is brought to the same shape: a :class:`Line` is either a run of text (a
paragraph, or one physical line of a text/PDF file) or a table row with its cells. Emphasis
that carries meaning survives as markup the later stages understand: a wholly bold line is
flagged ``bold`` (headings, table group rows), italic runs are kept as ``*…*`` (deadlines such
as "(*hoàn thành trong Quý IV hằng năm*)").
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

from desktop.domain.text import nfc
from desktop.extract.errors import ExtractError
from desktop.extract.legacy_encoding import decode_legacy, to_unicode
from desktop.extract.lines import Line
from desktop.extract.reading_limits import (
    check_docx_archive,
    check_docx_body,
    check_text,
    pdf_page_texts,
    pypdf_warnings,
)
from desktop.extract.tables import header_columns
from desktop.extract.text_quality import is_mojibake

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|p|br)\b[^>]*>", re.IGNORECASE)
_BOLD_TAG = re.compile(r"^\s*<(?:b|strong)>.*</(?:b|strong)>\s*$", re.IGNORECASE | re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


# "*4.1. *Giao …", "**1. ***Giảm …": emphasis around a list marker hides the marker.
_EMPHASISED_MARKER = re.compile(
    r"^(\s*)\*+\s*((?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[a-zđ]\)|\(\w{1,4}\)))\s*\*+\s*"
)


def _strip_markup(text: str) -> tuple[str, bool]:
    """Remove HTML tags and markdown heading/bold marks; report whether it was all bold."""
    text = _EMPHASISED_MARKER.sub(r"\1\2 ", text)
    bold = bool(_BOLD_TAG.match(text))
    text = _TAG.sub("", text)
    text = _MD_HEADING.sub("", text)
    stripped = text.strip()
    if stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4:
        bold = True
    text = text.replace("**", "").replace("__", "")
    stripped = text.strip()
    # A line wholly in italics ("*1.2. Nhiệm vụ …:*") is a heading style, not a deadline.
    if re.fullmatch(r"\*[^*]+\*", stripped):
        text = stripped[1:-1]
    return text, bold


_LONE_PIPE = "|"
_GROUP_MARK = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ]|\d{1,2})\s*[.)]?$")


def _cell_text(lines: list[str]) -> tuple[str, bool]:
    text, bold = _strip_markup(" ".join(line.strip() for line in lines))
    joined = " ".join(line.strip() for line in lines)
    return re.sub(r"\s+", " ", text).strip(), bold or joined.strip().startswith("**")


def _flattened(raw_lines: list[str]) -> list[tuple[str, list[list[str]] | str]]:
    """Web copies of Word tables: each cell on its own lines, lone "|" lines between.

    A row opens with a lone "|" and closes with one that a blank line or the next row's
    opening "|" follows; a lone "|" followed by text separates two cells. Returns items in
    order: ("text", line) or ("row", cells as lists of lines).
    """
    items: list[tuple[str, list[list[str]] | str]] = []
    row: list[list[str]] | None = None
    count = len(raw_lines)
    for index, raw in enumerate(raw_lines):
        lone = raw.strip() == _LONE_PIPE
        if row is None:
            if lone:
                row = [[]]
            else:
                items.append(("text", raw))
            continue
        if not lone:
            row[-1].append(raw)
            continue
        following = raw_lines[index + 1] if index + 1 < count else ""
        if following.strip() == "" or following.strip() == _LONE_PIPE:
            items.append(("row", row))
            row = None
        else:
            row.append([])
    if row is not None:
        items.append(("row", row))
    return items


_TABLE_START = re.compile(r"^\**\s*(?:stt|tt|số\s*tt|số thứ tự)\s*\**$", re.IGNORECASE)
_LONG_CELL = 1500


def _split_rows(
    items: list[tuple[str, list[list[str]] | str]],
) -> list[tuple[str, list[list[str]] | str]]:
    """Undo rows that swallowed running text.

    A row's closing "|" is sometimes followed by text at once (the signature block, then
    "PHỤ LỤC I …", then the table's header), which reads as one more cell. A cell of running
    text (long) and everything before it, or everything before a table's first header cell
    ("STT", "TT"), is text.
    """
    result: list[tuple[str, list[list[str]] | str]] = []
    for kind, value in items:
        if kind == "text" or not isinstance(value, list):
            result.append((kind, value))
            continue
        cells = value
        cut = 0
        for index, cell in enumerate(cells):
            joined = " ".join(line.strip() for line in cell)
            if len(joined) > _LONG_CELL:
                cut = index + 1
            elif index > 0 and _TABLE_START.match(joined.strip()):
                cut = index
        for cell in cells[:cut]:
            result.extend(("text", line) for line in cell)
            result.append(("text", ""))
        if cells[cut:]:
            result.append(("row", cells[cut:]))
    return result


def _flattened_lines(raw_lines: list[str]) -> list[Line]:
    """Read a web copy's flattened tables into rows, and the rest into text lines.

    A task table's header row and the rows after it become table rows; a short row inside
    a table is a group row ("I" · "Hoàn thiện thể chế"); every other row (the header and
    signature blocks, the site's own layout) is read as text, cell after cell.
    """
    result: list[Line] = []
    in_table = False
    for kind, value in _split_rows(_flattened(raw_lines)):
        if kind == "text":
            assert isinstance(value, str)
            cleaned, bold = _strip_markup(value)
            result.append(Line(cleaned, None, bold))
            if cleaned.strip():
                in_table = False
            continue
        assert isinstance(value, list)
        cells = [_cell_text(cell) for cell in value]
        texts = tuple(text for text, _ in cells)
        group = (
            in_table
            and 1 <= len(texts) < 3
            and bool(_GROUP_MARK.match(texts[0].strip(" *")) or (texts[0] and not texts[1:]))
        )
        # Inside a table a short row is a sub-row that lost its merged cells on the left.
        wide = (len(texts) >= 3 and header_columns(texts) is not None) or (
            in_table and len(texts) >= 2
        )
        if wide or group:
            bold = any(t for t in texts) and all(b for t, b in cells if t)
            result.append(Line(" ".join(t for t in texts if t), texts, bold))
            in_table = True
            continue
        for cell in value:
            for raw in cell:
                cleaned, bold = _strip_markup(raw)
                result.append(Line(cleaned, None, bold))
        result.append(Line(""))
    return result


_ROW_END = re.compile(r"\|\s*\|[\s|]*$")


def _pipe_cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [_strip_markup(c)[0].strip() for c in inner.split("|")]


def _markdown_rows(raw_lines: list[str]) -> dict[int, Line | None]:
    """Markdown pipe tables whose rows a web copy broke over several lines.

    After a task table's header row, a row runs over the lines that follow until one ends
    in an empty cell ("… | |", the header's empty last column), a line without a leading
    "|" continuing the cell before it. Rows with fewer cells than the header lost their
    empty leading cells (the number column) and are filled from the left, so no row shifts
    because a neighbour had an empty cell. Returns, per line index, the row that ends
    there (None for the lines it swallowed).
    """
    rows: dict[int, Line | None] = {}
    width = 0
    pending: list[str] = []
    pending_lines: list[int] = []
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not width:
            if stripped.startswith("|") and stripped.count("|") >= 3:
                cells = _pipe_cells(stripped)
                while cells and not cells[-1]:
                    cells.pop()
                if header_columns(tuple(cells)) is not None and _ROW_END.search(stripped):
                    width = len(cells)
                    rows[index] = Line(" ".join(cells), tuple(cells), True)
            continue
        if not stripped:
            if not pending:
                continue
        elif "|" not in stripped and not pending:
            width = 0  # the table ended: running text again
            continue
        pending.append(stripped)
        pending_lines.append(index)
        joined = pending[0]
        for line in pending[1:]:
            joined += ("" if line.startswith("|") else " ") + line
        cells = _pipe_cells(joined)
        values = [c for c in cells if c]
        single = len(pending) == 1 and len(values) <= 1 and stripped.endswith("|")
        if not (_ROW_END.search(stripped) or single):
            continue
        for line_index in pending_lines:
            rows[line_index] = None
        pending, pending_lines = [], []
        while cells and not cells[-1]:
            cells.pop()
        if not values:
            continue  # a spacer row
        if single:  # a group row ("I. Văn bản thuộc thẩm quyền …") spanning the table
            cells = [values[0]] + [""] * (width - 1)
        elif len(cells) < width:
            cells = [""] * (width - len(cells)) + cells
        rows[index] = Line(" ".join(values), tuple(cells), False)
    return rows


def lines_from_text(text: str) -> list[Line]:
    """Split plain/markdown text into lines; tab-separated and pipe rows become table rows."""
    text = nfc(to_unicode(text.replace("\r\n", "\n").replace("\r", "\n")))
    raw_lines = text.split("\n")
    if sum(raw.strip() == _LONE_PIPE for raw in raw_lines) >= 6:
        return _flattened_lines(raw_lines)
    result: list[Line] = []
    pipe_rows = _markdown_rows(raw_lines)
    for index, raw in enumerate(raw_lines):
        if index in pipe_rows:
            row = pipe_rows[index]
            if row is not None:
                result.append(row)
            continue
        if _PIPE_SEPARATOR.match(raw) and "-" in raw:
            continue
        if "\t" in raw.strip("\n") and raw.count("\t") >= 2:
            cells = [_strip_markup(c)[0].strip() for c in raw.split("\t")]
            bold = bool(re.search(r"<b>", raw, re.IGNORECASE))
            result.append(Line(" ".join(c for c in cells if c), tuple(cells), bold))
            continue
        stripped = raw.strip()
        if stripped.startswith("|") and stripped.count("|") >= 3:
            inner = stripped.strip("|")
            cells = [_strip_markup(c)[0].strip() for c in inner.split("|")]
            bold = "**" in raw or "<b>" in raw.lower()
            result.append(Line(" ".join(c for c in cells if c), tuple(cells), bold))
            continue
        cleaned, bold = _strip_markup(raw)
        result.append(Line(cleaned, None, bold))
    return result


def decode_bytes(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else legacy.

    Legacy means the code pages of :func:`desktop.extract.legacy_encoding.decode_legacy`:
    TCVN3, VNI, Windows-1258.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_legacy(data)


_TABLE_WORDS = re.compile(r"chủ trì|phối hợp|thời gian|thời hạn|nội dung|nhiệm vụ", re.I)


def _is_layout_table(table: Any) -> bool:
    """A table of at most two columns and a few rows whose first row names no task columns."""
    rows = table.rows
    if not rows or len(rows) > 3 or len(table.columns) > 2:
        return False
    first = " ".join(cell.text for cell in rows[0].cells)
    return not _TABLE_WORDS.search(first)


def _paragraph_style_names(document: Any) -> dict[str | None, str]:
    """Paragraph style id → lower-case name, read once (key ``None``: the default style).

    python-docx's ``paragraph.style`` searches the styles part on every call, which made each
    paragraph cost a scan of all styles (issue 14: a .docx of many paragraphs ran for minutes).
    """
    from docx.oxml.ns import qn

    names: dict[str | None, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        name = style.find(qn("w:name"))
        value = (name.get(qn("w:val")) or "") if name is not None else ""
        names[style.get(qn("w:styleId"))] = value.lower()
        if style.get(qn("w:default")) in ("1", "true", "on") and None not in names:
            names[None] = value.lower()
    return names


def _is_task_table(table: Any) -> bool:
    """Whether one of the first rows of a Word table is an assignment table's header.

    Other tables (the header and signature blocks, "Nơi nhận", report forms to fill in)
    are read as paragraphs.
    """
    for row in table.rows[:3]:
        cells = tuple(" ".join(p.text.strip() for p in c.paragraphs) for c in row.cells)
        if header_columns(cells) is not None:
            return True
    return False


def _docx_lines(path: Path) -> list[Line]:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ExtractError("Thiếu thư viện đọc tệp Word (python-docx).") from exc
    check_docx_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise ExtractError(
            f"Không mở được tệp Word “{path.name}”: tệp hỏng hoặc không phải .docx. "
            "Hãy mở bằng Word và lưu lại dạng .docx."
        ) from exc

    style_names = _paragraph_style_names(document)

    def paragraph_line(paragraph: Paragraph) -> Line | None:
        parts: list[str] = []
        texts = [run for run in paragraph.runs if run.text]
        for run in texts:
            piece = run.text
            if run.italic and piece.strip():
                lead = piece[: len(piece) - len(piece.lstrip())]
                tail = piece[len(piece.rstrip()) :]
                piece = f"{lead}*{piece.strip()}*{tail}"
            parts.append(piece)
        text = "".join(parts).replace("**", "") or paragraph.text
        if not text.strip():
            return Line("")
        bold = bool(texts) and all(run.bold for run in texts if run.text.strip())
        ppr = paragraph._p.pPr
        numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
        style_id = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_key = style_id.get(qn("w:val")) if style_id is not None else None
        style = style_names.get(style_key, style_names.get(None, ""))
        if style.startswith("heading"):
            bold = True
        if (numbered or "list" in style) and not re.match(r"\s*([-–+•]|\(?\w{1,4}[.)])\s", text):
            level = 0
            if numbered and ppr is not None:
                ilvl = ppr.find(qn("w:numPr")).find(qn("w:ilvl"))
                level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
            text = ("+ " if level else "- ") + text.strip()
        return Line(text, None, bold)

    lines: list[Line] = []
    body = document.element.body
    check_docx_body(body, path.name)
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            line = paragraph_line(Paragraph(child, document))
            if line is not None:
                lines.append(line)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            first_cell = table.rows[0].cells[0].text.strip().lower() if table.rows else ""
            if first_cell.startswith("nơi nhận"):
                continue  # the recipients and the signature: nothing to read
            if _is_layout_table(table) or not _is_task_table(table):
                # The header block ("ĐẢNG BỘ … / HUYỆN ỦY … / Số …" beside "ĐẢNG CỘNG SẢN VIỆT
                # NAM / place, date") and the signature block are tables without borders:
                # their paragraphs are read as paragraphs, column by column.
                for row in table.rows:
                    seen_cells: list[object] = []
                    for cell in row.cells:
                        if cell._tc in seen_cells:
                            continue
                        seen_cells.append(cell._tc)
                        for paragraph in cell.paragraphs:
                            line = paragraph_line(paragraph)
                            if line is not None and line.text.strip():
                                lines.append(line)
                lines.append(Line(""))
                continue
            for row in table.rows:
                # One cell per grid column, so that every row lines up with the header: a
                # cell spanning columns keeps its text in its first one; a vertically merged
                # cell repeats its text on each row it covers (python-docx gives it so).
                previous: object = None
                cells: list[str] = []
                bold_cells = 0
                for cell in row.cells:
                    if cell._tc is previous:
                        cells.append("")
                        continue
                    previous = cell._tc
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    cells.append(value)
                    runs = [r for p in cell.paragraphs for r in p.runs if r.text.strip()]
                    if runs and all(r.bold for r in runs):
                        bold_cells += 1
                text = " ".join(c for c in cells if c)
                lines.append(Line(text, tuple(cells), bold_cells > 0))
            lines.append(Line(""))
    return [Line(nfc(to_unicode(x.text)), x.cells, x.bold) if not x.is_row else x for x in lines]


def _pdf_lines(path: Path) -> list[Line]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ExtractError("Thiếu thư viện đọc tệp PDF (pypdf).") from exc
    damaged = ExtractError(
        f"Không đọc được tệp PDF “{path.name}”: tệp hỏng hoặc không đúng định dạng."
    )
    try:
        with pypdf_warnings() as warnings:
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                raise ExtractError(
                    f"Tệp PDF “{path.name}” có mật khẩu. Hãy mở bằng phần mềm đọc PDF, lưu một "
                    "bản không mật khẩu rồi nhập lại."
                )
            pages = pdf_page_texts(reader, path.name)
    except ExtractError:
        raise
    # pypdf's own errors include its limits (LimitReachedError: a /Parent cycle, a huge
    # /Length, a Flate bomb); the others are what a malformed object makes its parser raise.
    except (PyPdfError, RecursionError, OSError, ValueError, KeyError, TypeError) as exc:
        raise damaged from exc
    except (AttributeError, IndexError, zlib.error, struct.error) as exc:
        raise damaged from exc
    # pypdf marks every gap between glyph runs with a tab; in a PDF that is spacing, not the
    # column separator it is in the seeds' text exports.
    text = "\n".join(pages).replace("\t", " ")
    if sum(ch.isalpha() for ch in text) < 20 * max(1, len(pages)) // 4 + 10:
        if warnings.count:  # no text because the structure is broken, not because it's a scan
            raise damaged
        raise ExtractError(
            f"Tệp PDF “{path.name}” không có lớp chữ (có thể là bản quét/chụp ảnh), nên không đọc "
            "được nội dung. Hãy dùng bản Word (.docx) gốc của văn bản, hoặc chạy nhận dạng chữ "
            "(OCR) rồi lưu thành .docx và nhập lại."
        )
    if is_mojibake(to_unicode(text)):
        raise ExtractError(
            f"Lớp chữ của tệp PDF “{path.name}” bị lỗi phông (chữ hiện ra là ký tự vô nghĩa, "
            "không phải tiếng Việt), nên không đọc được nội dung. Hãy dùng bản Word (.docx) "
            "gốc của văn bản, hoặc chạy nhận dạng chữ (OCR) trên bản PDF rồi lưu thành .docx "
            "và nhập lại."
        )
    return lines_from_text(text)


def read_lines(path: Path) -> list[Line]:
    """Read *path* into lines, or raise :class:`ExtractError` saying what to do instead."""
    if not path.exists():
        raise ExtractError(f"Không tìm thấy tệp “{path}”.")
    if not path.is_file():
        raise ExtractError(f"“{path}” không phải là một tệp văn bản.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(
                f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB; tối đa "
                f"{MAX_BYTES // (1024 * 1024)} MB). Hãy tách văn bản thành các tệp nhỏ hơn."
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ExtractError(f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC) or suffix in {".doc", ".dot", ".rtf", ".wps"}:
        raise ExtractError(
            f"“{path.name}” là tệp Word đời cũ ({suffix or '.doc'}), chương trình chưa đọc được. "
            "Hãy mở tệp trong Word, chọn Tệp › Lưu thành… › “Tài liệu Word (*.docx)”, rồi nhập "
            "tệp .docx đó."
        )
    if suffix == ".docx":
        return _docx_lines(path)
    if suffix == ".pdf":
        return _pdf_lines(path)
    if suffix in TEXT_SUFFIXES:
        try:
            text = decode_bytes(path.read_bytes())
        except OSError as exc:
            raise ExtractError(f"Không đọc được tệp “{path.name}”.") from exc
        check_text(text, path.name)
        return lines_from_text(text)
    raise ExtractError(
        f"Không nhận dạng được loại tệp “{path.name}”. Chương trình đọc được văn bản Word "
        "(.docx), PDF có lớp chữ (.pdf), và tệp chữ (.txt, .md). Hãy lưu văn bản thành .docx "
        "rồi nhập lại."
    )
