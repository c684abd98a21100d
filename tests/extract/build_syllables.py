"""Write ``desktop/extract/syllables.json``: the syllable inventory text repair checks against.

Run from the repository root: ``.venv/bin/python tests/extract/build_syllables.py``.
The reference text is the repository's own undamaged Vietnamese text: seeds 001–004 and the
development corpus's plain texts. Seed 000 is left out — its text layer is the damaged one
the repair is for, and its fragments ("h", "ng", "ế") would enter the counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.extract.syllables import DATA_FILE, count  # noqa: E402

ABOUT = (
    "Vietnamese syllables and syllable pairs with their counts, from seeds 001-004 and "
    "tests/data/corpus/{docs,files}/*.txt (seed 000 left out: its text is damaged). "
    "Written by tests/extract/build_syllables.py; '#' stands for a number or Roman numeral."
)


def reference_files() -> list[Path]:
    """The reference texts, in a fixed order."""
    data = ROOT / "tests" / "data"
    seeds = [p for p in sorted((data / "seeds").glob("*.txt")) if not p.name.startswith("000_")]
    corpus = sorted((data / "corpus" / "docs").glob("*.txt"))
    corpus += sorted((data / "corpus" / "files").glob("*.txt"))
    return seeds + corpus


def main() -> None:
    words, pairs = count(path.read_text(encoding="utf-8") for path in reference_files())
    data = {
        "about": ABOUT,
        "syllables": dict(sorted(words.items())),
        "pairs": dict(sorted(pairs.items())),
    }
    DATA_FILE.write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    print(f"{DATA_FILE}: {len(words)} syllables, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
