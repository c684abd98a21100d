"""Realistic benchmark data: units of the seeds, deadline phrases of every kind, 5 years.

A committee office's database after a term: many action programs, each task led by one of
the units the seed documents name, with the deadline phrases those documents (and
shared/spec/deadlines.md) use, spread over the quarters of 2021-2025.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
ISSUED = date(2021, 1, 15)
TITLE = "Chương trình hành động thực hiện Nghị quyết số {n}-NQ/TW giai đoạn 2021 - 2025"
YEARS = range(2021, 2026)
ROMAN = ("I", "II", "III", "IV")

# Phrases of every kind, with a year spread over the term (dated: most tasks).
DATED_TEMPLATES = (
    "Quý {r} năm {y}",
    "Quý {r}/{y}",
    "quý {q} năm {y}",
    "trong Quý {r} năm {y}",
    "tháng {m} năm {y}",
    "trong tháng {m}/{y}",
    "trước tháng {m} năm {y}",
    "trước ngày {d}/{m}/{y}",
    "chậm nhất ngày {d}/{m}/{y}",
    "ngày {d} tháng {m} năm {y}",
    "năm {y}",
    "hoàn thành trong năm {y}",
    "6 tháng đầu năm {y}",
    "6 tháng cuối năm {y}",
    "cuối quý {r}/{y}",
    "đầu tháng {m}/{y}",
    "cuối tháng {m}/{y}",
    "{m}/{y}",
)
OTHER_PHRASES = {
    "recurring": (
        "Hàng năm",
        "hằng quý",
        "Tháng 12 hằng năm",
        "hằng năm (trước ngày 15 tháng 11)",
        "Hằng năm hoặc đột xuất",
        "Thường xuyên, định kỳ hằng quý báo cáo",
        "định kỳ 6 tháng",
    ),
    "period": ("Giai đoạn 2021 - 2025", "Năm 2024 - 2025", "nhiệm kỳ 2020 - 2025"),
    "ongoing": ("thường xuyên", "Thực hiện thường xuyên", "Từ 01/7/2023"),
    "conditional": (
        "Theo kế hoạch",
        "Khi có phát sinh",
        "sau khi có hướng dẫn của Trung ương",
        "theo yêu cầu",
    ),
    "unknown": ("", "Kịp thời", "Theo chỉ đạo"),
}
# Share of each kind among the generated tasks (the rest: seed phrases verbatim).
MIX = (
    ("dated", 0.62),
    ("seed", 0.18),
    ("recurring", 0.05),
    ("period", 0.04),
    ("ongoing", 0.05),
    ("conditional", 0.03),
    ("unknown", 0.03),
)
TITLE_WORDS = (
    "Tuyên truyền, quán triệt",
    "Xây dựng kế hoạch",
    "Kiểm tra, giám sát",
    "Sơ kết, đánh giá",
    "Tổ chức hội nghị",
    "Báo cáo kết quả",
    "Rà soát, bổ sung",
    "Hướng dẫn thực hiện",
)


def units() -> list[str]:
    """Unit names the seed documents use (lead and coordinating), in a stable order."""
    names: set[str] = set()
    for path in sorted((DATA / "gold").glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            if task.get("lead_unit"):
                names.add(task["lead_unit"])
            names.update(task.get("support_units") or [])
    return sorted(names)


def seed_titles() -> list[str]:
    titles = []
    for path in sorted((DATA / "gold").glob("*.json")):
        titles.extend(
            t["title_start"] for t in json.loads(path.read_text(encoding="utf-8"))["tasks"]
        )
    return titles


def seed_phrases() -> list[str]:
    data = json.loads((DATA / "deadline_phrases.json").read_text(encoding="utf-8"))
    return [p["phrase"] for p in data["phrases"]]


def _dated(rng: random.Random) -> str:
    q = rng.randint(1, 4)
    m = rng.randint(1, 12)
    return rng.choice(DATED_TEMPLATES).format(
        y=rng.choice(YEARS), q=q, r=ROMAN[q - 1], m=m, d=rng.randint(1, 28)
    )


def make_payload(n: int, *, seed: int = 1, number: int = 1) -> dict[str, Any]:
    """A task JSON ("nhiemvu" v1) of *n* tasks as the extractor writes it."""
    rng = random.Random(seed)
    unit_names = units()
    # A few units lead most tasks, as in the seeds (Ban Tuyên giáo, Văn phòng, cấp ủy …).
    weights = [1.0 / (i + 1) for i in range(len(unit_names))]
    titles = seed_titles()
    phrases = seed_phrases()
    kinds = [k for k, _ in MIX]
    shares = [s for _, s in MIX]
    tasks = []
    for i in range(n):
        kind = rng.choices(kinds, shares)[0]
        if kind == "dated":
            phrase: str | None = _dated(rng)
        elif kind == "seed":
            phrase = rng.choice(phrases)
        else:
            phrase = rng.choice(OTHER_PHRASES[kind]) or None
        lead = rng.choices(unit_names, weights)[0] if rng.random() > 0.05 else None
        support = rng.sample(unit_names, rng.choice((0, 0, 1, 2)))
        base = titles[i % len(titles)]
        title = f"{rng.choice(TITLE_WORDS)}: {base[:160]} (mục {i + 1})"
        task: dict[str, Any] = {
            "id": f"{i // 1000 + 1}.{i % 1000 + 1}",
            "title": title,
            "section": f"Phần {ROMAN[i % 4]} / {i // 250 + 1}",
            "lead_unit": lead,
            "support_units": support,
            "deadline_text": phrase,
        }
        if rng.random() < 0.3:
            task["output_form"] = rng.choice(("Kế hoạch", "Báo cáo", "Hướng dẫn", "Đề án"))
        tasks.append(task)
    return {
        "format": "nhiemvu",
        "version": 1,
        "document": {
            "number": f"{number}-CTr/ĐUK",
            "title": TITLE.format(n=number),
            "issued": ISSUED.isoformat(),
            "issuer": "Ban Chấp hành Đảng bộ Khối",
            "source_file": f"bench_{number}.json",
        },
        "tasks": tasks,
    }


def write_payload(path: Path, payload: dict[str, Any]) -> Path:
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def project_name(unit: str | None) -> str:
    """A Taskwarrior project for a unit: ASCII, no spaces (Taskwarrior filters split on them)."""
    from desktop.domain.text import fold
    from desktop.domain.units import unit_key

    if not unit:
        return ""
    # unit_key keeps the accents (it is the app's match rule); fold makes it ASCII.
    return "".join(c if c.isalnum() else "_" for c in fold(unit_key(unit)))


def taskwarrior_tasks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The same tasks as Taskwarrior JSON (description, project = unit, due, entry)."""
    from desktop.domain.deadlines import parse_deadline, program_horizon

    document = payload["document"]
    issued = date.fromisoformat(document["issued"])
    horizon = program_horizon(document["title"])
    entry = f"{issued:%Y%m%d}T000000Z"
    result = []
    for task in payload["tasks"]:
        spec = parse_deadline(task.get("deadline_text"), issued=issued, horizon=horizon)
        item: dict[str, Any] = {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{document['number']}/{task['id']}")),
            "status": "pending",
            "entry": entry,
            "description": task["title"],
        }
        project = project_name(task.get("lead_unit"))
        if project:
            item["project"] = project
        if spec.due is not None:
            item["due"] = f"{spec.due:%Y%m%d}T000000Z"
        result.append(item)
    return result
