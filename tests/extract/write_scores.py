"""`make score`: the extractor over seeds + corpus → docs/extraction.md (per-document table).

Run: ``.venv/bin/python tests/extract/write_scores.py [--details]``. The text between the
score markers of docs/extraction.md is rewritten; the rest of the file (method, targets,
timings) is kept. ``--details`` also prints every miss and wrong field, for working on it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import Score, score_all, total  # noqa: E402

DOC = ROOT / "docs" / "extraction.md"
BEGIN, END = "<!-- score:start -->", "<!-- score:end -->"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _row(name: str, item: Score) -> str:
    if not item.matched:  # no matched task: the field ratios mean nothing
        return (
            f"| {name} | {item.gold} | {item.extracted} | 0 | 0% | {_pct(item.precision)} "
            "| — | — | — | — | — |"
        )
    return (
        f"| {name} | {item.gold} | {item.extracted} | {item.matched} | {_pct(item.recall)} "
        f"| {_pct(item.precision)} | {_pct(item.lead_accuracy)} | {_pct(item.support_accuracy)} "
        f"| {_pct(item.phrase_accuracy)} | {_pct(item.due_accuracy)} "
        f"| {_pct(item.kind_accuracy)} |"
    )


def table() -> tuple[str, list[tuple[str, Score]]]:
    results = score_all()
    lines = [
        "| document | gold | found | matched | recall | precision | lead | support "
        "| phrase | due | kind |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for document, item in results:
        name = f"`{document.name}`" + ("" if document.complete else " (part)")
        lines.append(_row(name, item))
    totals = [
        ("**seeds**", total(results, "seed")),
        ("**corpus**", total(results, "corpus")),
        ("**all**", total(results)),
    ]
    for name, item in totals:
        lines.append(_row(name, item))
    return "\n".join(lines), [(d.name, s) for d, s in results]


def main() -> None:
    text, results = table()
    section = f"{BEGIN}\n{text}\n{END}"
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Extraction\n"
    begin, end = current.find(BEGIN), current.find(END)
    if begin >= 0 and end > begin:
        current = current[:begin] + section + current[end + len(END) :]
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(current, encoding="utf-8")
    print(text)
    if "--details" in sys.argv:
        for name, item in results:
            print(f"\n## {name}")
            for label in (
                "misses",
                "extra",
                "wrong_lead",
                "wrong_support",
                "wrong_phrase",
                "wrong_due",
                "wrong_kind",
            ):
                for entry in getattr(item, label):
                    print(f"  {label}: {entry}")


if __name__ == "__main__":
    main()
