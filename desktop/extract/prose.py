"""Which paragraphs of the outline are tasks, and who does them by when.

An action programme assigns work in its "nhiệm vụ / giải pháp / tổ chức thực hiện" parts: each
list item or paragraph there is a task, the unit being the one it names, or else the one its
heading or introducing line names ("1.1. Ban Tổ chức Đảng ủy Khối", "- Ban Tuyên giáo … chủ
trì, tham mưu:"). Aims, targets and results ("Mục đích, yêu cầu", "Chỉ tiêu", "100% chi bộ …")
are not tasks. A report (mid-term review) describes far more than it assigns: there only the
sentences that give a named unit work ("Ban Tuyên giáo … tham mưu …", "Cấp ủy chủ trì …") are
tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.text import clean
from desktop.extract.assignments import (
    assigning_clauses,
    directive_lead,
    directive_start,
    duty_pieces,
    opening_directive_lead,
    opens_with_duty,
)
from desktop.extract.deadline_phrases import find_deadline, strip_trailing_deadline
from desktop.extract.folding import fold_same_length
from desktop.extract.ids import join_path, part_label
from desktop.extract.outline import Node, walk
from desktop.extract.units import (
    heading_unit,
    is_unit_phrase,
    lead_before_verb,
    read_assignment,
    split_unit_list,
    split_units,
    subject_units,
    support_units,
    units_at,
)

_GOAL = re.compile(
    r"\b(?:muc dich|yeu cau|muc tieu|chi tieu|quan diem|ket qua|han che|nguyen nhan|bai hoc"
    r"|du bao|tinh hinh|boi canh|noi nhan|nhiem vu chung|thanh tuu|uu diem|khuyet diem"
    r"|phu luc|noi dung (?:trong tam )?kiem tra|phuong phap kiem tra|de cuong)\b"
)
_GOAL_SENTENCE = re.compile(
    r"^(?:\d|phan dau|co tren|co tu|co it nhat|dat\b|100|den nam \d{4}\s*,?\s*(?:co|dat|\d)"
    r"|qua |thong qua |gop phan |nham |ngay \d{1,2}[/.]\d{1,2}[/.]\d{4}\s*,|tren day la|viec "
    # "Tiền điện tử là …": a definition ("Giao Công an tỉnh là cơ quan thường trực" is not)
    r"|-+\s*so\b|(?!giao |de nghi |yeu cau )(?:\S+\s){1,5}(?:la|duoc hieu la)\s)"
)
_LEADING_ADVERB = re.compile(r"^(?:(?:dinh\s+k?y\s+)?h[aă]?\s?ng\s+(?:nam|quy|thang)\s*,?\s*)")
_LABEL = re.compile(r"^([^:]{2,60}):\s*(.*)$", re.DOTALL)
_FIELD = re.compile(
    r"(?:^|[;.]\s*)(?P<name>(?:đơn vị|cơ quan)\s+(?:chủ trì|thực hiện|phối hợp)|chủ trì|phối hợp"
    r"|thời gian(?:\s+(?:thực hiện|hoàn thành))?|thời hạn|tiến độ|sản phẩm|hình thức(?:\s+văn bản)?"
    r"|kết quả(?:\s+đầu ra)?)\s*:\s*(?P<value>[^;\n]+)",
    re.IGNORECASE,
)
_MARKED = {"roman", "part", "dec", "letter", "paren", "bullet", "plus"}
_SPECIFIC_HEAD = re.compile(
    r"^(?:ban|van phong|uy ban|ubkt|chi bo|so|phong|trung tam|chi cuc|cuc|doan thanh nien"
    r"|cong doan|hoi|thanh tra|truc|thuong truc|dang uy [a-z]|dang doan)\b"
)


@dataclass
class ProseTask:
    """A task read from the running text."""

    path: str
    section: str
    title: str
    lead: str | None
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    output: str | None = None
    order: int = 0
    guessed: list[str] = field(default_factory=list)  # fields not read from the task itself
    raw_text: str = ""


def _label_of(node: Node) -> str:
    text = node.text
    match = _LABEL.match(text)
    if match and len(match.group(1).split()) <= 8:
        return match.group(1)
    # A heading names its part in a few words; a long sentence ("2. Yêu cầu các cấp uỷ …
    # bảo đảm tiến độ, yêu cầu, …") is a directive, not the title of an aims part.
    if node.kind in {"heading", "roman", "part"}:
        return text[:100]
    return text if len(text) <= 100 else ""


def _in_goal_part(node: Node) -> bool:
    for ancestor in [node, *node.ancestors]:
        if ancestor.kind == "root":
            break
        if ancestor is node and not node.children:
            label = _LABEL.match(node.text)
            if (
                label
                and len(label.group(1).split()) <= 5
                and _GOAL.search(fold_same_length(label.group(1)))
            ):
                return True
            continue
        if _GOAL.search(fold_same_length(_label_of(ancestor))):
            return True
    return False


def _has_section(node: Node) -> bool:
    return node.kind in _MARKED or any(a.kind in _MARKED for a in node.ancestors)


def _without_label(text: str) -> str:
    match = _LABEL.match(text)
    if (
        match
        and len(match.group(1).split()) <= 5
        and re.search(r"nhiem vu|giai phap|noi dung", fold_same_length(match.group(1)))
    ):
        return match.group(2)
    return text


# "… thì nhiệm vụ của Bộ Công an bao gồm:", "Trách nhiệm của Sở Y tế:" name the doer.
_OWNER = re.compile(r"(?:nhiệm vụ|trách nhiệm)\s+(?:của|cho)\s+", re.IGNORECASE)


def _lead_in(node: Node) -> list[str]:
    """The line ending in ":" that opens the list *node* belongs to, when it is a sibling.

    A list after a paragraph ("Căn cứ …, nhiệm vụ của Bộ Công an bao gồm:") hangs beside that
    paragraph in the outline, not under it.
    """
    parent = node.parent
    if parent is None:
        return []
    siblings = parent.children
    for sibling in reversed(siblings[: siblings.index(node)]):
        if sibling.kind == "body":
            return [sibling.text] if sibling.text.rstrip().endswith(":") else []
        if sibling.kind != node.kind:
            return []
    return []


def _context_units(node: Node) -> tuple[str | None, list[str]]:
    """The unit a heading or introducing line above *node* gives to it."""
    chain: list[Node] = []
    current = node.parent
    while current is not None and current.kind != "root":
        chain.append(current)
        if current.kind in {"roman", "part", "heading"}:
            break
        current = current.parent
    for container in [node, *chain]:
        # A lead-in beside a whole part ("Căn cứ …, Ban Chấp hành … ban hành Chương trình
        # … sau:") names the issuer, not who does each task.
        beside = [] if container.kind in {"roman", "part", "heading"} else _lead_in(container)
        for intro in [*container.intro, *beside]:
            owner = _OWNER.search(intro)
            if owner:
                units, _ = units_at(intro, owner.end())
                if units:
                    return units[0], []
            directed = directive_lead(intro) if intro.rstrip().endswith(":") else None
            if directed:
                return directed, []
            units, _ = subject_units(_without_label(intro))
            if units:
                return units[0], units[1:] + support_units(intro)
        if container is node:
            continue
        text = _without_label(container.text)
        named = heading_unit(text) if container.kind != "body" else None
        if named:
            support = [u for intro in container.intro for u in support_units(intro)]
            return named, support
        if is_unit_phrase(text):
            units = split_unit_list(text.rstrip(":. "))
            support = []
            for intro in container.intro:
                support.extend(support_units(intro))
            return (units[0] if units else None), units[1:] + support
        if text.rstrip().endswith(":"):
            units, _ = subject_units(text)
            if units:
                return units[0], units[1:] + support_units(text)
            directed = directive_lead(text)
            if directed:
                return directed, support_units(text)
        elif container.children and container.kind in {"dec", "letter", "roman"}:
            # "a) Sở Tài chính chủ trì, phối hợp các sở, ban, ngành" over its bullets
            if _DOER_HEADING.search(fold_same_length(text)) and len(text.split()) <= 25:
                units, _ = subject_units(text)
                if units:
                    return units[0], units[1:] + support_units(text)
            # "2. Yêu cầu các cấp uỷ, tổ chức đảng … không để chậm trễ." over 2.1, 2.2, …
            directed = directive_lead(text)
            if directed:
                return directed, []
    return None, []


_DOER_HEADING = re.compile(r"\schu tri(?:\s*,\s*phoi hop(?:\s+voi)?\s+[^.;]+)?\s*$")


def _context_deadline(node: Node) -> str | None:
    """A deadline stated once for a whole list, in the line that introduces it."""
    current = node.parent
    while current is not None and current.kind not in {"root", "roman", "part", "heading"}:
        for text in [*current.intro, current.text]:
            if text.rstrip().endswith(":"):
                found = find_deadline(text)
                if found:
                    return found
        current = current.parent
    return None


def _path(node: Node) -> tuple[str, str]:
    labels: list[str] = []
    section: list[str] = []
    for item in reversed([node, *node.ancestors]):
        if item.kind in {"root", "heading"}:
            continue
        if item.kind == "part":
            labels.append(part_label(item.label))
            section.append(item.label.capitalize())
            continue
        if item.kind in {"bullet", "plus", "body"}:
            parent = item.parent
            siblings = [c for c in parent.children if c.kind == item.kind] if parent else [item]
            sign = "+" if item.kind == "plus" else "-"
            labels.append(f"{sign}{siblings.index(item) + 1}")
            continue
        labels.append(item.label)
        if item is not node:
            section.append(item.label)
    return join_path(labels), " / ".join(section)


def _fields(text: str) -> tuple[str, dict[str, str]]:
    """Split "task; Đơn vị chủ trì: A; Thời gian: Quý II" into the task and its fields."""
    found: dict[str, str] = {}
    first = None
    for match in _FIELD.finditer(text):
        name = fold_same_length(match.group("name"))
        value = clean(match.group("value").replace("*", "")).rstrip(" .")
        if "phoi hop" in name:
            found.setdefault("support", value)
        elif "chu tri" in name or "thuc hien" in name and "thoi" not in name:
            found.setdefault("lead", value)
        elif name.startswith(("thoi", "tien do")):
            found.setdefault("deadline", value)
        else:
            found.setdefault("output", value)
        if first is None:
            first = match.start()
    title = text[:first] if first is not None and first > 0 else text
    return title.strip(" ;.") or text, found


def _title(text: str) -> str:
    text = strip_trailing_deadline(text)
    text = re.sub(r"(?<![\w*])\*([^*]+)\*(?![\w*])", r"\1", text).replace("*", "")
    return clean(text)


def _is_goal_sentence(text: str) -> bool:
    folded = fold_same_length(clean(text))
    folded = _LEADING_ADVERB.sub("", folded)
    return bool(_GOAL_SENTENCE.match(folded))


# "Địa điểm: …", "Đối tượng: …", "Thời gian kiểm tra: 13h30' ngày 29/4/2026": facts about
# the event a plan organises, not duties.
_INFO_LABEL = re.compile(
    r"^(?:thoi gian|dia diem|doi tuong|thanh phan|noi dung|hinh thuc|phuong phap|kinh phi"
    r"|quy mo|so luong|muc dich|yeu cau)[^:;.]{0,40}:"
)
# "Kính gửi:" / "Nơi nhận:" opening a line, or closing one that a PDF ran together.
_ADDRESSEES = re.compile(r"^(?:kinh gui|noi nhan)\b|\b(?:kinh gui|noi nhan)\s*:\s*$")


_RECIPIENT_ITEM = re.compile(r"^(?:nhu tren|luu\s*:)")


def _is_addressee(node: Node) -> bool:
    """An item of the "Kính gửi:" or "Nơi nhận:" list: a recipient, not a task.

    The list follows a line "Kính gửi:" / "Nơi nhận:", or holds the items "Như trên" and
    "Lưu: VT" that end every recipient list.
    """
    parent = node.parent
    if parent is None:
        return False
    if any(_ADDRESSEES.search(fold_same_length(intro)) for intro in parent.intro):
        return True
    siblings = parent.children
    if any(
        _RECIPIENT_ITEM.match(fold_same_length(s.text)) for s in siblings if s.kind == node.kind
    ):
        return True
    for sibling in reversed(siblings[: siblings.index(node)]):
        if sibling.kind == "body":
            return bool(_ADDRESSEES.search(fold_same_length(sibling.text)))
        if sibling.kind != node.kind:
            return False
    return False


def _duty_over_details(node: Node, text: str) -> bool:
    """A numbered item that assigns a duty in full and then lists details under it.

    "1. Sở Khoa học và Công nghệ theo dõi, đôn đốc … triển khai thực hiện …" followed by
    "- Cơ quan thường trực …" is a task itself; a lead-in ("… như sau:") or a title is not.
    """
    return (
        node.kind in {"dec", "letter"}
        and len(text) >= 100
        and not text.endswith(":")
        and lead_before_verb(text, 0) is not None
        and heading_unit(text) is None
    )


def _duty_lead_in(node: Node, text: str) -> bool:
    """A bullet that sets a duty and lists its parts after a colon.

    "- Tham mưu Ủy ban nhân dân tỉnh xây dựng, trình Hội đồng nhân dân tỉnh quyết định:" over
    its "+" items is a duty itself; "- Ban X chủ trì, tham mưu:" (a doer) and "- Đạt mục tiêu
    …:" (an aim) are not.
    """
    return (
        node.kind == "bullet"
        and text.endswith(":")
        and len(text.split()) >= 8
        and opens_with_duty(text)
    )


def _program_candidates(root: Node) -> list[Node]:
    result = []
    for node in walk(root):
        if node.kind not in {"dec", "letter", "paren", "bullet", "plus", "body"}:
            continue
        text = node.text.strip()
        lead_in = _duty_lead_in(node, text)
        if node.children and not (lead_in or _duty_over_details(node, text)):
            continue
        if not text or not _has_section(node) or _in_goal_part(node):
            continue
        if (text.endswith(":") and not lead_in) or (
            len(text) < 60 and not text.endswith((".", ";", ")", ":"))
        ):
            continue
        # A short bold paragraph is a heading; a bold bullet that ends its sentence is a
        # duty set in bold for emphasis ("- Tổ chức rà soát … thực hiện Chương trình.").
        emphasis = node.kind in {"bullet", "plus"} and text.endswith((".", ";"))
        if node.bold and len(text) < 160 and not emphasis:
            continue
        if text.startswith("(") and text.endswith(")"):  # "(Có phụ lục kèm theo)"
            continue
        if _is_goal_sentence(text) or _is_addressee(node) or _is_field_node(node):
            continue
        if _INFO_LABEL.match(fold_same_length(text)):
            continue
        result.append(node)
    return result


_FIELD_NODE = re.compile(
    r"^(?:(?:co quan|don vi)\s+(?:thuc hien|chu tri|phoi hop)(?:\s*/\s*\S+(?:\s+\S+)?)?"
    r"|thoi gian(?:\s+(?:thuc hien|hoan thanh))?|thoi han|tien do)\s*:"
)


def _is_field_node(node: Node) -> bool:
    """Whether *node* is a field of a task ("b) Cơ quan thực hiện: …"), not a task."""
    return bool(_FIELD_NODE.match(fold_same_length(node.text)))


def _sibling_fields(node: Node) -> dict[str, str]:
    """Fields stated once beside a list of tasks, for every task of the list.

    "a) Nhiệm vụ: - … - …  b) Cơ quan thực hiện: - Đơn vị chủ trì: …  c) Thời gian thực
    hiện: …": the nearest ancestor level that has field items gives them to the tasks under it.
    """
    current = node
    for _ in range(3):
        parent = current.parent
        if parent is None or parent.kind == "root":
            break
        fields_text = [c.text for c in parent.children if c is not current and _is_field_node(c)]
        if fields_text:
            return _fields("task; " + "; ".join(fields_text))[1]
        current = parent
    return {}


def _task_from(node: Node, text: str, path: str, section: str) -> ProseTask:
    body, fields = _fields(_without_label(text))
    # "Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì …": the task starts where it is given.
    body = body[directive_start(body) :]
    own = read_assignment(body)
    lead = own.lead
    support = own.co_subjects + own.support
    if lead is None:
        # "Các bộ, ngành, địa phương tổ chức …", "Các đồng chí Bộ trưởng, … phải …": a doer
        # named as a whole phrase before its verb; "Đề nghị / Yêu cầu X …": X.
        lead = lead_before_verb(body, 0) or opening_directive_lead(body)
    guessed: list[str] = []
    shared = {key: value for key, value in _sibling_fields(node).items() if key not in fields}
    if shared:
        guessed.extend(
            {"lead": "lead_unit", "support": "support_units", "deadline": "deadline_text"}[k]
            for k in ("lead", "support", "deadline")
            if k in shared
        )
        fields = {**shared, **fields}
        if "lead" in shared:
            support = own.support  # the doer is the labelled one; who it works with stays
    if fields.get("lead"):
        lead = clean(fields["lead"]).strip(" .;")
        if "lead" not in shared:
            support = own.support
    if fields.get("support"):
        support = split_units(fields["support"]) + support
    if lead is None:
        inherited, inherited_support = _context_units(node)
        lead = inherited
        if inherited is not None:
            guessed.append("lead_unit")
            if not support and inherited_support:
                support = inherited_support
                guessed.append("support_units")
    deadline = fields.get("deadline") or find_deadline(body)
    if deadline is None:
        deadline = _context_deadline(node)
        if deadline is not None:
            guessed.append("deadline_text")
    unique_support: list[str] = []
    for unit in support:
        if unit and unit != lead and unit not in unique_support:
            unique_support.append(unit)
    return ProseTask(
        path=path,
        section=section,
        title=_title(body),
        lead=lead,
        support=unique_support,
        deadline=deadline,
        output=fields.get("output"),
        order=node.order,
        guessed=guessed,
        raw_text=text,
    )


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-ZĐÂĂÊÔƠƯ])", text) if s.strip()]


def _assigns_named_unit(sentence: str) -> bool:
    assignment = read_assignment(sentence)
    if assignment.lead is None:
        return False
    head = fold_same_length(assignment.lead)
    if assignment.explicit and re.match(r"[^.;]{0,200}?chu tri|giao", fold_same_length(sentence)):
        return True
    return bool(_SPECIFIC_HEAD.match(head))


# Numbered prose items, cut at each new duty; a bullet ("-", "+") stays one task, and so
# does an item that opens with its own title ("1. Giảm tối đa số trẻ bị bỏ rơi mới: …").
_NUMBERED = frozenset({"paren", "dec", "letter"})
_TITLED = re.compile(r"^(?:\S+\s+){0,9}\S+:\s")
_TOPIC = re.compile(r"^(?:Về|Đối với)\s[^,.;:]{3,150}[,:]", re.IGNORECASE)
_LEGAL_BASIS = re.compile(r"^\W*(?:can cu|xet (?:de nghi|to trinh|bao cao)|theo de nghi)\b")
_TIME_SENTENCE = re.compile(r"^(?:thoi gian|thoi han)\b")


def _running_prose_tasks(
    node: Node, last: ProseTask | None, topic_deadline: str | None = None
) -> list[ProseTask]:
    """Tasks of an unnumbered paragraph (see :mod:`desktop.extract.assignments`)."""
    if _in_goal_part(node) or len(node.text) < 30 or node.text.rstrip().endswith(":"):
        return []  # an intro to a list ("… thực hiện một số nhiệm vụ sau:") is no task
    if _LEGAL_BASIS.match(fold_same_length(node.text)):
        return []  # "Căn cứ …", "Xét đề nghị của …": the basis of the document
    clauses = assigning_clauses(node.text, topic_deadline)
    if not clauses:
        # "Thời gian hoàn thành …, chậm nhất ngày 14/5/2021": the task before gets the date.
        timed = _TIME_SENTENCE.match(fold_same_length(node.text))
        if last is not None and last.deadline is None and timed:
            last.deadline = find_deadline(node.text)
        return []
    tasks = []
    for index, clause in enumerate(clauses, start=1):
        body, fields = _fields(clause.text)
        support = support_units(body)
        tasks.append(
            ProseTask(
                path=f"VB.{node.order}" + (f".{index}" if len(clauses) > 1 else ""),
                section="",
                title=_title(body),
                lead=clause.lead,
                support=[u for u in support if u != clause.lead],
                deadline=fields.get("deadline") or clause.deadline,
                order=node.order,
                guessed=["lead_unit"] if clause.inherited else [],
                raw_text=clause.text,
            )
        )
    return tasks


_RECIPIENTS = re.compile(r"^noi nhan\b")
_ANNEX = re.compile(r"^phu luc\b")


def _document_body(root: Node) -> list[Node]:
    """The outline's nodes in order, without what follows "Nơi nhận:" until an annex.

    The recipients and the signature close a document; a web copy adds the site's own
    text after them ("Bạn vừa bị Đăng xuất …"). An annex ("PHỤ LỤC …") opens the document
    again.
    """
    result: list[Node] = []
    closed = False
    for node in walk(root):
        folded = fold_same_length(node.text.lstrip("*_ "))
        if _RECIPIENTS.match(folded):
            closed = True
        elif closed and _ANNEX.match(folded):
            closed = False
        if not closed:
            result.append(node)
    return result


def prose_tasks(root: Node, *, is_report: bool) -> list[ProseTask]:
    """The tasks of the running text, in document order."""
    tasks: list[ProseTask] = []
    nodes = _document_body(root)
    if not is_report:
        candidates = set(map(id, _program_candidates(root)))
        topic_deadline: str | None = None
        for node in nodes:
            if id(node) in candidates:
                path, section = _path(node)
                pieces = [node.text]
                if node.kind in _NUMBERED and not _TITLED.match(node.text):
                    pieces = duty_pieces(node.text)
                first = _task_from(node, pieces[0], path, section)
                tasks.append(first)
                for index, piece in enumerate(pieces[1:], start=2):
                    task = _task_from(node, piece, f"{path}.{index}", section)
                    if task.lead is None or "lead_unit" in task.guessed:
                        task.lead, task.support = first.lead, task.support or []
                        task.guessed = sorted({*task.guessed, "lead_unit"})
                    tasks.append(task)
            elif node.kind == "body" and not node.children and not _has_section(node):
                opening = _TOPIC.match(node.text)
                if opening:
                    # "Về một số nhiệm vụ trọng tâm trong Quý I năm 2025, …" dates the
                    # paragraphs after it, until the next "Về …" / "Đối với …" topic.
                    topic_deadline = find_deadline(opening.group(0))
                found = _running_prose_tasks(node, tasks[-1] if tasks else None, topic_deadline)
                tasks.extend(found)
        return tasks
    for node in nodes:
        if node.children or not node.text or not _has_section(node) or _in_goal_part(node):
            continue
        path, section = _path(node)
        picked = [s for s in _sentences(node.text) if _assigns_named_unit(s)]
        for index, sentence in enumerate(picked, start=1):
            sentence_path = path if len(picked) == 1 else f"{path}.c{index}"
            tasks.append(_task_from(node, sentence, sentence_path, section))
    return tasks
