"""Reading who does a task: the lead unit ("chủ trì") and the coordinating units ("phối hợp").

Vietnamese assignment sentences put the unit first and the verb after it ("Văn phòng Đảng ủy
Khối chủ trì, phối hợp với các ban …", "Giao Chi bộ X chủ trì …", "Ban Thường vụ giao Ban
Tuyên giáo chủ trì …"). A unit name has no fixed length, so it runs from a recognised head
word ("Ban", "Văn phòng", "Chi bộ", "Ủy ban Kiểm tra", "cấp ủy", …) to the first verb or
punctuation that cannot belong to a name. Everything is matched on folded text so that
"uỷ"/"ủy", capitals, and PDF text with dropped letters ("t  chức") read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.text import clean
from desktop.extract.folding import fold_same_length

# Head words that begin a unit name (folded). Order does not matter: the regex is anchored.
_HEADS = (
    r"ban thuong vu|ban chap hanh|ban chi dao|ban can su|ban quan ly|ban bi thu"
    r"|ban (?!hanh\b)[a-z]+|bch|btv|van phong|vp|uy ban kiem tra|uy ban nhan dan|ubkt|ubnd"
    r"|hdnd|hoi dong nhan dan|chi bo|chi uy|dang uy|dang bo|dang doan|cap uy|thuong truc"
    r"|truc dang uy|cong doan|doan thanh nien|doan tn|hoi (?!nghi\b|thao\b|thi\b)[a-z]+"
    r"|so (?=[A-Za-z])[a-z]+|phong (?!chong\b|ngua\b)[a-z]+|trung tam|chi cuc|cuc [a-z]+"
    r"|thanh tra|tinh uy|huyen uy|thanh uy|thi uy|mat tran|truong (?!hop\b)[a-z]+|vien [a-z]+"
    r"|to chuc co so dang|tccsd|to chuc dang|t chuc dang|co quan|don vi|doan the|cac ban"
    r"|lanh dao (?:co quan|don vi|doanh nghiep|chuyen mon)|bi thu cap uy|cap uy vien"
    r"|ban giam doc|ban giam hieu|hoi dong quan tri|chi hoi|chi doan|huyen doan|tinh doan"
    r"|thanh doan|to (?:dan van|cong tac|giup viec|bao cao vien|dang)"
    # State bodies: ministries, government, courts, banks, media, corporations.
    r"|bo (?!phan\b|may\b|doi\b)[a-z]+|thu tuong|chinh phu|tong cuc|cong an|toa an"
    r"|vien kiem sat|ngan hang|dai (?:truyen hinh|tieng noi|phat thanh)|thong tan xa"
    r"|kiem toan|tap doan|tong cong ty|lien doan|hoc vien|ubmttq|mttq|uy ban [a-z]+"
    r"|bo truong|chu tich|pho chu tich|thu truong|ban quan ly|hoi dong [a-z]+|ttxvn|vtv"
)
_PLURAL = r"(?:cac |moi |tung |toan the )?"
_HEAD_AT = re.compile(rf"(?:{_PLURAL})(?:{_HEADS})\b")
_PERSONS = re.compile(r"(?:cac )?(?:dong chi|d/c|dc)\b")
_GROUP_LIST = re.compile(r"(?:cac )?(?:to chuc|t chuc|chi bo|don vi|ban|co quan|doan the)\s*:\s*")
# Words that end a unit name: the verbs and adverbs that follow a subject.
_STOPS = re.compile(
    r"\b(?:chu tri|phoi hop|tham muu|xay dung|tang cuong|thanh lap|can cu|lanh dao|chi dao"
    r"|thuc hien|trien khai|nghien cuu|co trach nhiem|chiu trach nhiem|chu dong|thuong xuyen"
    r"|can(?! bo\b)|phai|dang tai|khan truong|giup|huong dan|ra soat|de xuat|ban hanh|kiem tra"
    r"|quan triet|tiep tuc|tap trung|neu cao|tong hop|theo doi|bam sat|tich cuc|lam tot"
    r"|phe duyet|nop|bao cao|quan tam|day manh|to chuc|t chuc|duy tri|dong thoi"
    r"|cu the hoa|theo|la|duoc|se|da|dam bao|danh gia|ky ket|phat huy|phat dong"
    r"|tham gia|dinh ky|hang nam|hang quy|hang thang|trong|truoc|de|nham|voi|cung"
    r"|doi moi|nang cao|cung cap|chuan bi|du thao|thong ke|khao sat|rut kinh nghiem|tiep nhan"
    r"|bao dam|bo tri|dau tu|ho tro|phan bo|cap nhat|xu ly|giai quyet|tuyen truyen|van dong"
    r"|(?<!tuyen )giao(?! thong| duc| luu| dich| vien| trinh| an))\b"
)
_GIAO = re.compile(r"(?:^|[;.]\s+|,\s+|\s)giao(?: cho)?\s+")
_CHU_TRI_AT_CLAUSE = re.compile(r"(?:^|[;.]\s+)")
MAX_UNIT_WORDS = 14


@dataclass
class Assignment:
    """Who a piece of text names: a lead and the others named with it or after "phối hợp"."""

    lead: str | None = None
    co_subjects: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    explicit: bool = False  # "giao" / "chủ trì" said in so many words


def _tidy(unit: str) -> str:
    unit = clean(unit).strip(" ,;:.-–")
    unit = re.sub(r"^(?:giao cho|giao)\s+", "", unit, flags=re.IGNORECASE)
    if unit[:1].islower() and not unit.lower().startswith(("các ", "mỗi ", "từng ")):
        unit = unit[:1].upper() + unit[1:]
    return unit


def _unit_span(folded: str, start: int) -> int:
    """End index of the unit name that starts at *start* (a head word matched there)."""
    words = 0
    pos = start
    head = _HEAD_AT.match(folded, start)
    if head is None:
        return start
    pos = head.end()
    words = folded[start:pos].count(" ") + 1
    while pos < len(folded):
        match = re.match(r"\s+|[^\s,;:.()\"“”]+|.", folded[pos:])
        if match is None:  # pragma: no cover - the pattern always matches
            break
        token = match.group(0)
        if token.isspace():
            pos += len(token)
            continue
        if token in {",", ";", ":", ".", "(", ")", '"', "“", "”"}:
            break
        if token in {"-", "–"}:  # "chính trị - xã hội", "Tài chính – Kế hoạch"
            pos += len(token)
            continue
        if _STOPS.match(folded, pos) or words >= MAX_UNIT_WORDS:
            break
        if token == "va" and _HEAD_AT.match(folded, pos + 3):
            break
        pos += len(token)
        words += 1
    return len(folded[:pos].rstrip())


def units_at(text: str, start: int = 0) -> tuple[list[str], int]:
    """Units named from *start* on: "A, B và C làm …" → ([A, B, C], end of the list)."""
    folded = fold_same_length(text)
    units: list[str] = []
    pos = start
    group = _GROUP_LIST.match(folded, pos)
    if group:
        pos = group.end()
    while True:
        while pos < len(folded) and folded[pos] == " ":
            pos += 1
        if _PERSONS.match(folded, pos) or not _HEAD_AT.match(folded, pos):
            break
        end = _unit_span(folded, pos)
        if end <= pos:
            break
        units.append(_tidy(text[pos:end]))
        rest = folded[end:]
        sep = re.match(r"\s*(?:,|và|va)\s+", rest)
        if sep and _HEAD_AT.match(folded, end + sep.end()):
            pos = end + sep.end()
            continue
        pos = end
        break
    return [u for u in units if u], pos


def split_unit_list(text: str) -> list[str]:
    """A table cell or "phối hợp" list → unit names ("Ban Tổ chức và Đoàn TN Khối" → two)."""
    parts = re.split(r"\s*[,;]\s*|\s+(?:và|với)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]|các )", clean(text))
    return [_tidy(p) for p in parts if _tidy(p)]


def support_units(text: str) -> list[str]:
    """Units after the first "phối hợp (với)": "phối hợp với các chi bộ: A, B, C" → [A, B, C]."""
    folded = fold_same_length(text)
    match = re.search(r"phoi hop(?:\s+voi)?\s+", folded)
    if not match:
        return []
    pos = match.end()
    group = re.match(r"(?:cac\s+)?(?:chi bo|don vi|to chuc|ban|co quan)\s*:\s*", folded[pos:])
    if group:
        pos += group.end()
    result: list[str] = []
    while pos < len(folded):
        end_match = re.search(r"[,;:.()]|\s(?:va)\s(?=cac )", folded[pos:])
        end = pos + end_match.start() if end_match else len(folded)
        piece_fold = folded[pos:end]
        start = pos + len(piece_fold) - len(piece_fold.lstrip())
        if _HEAD_AT.match(folded, start) and not _PERSONS.match(folded, start):
            # A unit name: its own words ("Phòng Tổ chức", "Ủy ban Kiểm tra") are no verbs.
            unit_end = _unit_span(folded, start)
            if start < unit_end < end and folded[unit_end:end].strip():
                result.append(text[start:unit_end])
                break
            stop = None if unit_end >= end else _STOPS.search(piece_fold, 1)
        else:
            stop = _STOPS.search(piece_fold, 1)
        if stop and not piece_fold[: stop.start()].strip().endswith(("co", "cac don vi")):
            end = pos + stop.start()
            result.append(text[pos:end])
            break
        result.append(text[pos:end])
        if "lien quan" in piece_fold or end >= len(folded) or folded[end] != ",":
            break
        pos = end + 1
    units = [_tidy(r) for r in _join_elided(result)]
    return [u for u in units if u and len(u.split()) <= MAX_UNIT_WORDS and names_a_body(u)]


def names_a_body(unit: str) -> bool:
    """Whether *unit* opens with what names an organisation ("Ban …", "Sở …", "các cơ quan …").

    What follows "phối hợp với" in running prose is not always a unit: "Giữa Đảng ủy Khối",
    "Hoạt động", "Giai đoạn 2021 - 2025", a lone "Các" are the rest of a sentence cut at a
    comma, and must never become units.
    """
    folded = fold_same_length(clean(unit)).lower()
    first, _, rest = folded.partition(" ")
    if first in {"cac", "tung", "moi"}:
        return bool(rest) and bool(
            _HEAD_AT.match(rest) or _ORG_AT.match(rest) or _COLLECTIVE.match(rest)
        )
    return bool(_HEAD_AT.match(folded) or _ORG_AT.match(folded))


# Generic nouns that, written in lower case after a comma, share the head of the name
# before them: "các sở, ban, ngành", "các huyện, thành, thị ủy", "cơ quan, đơn vị".
_ELIDED = frozenset(
    {"ban", "nganh", "so", "don vi", "doanh nghiep", "dia phuong", "thanh", "thi", "huyen",
     "thi uy", "thanh uy", "huyen uy", "co quan", "doan the", "dang doan", "hoi", "to chuc",
     "truong", "phong", "xa", "phuong", "thi tran", "luc luong vu trang"}
)  # fmt: skip


def _join_elided(pieces: list[str]) -> list[str]:
    """Keep "các sở, ban, ngành" as one collective unit instead of "Ban" and "Ngành"."""
    joined: list[str] = []
    for raw in pieces:
        piece = clean(raw).strip(" ,;:.-–")
        if not piece:
            continue
        elided = piece[:1].islower() and fold_same_length(piece) in _ELIDED
        if elided and joined:
            joined[-1] = f"{joined[-1]}, {piece}"
        else:
            joined.append(piece)
    return joined


_LEADING_TIME = re.compile(
    r"^(?:(?:dinh\s+k?y\s+)?(?:hang|h\s?ng)\s+(?:nam|quy|thang)|dinh\s+k?y|nam\s+\d{4}"
    r"|trong\s+nhiem\s+ky[^,]*|truoc\s+mat|tu\s+nay\s+den[^,]*)\s*,?\s*"
)


def subject_units(text: str) -> tuple[list[str], bool]:
    """Units that are the grammatical subject at the start of *text*.

    Returns the units and whether they were introduced by "Giao". A sentence opening with
    "Căn cứ …," is read from the first clause that starts with a unit.
    """
    folded = fold_same_length(text)
    pos = 0
    explicit = False
    lead_time = _LEADING_TIME.match(folded)
    if lead_time:
        pos = lead_time.end()
    giao = re.match(r"giao(?: cho)?\s+", folded[pos:])
    if giao:
        pos += giao.end()
        explicit = True
    if folded.startswith("can cu"):
        for comma in re.finditer(r",\s+", folded[:300]):
            after = comma.end()
            if re.match(rf"(?:cac |moi |tung )(?:{_HEADS})\b", folded[after:]) or re.match(
                r"(?:ban|van phong|uy ban|chi bo|dang uy|cap uy|so|phong|trung tam)\b",
                folded[after:],
            ):
                units, _ = units_at(text, after)
                if units:
                    return units, explicit
        return [], False
    units, _ = units_at(text, pos)
    return units, explicit


def read_assignment(text: str) -> Assignment:
    """The lead and coordinating units that *text* names for itself."""
    result = Assignment()
    folded = fold_same_length(text)
    # "A giao B chủ trì …" / "…; giao cho B chủ trì …": B leads.
    for match in _GIAO.finditer(folded):
        # Only the verb "giao" (assign): not "giáo" of "Tuyên giáo", "Giáo dục".
        verb = text[match.end() - len(match.group(0).lstrip(" ,;.")) :].lower()
        if not verb.startswith("giao"):
            continue
        units, end = units_at(text, match.end())
        if units and re.match(r"\s*,?\s*chu tri", folded[end:]):
            result.lead = units[0]
            result.co_subjects = units[1:]
            result.explicit = True
            break
    if result.lead is None:
        units, explicit = subject_units(text)
        if units:
            result.lead = units[0]
            result.co_subjects = units[1:]
            result.explicit = explicit or bool(
                re.match(r"[^.;]{0,160}?chu tri", folded[: len(folded)])
            )
    result.support = support_units(text)
    return result


def is_unit_phrase(text: str) -> bool:
    """True when all of *text* (a heading) is a unit name or a list of them."""
    stripped = clean(text).rstrip(":. ")
    if not stripped:
        return False
    units, end = units_at(stripped, 0)
    return bool(units) and end >= len(stripped) - 1


# Words that open an organisation's name (folded), for splitting a list of units without
# splitting a name: "Bộ Văn hóa, Thể thao và Du lịch" has no unit after its comma or its
# "và", "Bộ Tài chính; UBND các tỉnh" and "Các bộ, ngành liên quan và UBND các tỉnh" do.
# Negative look-aheads keep verbs that fold alike out: "Bổ sung", "Bố trí", "Sơ kết",
# "Ban hành", "Phòng chống", "Hội nghị", "Đoàn kết", "Trường hợp".
_ORG_HEADS = (
    r"bo chi huy|bo tu lenh|bo doi|bo\b(?! sung| tri| cuc| may| phan)"
    r"|so\b(?! ket| bo| luoc|\s*\d|\s*:)"
    r"|ubnd|ubmttq|uy ban|hdnd|hoi dong|ban\b(?! hanh)|van phong|tong cuc|cuc|hoc vien|vien"
    r"|truong\b(?! hop)|dai hoc|cong an|toa an|mat tran|mttq|doan thanh nien|tinh doan"
    r"|thanh doan|huyen doan|doan\b(?! ket)|hoi\b(?! nghi| thao| thi| dap)|lien doan|lien minh"
    r"|tap doan|tong cong ty|cong ty|ngan hang|dai (?:truyen|phat|tieng)"
    r"|bao\b(?! dam| cao| ve| ton| hiem)|thong tan xa|vtv|vov"
    "|ttxvn|dang uy|dang doan|tinh uy|huyen uy|thanh uy|chi bo|co quan|doanh nghiep|trung tam"
    r"|chi cuc|phong\b(?! chong| ngua)|thanh tra|kho bac|canh sat|quan doi|hiep hoi|thu tuong"
    "|chinh phu|quoc hoi|kiem toan|bhxh|bao hiem xa hoi|vien kiem sat|cap uy|cong doan|chi doan"
    "|chi hoi|chi uy|dang bo|thuong truc|truc dang uy|ubkt|btv|bch|to (?:dan van|cong tac|giup)"
    "|ban giam|hoi dong|tong thu ky|tong bi thu|chu nhiem|giam doc|chanh van phong|thu truong"
    "|bo truong|chu tich|pho chu tich|truong phong|cac"
)
_ORG_AT = re.compile(rf"(?:{_ORG_HEADS})\b")
# What "các" / "từng" may govern besides an organisation head: "các ngành", "các địa phương".
_COLLECTIVE = re.compile(
    r"(?:nganh|dia phuong|don vi|doan the|xa|phuong|huyen|tinh|thanh pho|dong chi|thanh vien"
    r"|chu|to |lanh dao|luc luong|chinh quyen|tap the|ca nhan)"
)
_LIST_SEPARATOR = re.compile(r"\s*[;\n]\s*")
_SOFT_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:và|&)\s+")


def _opens_unit(original: str, folded: str) -> bool:
    """Whether the words after a comma or "và" start a new unit (a capitalised head word)."""
    if not _ORG_AT.match(folded):
        return False
    if folded.startswith(("cac ", "tung ")):
        rest = folded.split(" ", 1)[1] if " " in folded else ""
        return bool(_ORG_AT.match(rest) or _COLLECTIVE.match(rest))
    return original[:1].isupper()


def split_units(text: str) -> list[str]:
    """A cell or label value naming units → the units, names kept whole.

    ";" and line breaks always separate; "," and "và" only before a
    capitalised organisation head ("Bộ", "Sở", "UBND", "Ban", …) or "các …", so that
    "Bộ Khoa học và Công nghệ", "Bộ Văn hóa, Thể thao và Du lịch" and the collective "Các
    sở, ban, ngành" stay one unit each.
    """
    result: list[str] = []
    for piece in _LIST_SEPARATOR.split(text):
        piece = clean(piece).strip(" ,;:.-–•+")
        if not piece:
            continue
        start = 0
        for match in _SOFT_SEPARATOR.finditer(piece):
            after = piece[match.end() :]
            if _opens_unit(after, fold_same_length(after)) and piece[start : match.start()]:
                result.append(piece[start : match.start()])
                start = match.end()
        result.append(piece[start:])
    units = [clean(u).strip(" ,;:.-–") for u in result]
    return [u for u in units if u]


_ADDRESS = re.compile(r"^(?:đề nghị|giao|yêu cầu)\s+", re.IGNORECASE)
# Verbs that make a heading a sentence; names may hold others ("Sở Xây dựng").
_HEADING_VERB = re.compile(
    r"\b(?:chu tri|phoi hop|tham muu|co trach nhiem|chiu trach nhiem|thuc hien|trien khai"
    r"|khan truong|tiep tuc|tap trung|la|duoc|can|phai)\b"
)


def heading_unit(text: str) -> str | None:
    """The unit a heading names when the heading is nothing but that unit.

    "a) Các sở, ban, ngành, địa phương", "b) Công an tỉnh", "d) Đề nghị Viện Kiểm sát nhân
    dân tỉnh, Tòa án nhân dân tỉnh": the items under it are that unit's duties, and the name
    (co-leads included) is kept whole. A heading with a verb ("Sở Tài chính chủ trì, …") or
    a sentence is not a bare unit.
    """
    stripped = _ADDRESS.sub("", clean(text).rstrip(":. "))
    folded = fold_same_length(stripped)
    if not stripped or len(stripped.split()) > 25 or re.search(r"[.;]", stripped):
        return None
    if not _opens_unit(stripped, folded) or (folded.startswith("cac ") and len(folded) < 8):
        return None
    if _HEADING_VERB.search(folded):
        return None
    return stripped


_PERSON_HEAD = re.compile(r"(?:cac |tung |moi )?(?:(?:truong|pho truong)(?= ban\b)|dong chi\b)")
_LEAD_END = re.compile(r"[;.:()\"“”]")
MAX_LEAD_WORDS = 40


def lead_before_verb(text: str, start: int = 0, *, capital: bool = True) -> str | None:
    """The doer that opens *text* at *start*, up to the verb after it, or None.

    "Thường trực Ban Bí thư, Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam chỉ đạo
    …" → the whole co-lead string; "cấp ủy các chi bộ, đảng bộ cơ sở, Mặt trận và các đoàn
    thể huyện tổ chức …" (after "đề nghị") likewise. Names inside the doer keep their own
    words ("Ban Tổ chức", "Ủy ban Kiểm tra" are not the verbs "tổ chức", "kiểm tra"). With
    *capital*, the doer must be written as a name (a capital, or "các …" / "từng …").
    """
    folded = fold_same_length(text)
    pos = start
    while pos < len(folded) and folded[pos] == " ":
        pos += 1
    first = _HEAD_AT.match(folded, pos) or _PERSON_HEAD.match(folded, pos)
    if first is None and _opens_unit(text[pos:], folded[pos:]):
        first = _ORG_AT.match(folded, pos)
    if first is None:
        return None
    named = text[pos : pos + 1].isupper() or folded.startswith(("cac ", "tung "), pos)
    if capital and not named:
        return None
    begin = pos
    pos = first.end()
    words = folded[begin:pos].count(" ") + 1
    while pos < len(folded) and words <= MAX_LEAD_WORDS:
        if folded[pos] in " ,":
            pos += 1
            continue
        if _LEAD_END.match(folded, pos):
            return None
        head = _HEAD_AT.match(folded, pos) or _PERSON_HEAD.match(folded, pos)
        named = text[pos : pos + 1].isupper() or folded.startswith("cac ", pos)
        if head is not None and (named or not capital):
            words += folded[pos : head.end()].count(" ") + 1
            pos = head.end()
            continue
        if _STOPS.match(folded, pos) and folded[pos - 1 : pos] == " ":
            lead = clean(text[begin:pos]).strip(" ,")
            said = folded[begin:pos].strip(" ,")
            if re.search(r"\b(?:khong|chang|chua)\b|\b(?:chi|moi|deu|van|cung)$", said):
                return None  # "Ban chỉ đạo không chỉ …": a statement, not a doer and its verb
            return lead or None
        token = re.match(r"[^\s,]+", folded[pos:])
        pos += len(token.group(0)) if token else 1
        words += 1
    return None
