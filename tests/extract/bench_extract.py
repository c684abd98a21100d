"""Prints how long extraction takes: the five seeds, and a generated 200-page document.

Run: ``.venv/bin/python tests/extract/bench_extract.py``. Not a test: timings depend on the
machine, so they are printed for the record rather than asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.extract import extract_document, extract_text  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
CHARS_PER_PAGE = 3000


def long_document(pages: int = 200) -> str:
    """Vary the seeds' forms section after section until the text fills *pages* pages."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = ["Hà Nội, ngày 02 tháng 1 năm 2025\n\nSố 99-CTr/ĐU\n\nCHƯƠNG TRÌNH\n"]
    size, round_ = 0, 0
    while size < pages * CHARS_PER_PAGE:
        for source in sources:
            varied = source.replace("2021", str(2021 + round_ % 5)).replace("Quý II", "Quý III")
            parts.append(varied)
            size += len(varied)
        round_ += 1
    return "\n\n".join(parts)


def main() -> None:
    start = time.perf_counter()
    counts = []
    for path in sorted(SEEDS.glob("*.txt")):
        counts.append(len(extract_document(path)["tasks"]))
    seeds = time.perf_counter() - start
    print(f"five seeds: {seeds:.3f} s ({sum(counts)} tasks)")
    text = long_document()
    start = time.perf_counter()
    result = extract_text(text, "long.txt")
    elapsed = time.perf_counter() - start
    pages = len(text) / CHARS_PER_PAGE
    print(
        f"{pages:.0f}-page document ({len(text):,} chars): {elapsed:.3f} s "
        f"({len(result['tasks'])} tasks)"
    )
    files = sorted((ROOT / "tests" / "data" / "corpus" / "files").glob("*.*"))
    originals = [p for p in files if p.suffix in {".docx", ".pdf"}]
    start = time.perf_counter()
    for path in originals:
        extract_document(path)
    print(
        f"{len(originals)} real .docx/.pdf files of the corpus: {time.perf_counter() - start:.3f} s"
    )


if __name__ == "__main__":
    main()
