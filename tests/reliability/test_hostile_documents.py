"""Hostile documents for the extractor (issue 14): no hang, no memory blow-up, no garbage.

Quick cases run in ``make test``; the sizes of the issue run under ``-m slow`` in a fresh
process (``measure_document``) whose time and peak memory go to docs/reliability.md. The
timers here are hang guards, not speed asserts: the tests that fail before a fix count work
(characters looked at, pages extracted) or check the outcome.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.extract import paragraphs, reading_limits
from desktop.extract.errors import ExtractError
from desktop.extract.lines import Line
from desktop.extract.readers import read_lines
from desktop.extract.reading_limits import MAX_DOCX_ENTRIES, directory_size
from tests.extract.scoring import CORPUS
from tests.reliability import hostile_documents as make
from tests.reliability.figures import record
from tests.reliability.test_fuzz import bounded

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 2 * 1024**3  # a reader that inflates a bomb fails here instead of taking the machine
HANG_GUARD_S = 120.0


def measure(path: Path, case: str, what: str) -> dict[str, Any]:
    """Read *path* in a fresh, memory-capped process; record and return what happened."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.measure_document", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        preexec_fn=cap,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["stderr_lines"] = len(done.stderr.splitlines())
    figures["file_bytes"] = path.stat().st_size
    record(f"document_{case}", case=case, what=what, **figures)
    assert figures["peak_mb"] < 500
    return figures


# -- item 1: reading is linear in the input, and bounded --------------------------------------


class _Counting:
    """Stands for a compiled pattern or a predicate and counts the characters given to it."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.characters = 0

    def search(self, text: str) -> Any:
        self.characters += len(text)
        return self.target.search(text)

    def __call__(self, text: str) -> Any:
        self.characters += len(text)
        return self.target(text)


def test_reflow_looks_at_a_bounded_end_of_each_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """4,000 wrapped lines ending "… gồm:" join into one paragraph; before the fix the rule
    searched the whole growing paragraph for every line (quadratic: about 8·10⁸ characters)."""
    colon = _Counting(paragraphs._GROUP_COLON)
    upper = _Counting(paragraphs._is_upper)
    monkeypatch.setattr(paragraphs, "_GROUP_COLON", colon)
    monkeypatch.setattr(paragraphs, "_is_upper", upper)
    lines = [Line(f"Đồng chí Nguyễn Văn An {i} chi bộ số {i} gồm:") for i in range(4000)]
    blocks = paragraphs.reflow(lines)
    assert len(blocks) == 1
    assert blocks[0].text.count("gồm:") == 4000
    assert colon.characters + upper.characters <= 1000 * len(lines)


def test_reflow_keeps_its_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounded view changes nothing for ordinary text: headings, markers, joins."""
    lines = [
        Line("I. MỤC ĐÍCH, YÊU CẦU"),
        Line("1. Ban Thường vụ Huyện ủy chỉ đạo xây dựng kế hoạch triển khai"),
        Line("thực hiện, hoàn thành trong Quý II năm 2021."),
        Line("Các nhiệm vụ cụ thể gồm:"),
        Line("- Tuyên truyền;"),
    ]
    texts = [block.text for block in paragraphs.reflow(lines)]
    assert texts == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Ban Thường vụ Huyện ủy chỉ đạo xây dựng kế hoạch triển khai thực hiện, hoàn thành "
        "trong Quý II năm 2021.",
        "Các nhiệm vụ cụ thể gồm:",
        "- Tuyên truyền;",
    ]


