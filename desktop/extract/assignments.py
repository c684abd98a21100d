"""Running prose that assigns: conclusions, news of a committee's decisions, công văn.

Unnumbered paragraphs assign work sentence by sentence and clause by clause:
"Theo đó, Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ … tổ chức quán triệt …",
"… Tổng Bí thư nêu rõ, Thường trực Ban Bí thư … chỉ đạo xây dựng …; Ban cán sự đảng Chính
phủ chỉ đạo rà soát …", "Thủ tướng Chính phủ chỉ đạo …; nghiên cứu, đề xuất …; đơn giản hóa …".
A clause is a task when it names who does it — after "đề nghị / yêu cầu / giao", or as its
subject — and a clause with no subject that starts a new duty (a verb after ";") is the
previous doer's next task. Sentences naming nobody (principles, reasons) are not tasks.
The reporting frame ("Theo đó, Ban Thường vụ Huyện ủy", "Tổng Bí thư nêu rõ,") is not part
of a task's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.text import clean
from desktop.extract.deadline_phrases import find_deadline
from desktop.extract.folding import fold_same_length
from desktop.extract.paragraphs import FIELD_LABEL
from desktop.extract.units import lead_before_verb

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝ“\"])")
_CLAUSE = re.compile(r"\s*;\s+")
_DIRECTIVE = re.compile(r"(?:^|[\s,])(đề nghị|yêu cầu|giao cho|giao)\s+", re.IGNORECASE)
_FRAME = re.compile(
    r"^(?:[^.;]{0,200}?\b(?:nêu rõ|chỉ rõ|lưu ý|nhấn mạnh|kết luận|chỉ đạo|yêu cầu|đề nghị"
    r"|thống nhất)"
    r"\s*(?:như sau)?\s*[,:]\s+|(?:Về|Đối với)\s[^,.;:]{3,150},\s+)",
    re.IGNORECASE,
)
# What opens a clause that carries on the previous doer's work with a new duty (folded).
_NEW_DUTY = re.compile(
    r"^(?:dong thoi\s*,?\s*)?(?:khan truong\s+|tiep tuc\s+|chu dong\s+)?(?:chi dao|xay dung"
    r"|nghien cuu|de xuat|ban hanh|trinh|to chuc|trien khai|ra soat|hoan thanh|hoan thien"
    r"|don gian hoa|giao|tap trung|bo tri|phat trien|thuc hien|kiem tra|bao cao|huong dan"
    r"|sua doi|tham muu|quan ly|dau tu|thanh lap|xac dinh|day manh|tang cuong|dam bao|bao dam"
    r"|phan bo|chuan bi|rut gon|cap nhat|van hanh|so hoa|tong hop|danh gia|phoi hop)\b"
)


@dataclass(frozen=True)
class Clause:
    """One assigning clause: its text (the task's title), who does it, its deadline."""

    text: str
    lead: str | None
    deadline: str | None
    inherited: bool  # the lead comes from the clause before


def _directive_task(clause: str) -> tuple[str, str] | None:
    """The clause from its "đề nghị / yêu cầu / giao" on, and the doer named after it."""
    for match in _DIRECTIVE.finditer(clause):
        lead = lead_before_verb(clause, match.end(), capital=False)
        if lead:
            return clause[match.start(1) :], lead
    return None


def directive_start(text: str) -> int:
    """Where the task starts in "<issuer> giao / đề nghị / yêu cầu <doer> …" (else 0)."""
    issuer = lead_before_verb(text, 0)
    if issuer is None:
        return 0
    rest = text[len(issuer) :]
    match = _DIRECTIVE.match(rest) or _DIRECTIVE.match(" " + rest.lstrip())
    if match is None or lead_before_verb(rest, match.end(), capital=False) is None:
        return 0
    return len(text) - len(rest.lstrip()) if rest.lstrip() else 0


def opening_directive_lead(text: str) -> str | None:
    """The doer of a task that opens "Đề nghị / Yêu cầu / Giao X …" (X), else None."""
    match = _DIRECTIVE.match(clean(text))
    return lead_before_verb(clean(text), match.end(), capital=False) if match else None


def directive_lead(text: str) -> str | None:
    """The doer named after "đề nghị / yêu cầu / giao" in *text*'s last sentence, if any."""
    last = _SENTENCE.split(clean(text))[-1]
    found = _directive_task(last)
    return found[1] if found else None


def without_frame(clause: str) -> str:
    """*clause* without its reporting frame when a doer follows it.

    The frame is who spoke: "Tổng Bí thư chỉ rõ, ", "… yêu cầu: ".
    """
    frame = _FRAME.match(clause)
    if frame and lead_before_verb(clause, frame.end()):
        return clause[frame.end() :]
    return clause


def assigning_clauses(paragraph: str, shared_deadline: str | None = None) -> list[Clause]:
    """The tasks an unnumbered paragraph assigns, in order."""
    result: list[Clause] = []
    paragraph = clean(paragraph)
    frame = _FRAME.match(paragraph)
    if frame and shared_deadline is None:
        shared_deadline = find_deadline(frame.group(0))
    for sentence in _SENTENCE.split(paragraph):
        previous: str | None = None
        for index, raw in enumerate(_CLAUSE.split(sentence)):
            clause = raw.strip(" ;")
            if len(clause) < 12:
                continue
            found: tuple[str, str | None, bool] | None = None
            directive = _directive_task(clause)
            subject_clause = without_frame(clause)
            subject = lead_before_verb(subject_clause, 0)
            if directive and (not subject or subject_clause.find(directive[0]) <= len(subject) + 2):
                found = (directive[0], directive[1], False)
            elif subject:
                found = (subject_clause, subject, False)
            elif directive:
                found = (directive[0], directive[1], False)
            elif index > 0 and previous and _NEW_DUTY.match(fold_same_length(clause)):
                found = (clause, previous, True)
            if found is None:
                continue
            text, lead, inherited = found
            deadline = find_deadline(text) or shared_deadline
            result.append(Clause(text.rstrip(" ;"), lead, deadline, inherited))
            previous = lead
    return result


# Verbs that open a new duty inside a numbered item; verbs of manner ("tiếp tục", "đẩy
# mạnh", "tăng cường", "thực hiện tốt") more often carry on the same work.
_ITEM_DUTY = re.compile(
    r"^(?:chi dao|xay dung|nghien cuu|de xuat|ban hanh|trinh|trien khai|ra soat|hoan thien"
    r"|bao cao|huong dan|sua doi|tham muu|thanh lap|chu tri|phoi hop|to chuc|cap nhat|so hoa"
    r"|xac dinh|phat trien)\b"
)
_ADVERB = re.compile(
    r"^(?:(?:dong thoi|sau do|ngoai ra)\s*,?\s*)?"
    r"(?:(?:kip thoi|som|khan truong|tap trung|thuc hien|tiep tuc)\s+)*"
)


_DOER_VERB = re.compile(r"(?:khan truong|chu dong|can cu|phai|tap trung|tong hop|tiep tuc)\b")


def opens_with_duty(text: str) -> bool:
    """Whether *text* opens with a verb that sets a duty ("Tham mưu …", "Triển khai …")."""
    return bool(_ITEM_DUTY.match(_ADVERB.sub("", fold_same_length(text))))


def _doer_and_duty(clause: str) -> bool:
    """A clause that names a doer and then a directive verb ("Bộ Công an tổng hợp, …")."""
    lead = lead_before_verb(clause, 0)
    if lead is None:
        return False
    rest = _ADVERB.sub("", fold_same_length(clause[len(lead) :].strip(" ,")))
    return bool(_ITEM_DUTY.match(rest) or _DOER_VERB.match(rest))


def duty_pieces(text: str) -> list[str]:
    """A numbered item of running prose cut where a new duty starts.

    "(1) Chủ trì … hoàn thiện Luật …; kịp thời trình Chính phủ ban hành các nghị định …. Sớm
    hoàn thiện dự thảo …" holds three duties: a ";" clause or a sentence that opens with a
    directive verb ("trình", "xây dựng", "báo cáo", possibly after "kịp thời", "sớm",
    "đồng thời"), or a ";" clause with a doer of its own ("…; Các bộ, ngành, địa phương căn cứ
    …"), starts the next one. A clause that only continues the work, or a short one
    that only gives its milestone ("Hoàn thành trong tháng 6 năm 2025"), stays with it.
    """
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE.split(clean(text)):
        for index, clause in enumerate(_CLAUSE.split(sentence)):
            folded = _ADVERB.sub("", fold_same_length(clause))
            starts = (
                bool(current)
                and not FIELD_LABEL.match(clause)
                and (
                    (len(clause) >= 60 and bool(_ITEM_DUTY.match(folded)))
                    or (index > 0 and _doer_and_duty(clause))
                )
            )
            if starts:
                pieces.append(current.rstrip(" ;"))
                current = clause
            elif not current:
                current = clause
            else:
                current += ("; " if index else " ") + clause
    if current:
        pieces.append(current.rstrip(" ;"))
    return pieces
