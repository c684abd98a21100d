"""Prose tasks put in their final shape: milestones, units named inline, sentence sub-items.

Two milestones in one sentence: "… hoàn thành trong tháng 12 năm 2025, triển khai thực
hiện trong năm 2026." is two duties of one doer, each with its own time.

A sentence that reaches a deadline and then goes on, after "," / ";" / "và", with a short
clause in lower case that ends at a second, different deadline, sets a second milestone: the
clause becomes a task of its own, with the same doer (marked guessed), and the first keeps the
text up to its deadline. A clause that explains ("…, trong đó …") or a time that is not the
clause's end is left in the task.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.domain.text import clean
from desktop.extract.assignments import without_frame
from desktop.extract.deadline_phrases import find_deadline, governed_spans
from desktop.extract.prose import ProseTask
from desktop.extract.units import heading_unit, lead_before_verb

_SEPARATOR = re.compile(r"\s*(?:[,;]|\s+và)\s+")
_MAX_WORDS = 25
_CLAUSE_END = re.compile(r"^\s*\**\s*[.;]?\s*\**\s*$")


def _split(title: str) -> tuple[str, str, str] | None:
    """The first task's text, the clause, and the clause's deadline; None when one duty."""
    spans = governed_spans(title)
    if len(spans) < 2:
        return None
    first_end = spans[0][1]
    start, end = spans[-1]
    if not _CLAUSE_END.match(title[end:]):
        return None  # the second time does not close the sentence
    between = title[first_end:start]
    separators = list(_SEPARATOR.finditer(between))
    if not separators:
        return None
    cut = separators[0]
    clause = title[first_end + cut.end() :].strip()
    head = title[: first_end + cut.start()].strip(" ,;")
    if not clause[:1].islower() or len(clause.split()) > _MAX_WORDS:
        return None
    if first_end + cut.end() >= start or clause.startswith(("trong đó", "hoàn thành", "xong")):
        return None  # an explanation, or only a second time for the same duty
    deadline = clean(title[start:end]).strip(" ,.;*")
    return head, clause, deadline


_INLINE_HEADING = re.compile(r"^([^:;.]{3,120}?):\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")


def _without_inline_heading(task: ProseTask) -> ProseTask:
    """A task opening "Bộ Xây dựng: Khẩn trương …" is Bộ Xây dựng's, titled from the verb.

    The unit named before the colon is the doer, as a heading naming only a unit is; the
    title starts at the capitalised sentence after it. "Các bộ, ngành: rà soát …" (the duty
    running on in lower case) and "các thành phố: Hà Nội, Cần Thơ …" (names, not a sentence,
    after the colon) stay as written.
    """
    match = _INLINE_HEADING.match(task.title)
    words = task.title[match.end() :].split()[:2] if match else []
    if match is None or len(words) < 2 or not words[1][:1].islower():
        return task  # no match, or names follow the colon ("các thành phố: Hà Nội, …")
    unit = heading_unit(match.group(1))
    if unit is None or (task.lead and task.lead != unit):
        return task
    return replace(task, title=task.title[match.end() :], lead=unit)


_SENTENCE_ITEM = re.compile(r"(?<=\.)\s+\**\((?:ii|iii|iv|v|vi)\)\**\s+(?=[A-ZĐ])")
_DIRECTED = re.compile(r"(?:^|\(i\)\**\s+)Chỉ đạo\s+(?=\S)")


def _without_reporting_frame(task: ProseTask) -> ProseTask:
    """A task reported with who said it starts with its doer, after the frame.

    "Tổng Bí thư chỉ rõ, từng đồng chí … phải chủ động …" is "từng đồng chí …"'s duty.
    """
    rest = without_frame(task.title)
    if rest == task.title:
        return task
    lead = lead_before_verb(rest, 0, capital=False) or task.lead
    return replace(task, title=rest, lead=lead)


# "Đồng thời" and a verb of the doer's role: "chủ trì", "phối hợp", "tham mưu".
_AT_THE_SAME_TIME = re.compile(r"(?<=\.)\s+(?=Đồng thời\s*,\s+(?:chủ trì|phối hợp|tham mưu)\b)")


def _same_time_duties(task: ProseTask) -> list[ProseTask]:
    """A sentence "Đồng thời, chủ trì …" after a full stop is a second duty of the same doer.

    Only the verbs of a doer's role open it; "Đồng thời, tập trung …" carries on the same work.

    Each part keeps the deadline its own words state; the second is marked guessed for its
    doer.
    """
    cut = _AT_THE_SAME_TIME.search(task.title)
    if cut is None:
        return [task]
    first, second = task.title[: cut.start()].strip(), task.title[cut.end() :].strip()
    guessed = sorted({*task.guessed, *(["lead_unit"] if task.lead else [])})
    return [
        replace(task, title=first, deadline=find_deadline(first)),
        replace(task, title=second, deadline=find_deadline(second), guessed=guessed, support=[]),
    ]


def _sentence_items(task: ProseTask) -> list[ProseTask]:
    """A task "Giao X: (i) Chỉ đạo Y chủ trì …. (ii) Chỉ đạo Z chủ trì …" is two duties.

    Sub-items that are whole sentences (each "(ii)", "(iii)" after a full stop) are duties of
    their own; sub-items inside one sentence ("…: (i) …; (ii) …") stay parts of one duty. An
    item that directs another body to lead ("Chỉ đạo Đảng uỷ Bộ Y tế chủ trì …") is that
    body's.
    """
    if "(i)" not in task.title:
        return [task]
    cuts = [m.span() for m in _SENTENCE_ITEM.finditer(task.title)]
    if not cuts:
        return [task]
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(task.title)]
    items = []
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        piece = task.title[start:end].strip()
        lead = task.lead
        directed = _DIRECTED.search(piece[:200])
        if directed:
            doer = lead_before_verb(piece, directed.end())
            if doer and piece[directed.end() + len(doer) :].lstrip().startswith("chủ trì"):
                lead = doer
        guessed = task.guessed if index == 0 or lead != task.lead else [*task.guessed, "lead_unit"]
        items.append(replace(task, title=piece, lead=lead, guessed=list(guessed)))
    return items


def split_milestones(tasks: list[ProseTask]) -> list[ProseTask]:
    """*tasks* in their final shape (see the module doc).

    Second milestones become tasks of their own; a unit named inline before a colon leaves
    the title.
    """
    out: list[ProseTask] = []
    shaped = [
        item
        for task in tasks
        for part in _sentence_items(_without_inline_heading(_without_reporting_frame(task)))
        for item in _same_time_duties(part)
    ]
    for task in shaped:
        parts = _split(task.title) if task.deadline else None
        if parts is None:
            out.append(task)
            continue
        head, clause, deadline = parts
        out.append(replace(task, title=head))
        guessed = [*task.guessed, *(["lead_unit"] if task.lead else [])]
        out.append(replace(task, title=clause, deadline=deadline, guessed=guessed, support=[]))
    return out