def test_word_paragraph_styles_are_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx's ``paragraph.style`` scans the styles part on every call (0.2–0.8 ms a
    paragraph); the reader resolves style names from one table instead."""
    from docx.text.paragraph import Paragraph

    asked = 0
    original = Paragraph.style

    def counting(self: Paragraph) -> Any:
        nonlocal asked
        asked += 1
        return original.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(Paragraph, "style", property(counting))
    lines = read_lines(make.short_paragraphs_docx(tmp_path / "many.docx", 500))
    assert sum(1 for line in lines if line.text.startswith("Đồng chí")) == 500
    assert asked == 0


def test_word_file_of_300000_empty_paragraphs_is_refused(tmp_path: Path) -> None:
    path = make.empty_paragraphs_docx(tmp_path / "empty.docx", 300_000)
    assert path.stat().st_size < 100_000
    with bounded(60), pytest.raises(ExtractError, match="30.000 đoạn văn"):
        read_lines(path)


def test_text_over_the_bounds_is_refused(tmp_path: Path) -> None:
    lines = make.x_lines_txt(tmp_path / "x.txt", reading_limits.MAX_LINES + 1)
    with bounded(60), pytest.raises(ExtractError, match="150.000 dòng"):
        read_lines(lines)
    big = tmp_path / "big.txt"
    big.write_text("Kế hoạch " * (reading_limits.MAX_CHARACTERS // 9 + 1), encoding="utf-8")
    with bounded(60), pytest.raises(ExtractError, match="3.000.000 ký tự"):
        read_lines(big)


def test_pdf_sharing_one_heavy_content_stream_is_refused_at_once(tmp_path: Path) -> None:
    """50 pages drawing one 1.5 MB stream: pypdf took ~4 s per page before the bound."""
    path = make.shared_stream_pdf(tmp_path / "shared.pdf", pages=50, stream_mb=1.5)
    with bounded(60), pytest.raises(ExtractError, match="Trang 1 .*quá nhiều lệnh vẽ"):
        read_lines(path)


def test_pdf_shared_content_is_extracted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PageObject

    calls = 0
    original = PageObject.extract_text

    def counting(self: PageObject, *args: Any, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counting)
    path = make.shared_stream_pdf(tmp_path / "shared.pdf", pages=30, stream_mb=0.02)
    lines = read_lines(path)
    assert calls == 1
    assert sum("Nhiem vu so 0 do" in line.text for line in lines) == 30


def test_pdf_over_the_page_bound_is_refused_before_extraction(tmp_path: Path) -> None:
    path = make.text_pdf(tmp_path / "long.pdf", reading_limits.MAX_PAGES + 1, lines_per_page=1)
    with bounded(60), pytest.raises(ExtractError, match="600 trang"):
        read_lines(path)


# -- item 2: the .docx zip bomb -------------------------------------------------------------


def test_docx_bomb_over_the_unzipped_bound_is_refused_before_inflating(tmp_path: Path) -> None:
    path = make.zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=160)
    assert path.stat().st_size < 1024 * 1024
    with bounded(60), pytest.raises(ExtractError, match="giải nén ra quá lớn"):
        read_lines(path)


def test_docx_part_compressed_beyond_any_real_document_is_refused(tmp_path: Path) -> None:
    """20 MB of spaces is under the size bounds, but 1,000 : 1 is no Word document."""
    path = make.zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=20)
    with bounded(60), pytest.raises(ExtractError, match="giải nén ra quá lớn"):
        read_lines(path)


@pytest.mark.parametrize("entries", [20_000, 70_000])  # 70,000: ZIP64 end records
def test_docx_crowded_with_parts_is_refused_before_the_directory_is_read(
    tmp_path: Path, entries: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zipfile turns every directory entry into an object before anything can be checked:
    # 400,000 entries took 4.5 s and 438 MB. The end record says how many there are.
    path = make.crowded_docx(tmp_path / "crowded.docx", entries)
    opened: list[Path] = []
    monkeypatch.setattr(
        "desktop.extract.reading_limits.zipfile.ZipFile", lambda p, *a, **k: opened.append(p)
    )
    count = f"{entries + 3:,}".replace(",", ".")
    with pytest.raises(ExtractError, match=f"bên trong có {count} phần"):
        read_lines(path)
    assert opened == []


def test_a_real_word_document_declares_a_small_directory() -> None:
    for path in sorted(CORPUS.rglob("*.docx")):
        declared = directory_size(path)
        assert declared is not None and declared[0] < MAX_DOCX_ENTRIES // 20, path.name


def test_damaged_docx_is_a_message(tmp_path: Path) -> None:
    path = make.short_paragraphs_docx(tmp_path / "cut.docx", 50)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ExtractError, match="tệp hỏng"):
        read_lines(path)


# -- item 7: Windows-1258 and VNI -------------------------------------------------------------


def test_windows_1258_text_is_converted_not_imported_as_garbage(tmp_path: Path) -> None:
    from desktop.extract.pipeline import extract_document

    path = make.windows_1258_txt(tmp_path / "ansi.txt")
    text = "\n".join(line.text for line in read_lines(path))
    assert "Ban Thường vụ Huyện ủy chỉ đạo" in text
    assert "Thý" not in text and "õÌ" not in text
    leads = {task["lead_unit"] for task in extract_document(path)["tasks"]}
    assert leads and all("ý" not in (lead or "") for lead in leads)


@pytest.mark.parametrize("seed", sorted((ROOT / "tests" / "data" / "seeds").glob("00[1-4]_*.txt")))
def test_windows_1258_of_every_seed_decodes_exactly(seed: Path) -> None:
    from desktop.domain.text import nfc
    from desktop.extract.readers import decode_bytes

    original = nfc(seed.read_text(encoding="utf-8"))
    lines = []
    for line in original.split("\n"):
        try:
            make.to_cp1258(line)
        except UnicodeEncodeError:
            continue  # a character cp1258 does not have ("…", "ƣ"): not in an ANSI file either
        lines.append(line)
    kept = "\n".join(lines)
    assert len(kept) > 1000
    assert decode_bytes(make.to_cp1258(kept)) == kept


def test_windows_1258_mojibake_inside_unicode_text_is_repaired(tmp_path: Path) -> None:
    """The same bytes once opened as cp1252 and saved as UTF-8 ("Ban ThýõÌng vuò")."""
    garbled = make.to_cp1258(make.VIETNAMESE_SAMPLE).decode("cp1252")
    path = tmp_path / "resaved.txt"
    path.write_text(garbled, encoding="utf-8")
    text = "\n".join(line.text for line in read_lines(path))
    assert "Ban Thường vụ Huyện ủy" in text and "Thý" not in text


def test_vni_text_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="VNI"):
        read_lines(make.vni_txt(tmp_path / "vni.txt"))


def test_bytes_in_no_vietnamese_encoding_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("café crème brûlée\n".encode("cp1252"))
    with pytest.raises(ExtractError, match="bảng mã"):
        read_lines(path)


# -- item 12: pypdf's limits are "tệp PDF hỏng"; its warnings do not flood the log ----------


@pytest.mark.parametrize(
    "build",
    [
        lambda p: make.huge_length_pdf(p / "length.pdf"),
        lambda p: make.parent_cycle_pdf(p / "cycle.pdf"),
        lambda p: make.flate_bomb_pdf(p / "flate.pdf", inflated_mb=100),
        lambda p: make.deep_dictionary_pdf(p / "deep.pdf", depth=3000),
    ],
    ids=["huge-length", "parent-cycle", "flate-bomb", "deep-dictionary"],
)
def test_pdf_that_trips_pypdf_limits_is_a_damaged_pdf(tmp_path: Path, build: Any) -> None:
    with bounded(60), pytest.raises(ExtractError, match="tệp hỏng"):
        read_lines(build(tmp_path))


def test_deep_dictionary_pdf_writes_one_log_line_not_thousands(tmp_path: Path) -> None:
    import logging

    class Keep(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.DEBUG)
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            record.getMessage()  # formatting must not fail either
            self.records.append(record)

    keep = Keep()
    root = logging.getLogger()
    root.addHandler(keep)
    try:
        with pytest.raises(ExtractError):
            read_lines(make.deep_dictionary_pdf(tmp_path / "deep.pdf", depth=3000))
    finally:
        root.removeHandler(keep)
    assert len(keep.records) <= 1
    assert not any(record.name.startswith("pypdf") for record in keep.records)


SLOW_CASES = [
    (
        "text_20000_short_lines",
        "1 · .txt, 20 000 short lines (1 MB) that re-flow into one paragraph",
        lambda p: make.short_lines_txt(p / "a.txt", 20_000),
        "read",
    ),
    (
        "text_100000_x_lines",
        "1 · .txt, 100 000 lines of “x”",
        lambda p: make.x_lines_txt(p / "a.txt", 100_000),
        "read",
    ),
    (
        "docx_300000_empty_paragraphs",
        "1 · .docx, 300 000 empty paragraphs",
        lambda p: make.empty_paragraphs_docx(p / "a.docx", 300_000),
        "refused",
    ),
    (
        "docx_29900_paragraphs_at_bound",
        "1 · .docx, 29 900 short paragraphs (just under the bound)",
        lambda p: make.short_paragraphs_docx(p / "a.docx", 29_900),
        "read",
    ),
    (
        "pdf_50_pages_one_6mb_stream",
        "1 · PDF, 50 pages drawing one shared 6 MB content stream",
        lambda p: make.shared_stream_pdf(p / "a.pdf", 50, 6),
        "refused",
    ),
    (
        "docx_bomb_1gb",
        "2 · .docx zip bomb: 1 MB on disk, 1 GB of XML inside",
        lambda p: make.zip_bomb_docx(p / "a.docx", 1024),
        "refused",
    ),
    (
        "docx_bomb_4gb",
        "2 · .docx zip bomb: 4 MB on disk, 4 GB of XML inside",
        lambda p: make.zip_bomb_docx(p / "a.docx", 4096),
        "refused",
    ),
    (
        "text_windows_1258",
        "7 · .txt saved as ANSI on a Vietnamese Windows (cp1258): converted exactly",
        lambda p: make.windows_1258_txt(p / "a.txt", repeat=200),
        "read",
    ),
    (
        "text_vni",
        "7 · .txt typed with VNI fonts",
        lambda p: make.vni_txt(p / "a.txt", repeat=200),
        "refused",
    ),
    (
        "pdf_flate_bomb",
        "12 · PDF whose content stream inflates to 1 GB (Flate bomb)",
        lambda p: make.flate_bomb_pdf(p / "a.pdf", 1024),
        "refused",
    ),
    (
        "pdf_huge_length",
        "12 · PDF declaring a stream /Length of 1 TB",
        lambda p: make.huge_length_pdf(p / "a.pdf"),
        "refused",
    ),
    (
        "pdf_parent_cycle",
        "12 · PDF whose page tree /Parent links form a cycle",
        lambda p: make.parent_cycle_pdf(p / "a.pdf"),
        "refused",
    ),
    (
        "pdf_deep_dictionary",
        "12 · PDF with resources nested 20 000 dictionaries deep",
        lambda p: make.deep_dictionary_pdf(p / "a.pdf", 20_000),
        "refused",
    ),
    (
        "pdf_599_pages_at_bound",
        "1 · PDF, 599 text pages (just under the bound)",
        lambda p: make.text_pdf(p / "a.pdf", 599),
        "read",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "what", "build", "outcome"), SLOW_CASES)
def test_issue_sized_files_in_a_fresh_process(
    tmp_path: Path, case: str, what: str, build: Any, outcome: str
) -> None:
    figures = measure(build(tmp_path), case, what)
    assert figures["outcome"] == outcome, figures["message"]
