"""Generators of hostile documents for the extractor (issue 14, items 1, 2, 7, 12).

Each function writes one file and returns its path. Sizes are parameters: ``make test`` uses
small variants that still show the fault; the ``slow`` tests use the sizes of the issue.
The files are built byte by byte (zip, PDF objects, cp1258 bytes), so the generator never
depends on the code under test.
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from pathlib import Path

# -- text -----------------------------------------------------------------------------------


def short_lines_txt(path: Path, lines: int) -> Path:
    """Many short lines that re-flow into one paragraph ("Đồng chí Nguyễn Văn An 1 …")."""
    text = "\n".join(f"Đồng chí Nguyễn Văn An {i} chi bộ số {i}" for i in range(lines))
    path.write_text(text, encoding="utf-8")
    return path


def x_lines_txt(path: Path, lines: int) -> Path:
    """The degenerate case of the issue: one "x" per line."""
    path.write_text("x\n" * lines, encoding="utf-8")
    return path


VIETNAMESE_SAMPLE = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
    "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX\n"
    "1. Ban Thường vụ Huyện ủy chỉ đạo xây dựng kế hoạch, hoàn thành trong Quý II năm 2021.\n"
    "2. Ủy ban nhân dân huyện chủ trì, phối hợp với các phòng, ban, ngành triển khai thực hiện; "
    "báo cáo kết quả trước ngày 15 tháng 12 hằng năm.\n"
    "3. Ban Tuyên giáo Huyện ủy tổ chức quán triệt, tuyên truyền sâu rộng trong cán bộ, đảng "
    "viên và Nhân dân, thực hiện thường xuyên.\n"
)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows does for code page 1258: letters with a hat, breve or horn are one
    byte ("â", "ơ"), tones are a combining byte after the letter ("ế" = "ê" + U+0301)."""
    clusters: list[list[str]] = []
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1].append(char)
        else:
            clusters.append([char])
    out = []
    for base, *marks in clusters:
        shape = "".join(mark for mark in marks if mark not in _TONES)
        tones = "".join(mark for mark in marks if mark in _TONES)
        out.append(unicodedata.normalize("NFC", base + shape) + tones)
    return "".join(out).encode("cp1258")


def windows_1258_txt(path: Path, repeat: int = 3) -> Path:
    """Vietnamese saved as "ANSI" on a Vietnamese Windows: code page 1258."""
    path.write_bytes(to_cp1258(VIETNAMESE_SAMPLE * repeat))
    return path


# VNI-Windows: base letter, then one byte for the hat/horn/breve and one for the tone, in
# the Latin-1 range ("Ñ" for "Đ", "ö" for "ư"). A few words of the sample, as VNI fonts type them.
VNI_SAMPLE = (
    "CHÖÔNG TRÌNH HAØNH ÑOÄNG\n"
    "1. Ban Thöôøng vuï Huyeän uûy chæ ñaïo xaây döïng keá hoaïch, hoaøn thaønh trong Quyù II "
    "naêm 2021.\n"
    "2. UÛy ban nhaân daân huyeän chuû trì, phoái hôïp vôùi caùc phoøng, ban, ngaønh trieån khai.\n"
)


def vni_txt(path: Path, repeat: int = 3) -> Path:
    """VNI text saved as "ANSI" (cp1252 bytes)."""
    path.write_bytes((VNI_SAMPLE * repeat).encode("cp1252"))
    return path


# -- Word -------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, body: str, extra: dict[str, bytes] | None = None) -> Path:
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
    document += body + "</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def empty_paragraphs_docx(path: Path, paragraphs: int) -> Path:
    """A small .docx (tens of KB) holding hundreds of thousands of empty paragraphs."""
    return _docx(path, _paragraph("Kế hoạch thực hiện") + "<w:p/>" * paragraphs)


def short_paragraphs_docx(path: Path, paragraphs: int) -> Path:
    """A .docx with many short non-empty paragraphs (every one goes through the style lookup)."""
    body = "".join(_paragraph(f"Đồng chí Nguyễn Văn An {i}") for i in range(paragraphs))
    return _docx(path, body)


