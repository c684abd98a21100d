"""Copy every gold deadline phrase of the development corpus into tests/data/.

The corpus lives outside the repository (``../shared/corpus``) and a clean checkout in CI may
not have it, so the deadline reader's test reads this copy. Run again when the gold changes::

    .venv/bin/python tools/corpus_deadline_phrases.py ../shared/corpus
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus_deadline_phrases.json"

# Issue dates from each document's text or the corpus README / SOURCES.md (a draft with no
# day, or an excerpt with none, has null: phrases without a year then read as unknown).
ISSUED: dict[str, str | None] = {
    "bcdtw-phien1-2025": "2025-01-20",
    "hu-tuyphong-kl93-2021": None,
    "ttg-qd2530-2025": "2025-11-19",
    "tw-kl155-2025": "2025-05-16",
    "ubnd-dongnai-kh179-2025": "2025-11-18",
    "ubnd-dongthap-kh552-2025": "2025-11-19",
    "ubnd-hanoi-kh308-2025": "2025-11-17",
    "ubnd-laichau-kh7360-2025": "2025-11-19",
    "ubtvqh-nq1339-2024": "2024-12-28",
    "vpcp-tb56-bocongan-2025": None,
    "vpcp-tb624-2025": "2025-11-16",
    "vptw-tb432-2025": "2025-11-26",
    "gialai-snnmt-cv8544-dongchay-qd2839": "2026-07-31",
    "lamdong-ubnd-kh-kiemtra-cchc-2026": None,
    "lamdong-ubnd-kh-pcmt-den-2030": None,
    "laocai-sct-kh2242-kiemtra-gcn-vlncn": "2026-04-23",
    "laocai-sct-kh3898-huanluyen-nguoiquanly-vlncn": "2026-06-30",
    "laocai-ubnd-cv7432-pccc-qd1074": "2026-07-21",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path, help="the shared corpus folder")
    corpus: Path = parser.parse_args().corpus
    rows = []
    golds = sorted(corpus.glob("docs/*.gold.json")) + sorted(corpus.glob("files/*.gold.json"))
    for gold in golds:
        document = gold.name.removesuffix(".gold.json")
        for task in json.loads(gold.read_text(encoding="utf-8")):
            if task.get("deadline_text"):
                rows.append(
                    {
                        "document": document,
                        "issued": ISSUED[document],
                        "phrase": task["deadline_text"],
                        "kind": task["kind"],
                        "due": task["due"],
                        "recurrence": task.get("recurrence"),
                    }
                )
    table = {
        "note": "Every deadline_text of the development corpus gold (shared/corpus/docs and "
        "files), copied by tools/corpus_deadline_phrases.py so that the test runs on a clean "
        "checkout. issued is the document's issue date where its text or the corpus README "
        "gives one (null otherwise). kind/due/recurrence are the gold's reading.",
        "phrases": rows,
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} phrases → {OUT}")


if __name__ == "__main__":
    main()
