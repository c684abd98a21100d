"""Every file the extractor cannot read gets a Vietnamese message saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from desktop.extract import ExtractError, extract_document, extract_text
from desktop.extract.legacy_encoding import TCVN3_TABLE, looks_tcvn3
from desktop.extract.readers import MAX_BYTES

UNICODE_SAMPLE = (
    "II. Nhiệm vụ cụ thể\n\n- Văn phòng Đảng ủy chủ trì, phối hợp với Ban Tổ chức xây dựng "
    "chương trình hành động, báo cáo trong tháng 9 năm 2021.\n"
)


def _tcvn3(text: str) -> str:
    reverse = {unicode: legacy for legacy, unicode in TCVN3_TABLE.items()}
    return "".join(reverse.get(ch, ch) for ch in text)


def test_legacy_doc_bytes(tmp_path: Path) -> None:
    path = tmp_path / "chuong_trinh.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ExtractError, match=r"\.docx"):
        extract_document(path)


def test_ole_bytes_behind_a_docx_name(tmp_path: Path) -> None:
    path = tmp_path / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ExtractError, match="Word đời cũ"):
        extract_document(path)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "bang.xyz"
    path.write_text("nội dung", encoding="utf-8")
    with pytest.raises(ExtractError, match="Không nhận dạng được loại tệp"):
        extract_document(path)


def test_broken_docx(tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExtractError, match="Không mở được tệp Word"):
        extract_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="Không tìm thấy"):
        extract_document(tmp_path / "khong_co.txt")


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "ban_quet.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ExtractError, match="không có lớp chữ") as info:
        extract_document(path)
    assert "OCR" in str(info.value)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(ExtractError):
        extract_document(path)


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ExtractError, match="quá lớn"):
        extract_document(path)


def test_tcvn3_text_is_converted(tmp_path: Path) -> None:
    legacy = _tcvn3(UNICODE_SAMPLE)
    assert "­¬" not in UNICODE_SAMPLE and looks_tcvn3(legacy)
    path = tmp_path / "vntime.txt"
    path.write_bytes(legacy.encode("cp1252", errors="strict"))
    task = extract_document(path)["tasks"][0]
    assert task["lead_unit"] == "Văn phòng Đảng ủy"
    assert task["title"].startswith("Văn phòng Đảng ủy chủ trì")
    assert task["due"] == "2021-09-30"


def test_tcvn3_inside_utf8_text() -> None:
    result = extract_text(_tcvn3(UNICODE_SAMPLE))
    assert result["tasks"][0]["deadline_text"] == "trong tháng 9 năm 2021"


def test_vni_text_is_refused_with_advice(tmp_path: Path) -> None:
    vni = (
        "II. NHIEÄM VUÏ\n\n- Vaên phoøng Ñaûng uûy chuû trì, phoái hôïp vôùi Ban Toå chöùc "
        "xaây döïng chöông trình haønh ñoäng.\n"
    )
    path = tmp_path / "vni.txt"
    path.write_bytes(vni.encode("cp1252"))
    with pytest.raises(ExtractError, match="VNI") as info:
        extract_document(path)
    assert "Unicode" in str(info.value)


def test_unicode_vietnamese_is_not_taken_for_legacy() -> None:
    text = Path(__file__).resolve().parents[1] / "data" / "seeds" / "004_dd3671c873994fa0.txt"
    assert not looks_tcvn3(text.read_text(encoding="utf-8"))
    assert extract_text(UNICODE_SAMPLE)["tasks"][0]["lead_unit"] == "Văn phòng Đảng ủy"
