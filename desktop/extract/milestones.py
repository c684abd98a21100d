"""Prose tasks put in their final shape: two milestones of one sentence, a unit named inline.

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
from desktop.extract.deadline_phrases import governed_spans
from desktop.extract.prose import ProseTask
from desktop.extract.units import heading_unit

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


def split_milestones(tasks: list[ProseTask]) -> list[ProseTask]:
    """*tasks* in their final shape (see the module doc).

    Second milestones become tasks of their own; a unit named inline before a colon leaves
    the title.
    """
    out: list[ProseTask] = []
    for task in map(_without_inline_heading, tasks):
        parts = _split(task.title) if task.deadline else None
        if parts is None:
            out.append(task)
            continue
        head, clause, deadline = parts
        out.append(replace(task, title=head))
        guessed = [*task.guessed, *(["lead_unit"] if task.lead else [])]
        out.append(replace(task, title=clause, deadline=deadline, guessed=guessed, support=[]))
    return out