def zip_bomb_docx(path: Path, inflated_mb: int) -> Path:
    """A .docx whose document.xml inflates to *inflated_mb* MB from a few KB per MB.

    The member is written with a raw zlib stream so the file stays small (1 MB of spaces
    compresses to about 1 KB). Its declared size in the zip header is the true size: the
    reader must refuse by the declared size and by the ratio, before inflating.
    """
    chunk = b" " * (1024 * 1024)
    header = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(header.encode())
            for _ in range(inflated_mb):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def crowded_docx(path: Path, entries: int) -> Path:
    """A .docx whose zip holds *entries* empty parts besides a real document.

    Over 65,535 entries zipfile writes ZIP64 end records, so both kinds are made.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", _paragraph("Kế hoạch"))
        for number in range(entries):
            archive.writestr(f"{number:x}", b"")
    return path


# -- PDF --------------------------------------------------------------------------------------


def _pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """Write numbered objects (1-based) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _pages_pdf(path: Path, contents: list[bytes], page_contents: list[int]) -> Path:
    """Pages each pointing at one of the content objects given (resources shared, object 4)."""
    pages = len(page_contents)
    first_page, first_content = 5, 5 + pages
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _FONT,
        b"<< /Font << /F1 3 0 R >> >>",
    ]
    for index in page_contents:
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources 4 0 R /Contents {first_content + index} 0 R >>"
            ).encode()
        )
    objects.extend(contents)
    return _pdf(path, objects)


def _text_ops(lines: int) -> bytes:
    ops = bytearray(b"BT /F1 10 Tf 40 800 Td 12 TL\n")
    for i in range(lines):
        ops += b"(Nhiem vu so %d do Ban Thuong vu chu tri thuc hien) '\n" % i
    return bytes(ops + b"ET")


def shared_stream_pdf(path: Path, pages: int, stream_mb: float) -> Path:
    """*pages* pages that all draw one content stream of *stream_mb* MB (the file stays small)."""
    line = len(b"(Nhiem vu so 100000 do Ban Thuong vu chu tri thuc hien) '\n")
    ops = _text_ops(int(stream_mb * 1024 * 1024 / line))
    return _pages_pdf(path, [_stream(ops, compress=True)], [0] * pages)


def text_pdf(path: Path, pages: int, lines_per_page: int = 40) -> Path:
    """An ordinary text PDF (a reference: the bounds must not refuse it)."""
    contents = [_stream(_text_ops(lines_per_page)) for _ in range(pages)]
    return _pages_pdf(path, contents, list(range(pages)))


def flate_bomb_pdf(path: Path, inflated_mb: int) -> Path:
    """One page whose content stream inflates to *inflated_mb* MB (a few hundred KB on disk)."""
    compressor = zlib.compressobj(9)
    packed = bytearray()
    block = b"0 0 m\n" * (1024 * 1024 // 6)
    for _ in range(inflated_mb):
        packed += compressor.compress(block)
    packed += compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
    return _pages_pdf(path, [stream + bytes(packed) + b"\nendstream"], [0])


def huge_length_pdf(path: Path) -> Path:
    """A content stream that declares a /Length of a terabyte."""
    stream = b"<< /Length 1000000000000 >>\nstream\nBT ET\nendstream"
    return _pages_pdf(path, [stream], [0])


def parent_cycle_pdf(path: Path) -> Path:
    """A page tree whose /Parent links go round in a circle (page → node → page's node …)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 /Parent 5 0 R >>",
        _FONT,
        b"<< /Type /Page /Parent 5 0 R /Contents 6 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 /Parent 2 0 R >>",
        _stream(_text_ops(5)),
    ]
    return _pdf(path, objects)


def deep_dictionary_pdf(path: Path, depth: int) -> Path:
    """A page whose /Resources nest *depth* dictionaries deep."""
    nested = b"<< /A " * depth + b"1" + b" >>" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + nested
        + b" /Contents 5 0 R >>",
        _stream(_text_ops(5)),
    ]
    return _pdf(path, objects)


def kerned_pdf(path: Path, pages: int, kb_per_page: int) -> Path:
    """Pages of kerned text ("[(N)-20(h)-20(i)…] TJ"): many drawing bytes per character, as
    Word's PDF export writes them; at the content bound this is the slowest file to read."""
    word = b"[(N)-18(h)-18(i)-18(e)-18(m)-18( )-18(v)-18(u)] TJ\n"
    per_page = kb_per_page * 1024 // len(word)
    ops = b"BT /F1 10 Tf 40 800 Td\n" + word * per_page + b"ET"
    return _pages_pdf(path, [_stream(ops, compress=True) for _ in range(pages)], list(range(pages)))
