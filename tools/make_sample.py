"""Build the sample task files shipped in ``resources/sample/`` from the five seed documents.

A new user sees a working app at once only if the sample is real: the tasks come from the
seed documents in ``tests/data/seeds``, never invented. The extractor reads them when it is
available; until then (or with ``--from-gold``) the hand-written gold lists in
``tests/data/gold`` give the tasks, and the full task text is taken from the seed itself.

Run: ``.venv/bin/python tools/make_sample.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"
OUT = ROOT / "resources" / "sample"
MAX_TITLE = 600


def _flat(text: str) -> str:
    """One line; PDF-extracted "Ƣ" (a look-alike glyph) read as the "Ư" it stands for."""
    text = text.replace("\u01a2", "\u01af").replace("\u01a3", "\u01b0")
    return re.sub(r"\s+", " ", text).strip()


def _full_title(seed: str, start: str) -> str:
    """The task's sentence in the seed, from its first words to the end of the sentence."""
    at = seed.find(_flat(start))
    if at < 0:
        return _flat(start)
    rest = seed[at:]
    end = re.search(r"[.;:](?=\s+(?:[-+•]|\d+\.|[a-zđ]\)|[A-ZĐ]{2,}|$))|\.(?=\s*$)", rest)
    sentence = rest[: end.start() + 1] if end else rest
    sentence = sentence.rstrip(";:").strip()
    if len(sentence) > MAX_TITLE:
        sentence = sentence[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return sentence


def _document_title(seed_text: str) -> str:
    """The heading lines at the top of the seed ("Chương trình hành động … thực hiện …")."""
    lines = [_flat(line.replace("**", "")) for line in seed_text.splitlines() if line.strip()]
    title = " ".join(lines[:4])
    return title[:200].rsplit(" ", 1)[0] if len(title) > 200 else title


def from_gold(seed_path: Path) -> dict[str, Any]:
    gold = json.loads((GOLD / f"{seed_path.stem}.json").read_text(encoding="utf-8"))
    seed_text = seed_path.read_text(encoding="utf-8")
    flat = _flat(seed_text)
    tasks = []
    for index, item in enumerate(gold["tasks"], start=1):
        task: dict[str, Any] = {
            "id": f"NV.{index}",
            "title": _full_title(flat, item["title_start"]),
            "lead_unit": item.get("lead_unit"),
            "support_units": item.get("support_units") or [],
            "deadline_text": item.get("deadline_text"),
            "due": item.get("due"),
        }
        if item.get("output_form"):
            task["output_form"] = item["output_form"]
        tasks.append(task)
    return {
        "format": "nhiemvu",
        "version": 1,
        "document": {
            "number": gold["document"].get("number"),
            "title": _document_title(seed_text),
            "issued": gold["document"].get("issued"),
            "issuer": None,
            "source_file": seed_path.name,
        },
        "tasks": tasks,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from-gold", action="store_true", help="do not use the extractor")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    extract: Callable[[Path], dict[str, Any]] | None = None
    if not args.from_gold:
        try:
            from desktop.extract import extract_document

            extract = extract_document
        except ImportError:
            print("extractor not available: building the sample from tests/data/gold")
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        payload = extract(seed) if extract is not None else from_gold(seed)
        target = OUT / f"{seed.stem}.json"
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{target.relative_to(ROOT)}: {len(payload['tasks'])} tasks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
