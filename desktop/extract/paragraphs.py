"""Lines → paragraphs: re-flowing hard line breaks, as PDF text and some copies have them.

PDF text layers (seed 000) break every line mid-sentence and put blank lines between them, and
page breaks split paragraphs of Word copies too ("… để tổ" / "chức triển khai …"). A line is
joined to the one before when that one has not ended a sentence and the new line neither
starts a list item nor follows a heading. Table rows pass through untouched.
"""

from __future__ import annotations

import re

from desktop.domain.text import clean
from desktop.extract.lines import Line
from desktop.extract.units import heading_unit, lead_before_verb

MARKER = re.compile(
    r"^(?:"
    r"(?P<part>phần\s+thứ\s+\w+)"
    r"|(?P<roman>(?-i:[IVX]{1,5}))\s*[.)/](?<!V/)\s*(?=\S)"  # not "V/v" (về việc)
    r"|(?P<dec>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(?=\S)"
    r"|(?P<dec2>\d{1,2}(?:\.\d{1,2})+)\s+(?=\S)"
    # Vietnamese lists run a b c d đ e g h i k l m n: "i)" after "h)" is a letter.
    r"|(?P<letter>[a-eg-ik-nđ])\s*\)\s*(?=\S)"
    r"|\((?P<paren>\d{1,2}|[a-z]|[ivx]{1,4})\)\s*(?=\S)"
    r"|(?P<bullet>[-–—•])\s*(?=\S)"
    r"|(?P<plus>\+)\s*(?=\S)"
    r")",
    re.IGNORECASE,
)
FIELD_LABEL = re.compile(
    r"^(?:đơn vị|cơ quan)\s+(?:chủ trì|phối hợp|thực hiện)|^(?:chủ trì|phối hợp)\s*:"
    r"|^thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành))?\s*:|^tiến độ\s*:"
    r"|^(?:sản phẩm|kết quả|hình thức)(?:\s+\w+){0,2}\s*:",
    re.IGNORECASE,
)
_TERMINAL = (".", ";", ":", "!", "?", "…", "./.")


def _is_marker(text: str) -> bool:
    match = MARKER.match(text)
    if not match:
        return False
    return not (match.group("roman") and not re.match(r"^[IVX]{1,5}\s*[.)/]", text))


def _is_upper(text: str) -> bool:
    # str.isupper() first: it settles most paragraphs in C, without a list of their letters.
    return (
        text.isupper()
        and sum(ch.isalpha() for ch in text) >= 4
        and not any(ch.isalpha() and not ch.isupper() for ch in text)
    )


def _heading_like(block: Line) -> bool:
    text = block.text
    if block.bold or _is_upper(text):
        return True
    match = MARKER.match(text)
    if match and (match.group("roman") or match.group("dec") or match.group("dec2")):
        return len(text) <= 60
    return False


def _starts_lower(text: str) -> bool:
    first = text.lstrip("*\"“'( ")[:1]
    return bool(first) and (first.islower() or first.isdigit())


def _layout(lines: list[Line]) -> tuple[bool, int]:
    """Whether lines are hard-wrapped (PDF text), and the usual full line width."""
    # Lines of a word or two (a PDF annex table read cell by cell) say nothing of the width.
    lengths = sorted(
        len(line.text.strip()) for line in lines if len(line.text.strip()) > 20 and not line.is_row
    )
    if not lengths:
        return False, 0
    long_share = sum(length > 110 for length in lengths) / len(lengths)
    width = lengths[int(len(lengths) * 0.9)]
    return long_share < 0.15, width


_LONE_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,5}\.|[a-hđ]\)|\(\d{1,2}\))$")
_GROUP_COLON = re.compile(r"(?:các|những|gồm|như)(?:\s+\S+){0,2}\s*:$", re.IGNORECASE)
# How much of each end of a paragraph the joining rule looks at. The rule only asks how a
# paragraph starts (a marker, capitals, a short heading) and how it ends (punctuation, "các …:").
# Looking at the whole paragraph for every line joined to it made a long paragraph cost the
# square of its lines (issue 14: 20,000 short lines ran for minutes).
_END = 300


class _Open:
    """The paragraph lines are being joined to: its pieces, and its two ends kept short."""

    def __init__(self, block: Line) -> None:
        self.block = block
        self.pieces = [block.text]
        self.tail = block.text[-_END:]
        # Capitals and markers are judged on the opening of a long paragraph only.
        self.view = Line(block.text[: _END + 1], None, block.bold)

    def join(self, glue: str, text: str, bold: bool) -> None:
        self.pieces += (glue, text)
        self.tail = (self.tail + glue + text)[-_END:]
        if len(self.view.text) <= _END:
            self.view.text = (self.view.text + glue + text)[: _END + 1]
        self.block.bold = self.view.bold = self.block.bold and bold

    def close(self) -> None:
        self.block.text = "".join(self.pieces)


def _name_runs_on(name: str, text: str) -> bool:
    """Whether *text* goes on with the unit *name* across a line break.

    "4.6. Văn phòng" / "Trung ương Đảng phối hợp …": the doer read across the break is
    longer than the name alone.
    """
    joined = f"{name} {text}"
    across = lead_before_verb(joined)
    if across is None or len(across) <= len(name.rstrip(":. ")):
        return False
    # The doer's verb follows in lower case: "… Đảng phối hợp", not "Thủy lợi Đôn đốc, …".
    rest = joined[len(across) :].lstrip() if joined.startswith(across) else ""
    return rest[:1].islower()


def reflow(lines: list[Line]) -> list[Line]:
    """Join wrapped lines into paragraphs (see the module docstring for the rule).

    Hard-wrapped text (most lines short, as PDF text layers give) also joins a line that
    follows a full-width line, whatever punctuation ended it: paragraphs end on short lines.
    Paragraph-per-line text (Word copies) joins only what a page break visibly split.
    """
    wrapped, width = _layout(lines)
    blocks: list[Line] = []
    opened: _Open | None = None  # the last block, when it is a paragraph
    pending = ""
    last_length = 0
    for line in lines:
        if line.is_row:
            if opened is not None:
                opened.close()
                opened = None
            blocks.append(Line(line.text, line.cells, line.bold))
            continue
        text = clean(line.text).strip("*").strip() if "*" in line.text else clean(line.text)
        if not text or text in {"*", "-----", "---"} or (text.isdigit() and len(text) <= 3):
            continue
        if _LONE_MARKER.match(text):
            # "1." alone on its line (emphasis split it off): it numbers the next line.
            pending = f"{pending} {text}".strip()
            continue
        if pending:
            text, pending = f"{pending} {text}", ""
        length = len(line.text.strip())
        starts_field = bool(FIELD_LABEL.match(text))
        if opened is not None and not _is_marker(text) and not starts_field:
            previous = opened.view
            end = opened.tail
            ended = end.endswith(_TERMINAL)
            soft_end = end.endswith((";", ",")) or (
                end.endswith(":") and bool(_GROUP_COLON.search(end))
            )
            full = wrapped and last_length >= 0.85 * width
            bold_change = line.bold != previous.bold
            if _starts_lower(text):
                joins = not (ended and (end.endswith(":") or _heading_like(previous)))
            elif wrapped:
                # A short line that closes a unit's name ends its paragraph: "1. Công an
                # tỉnh, … các xã, phường" is a heading, "Theo chức năng, …" the text under it.
                name = MARKER.sub("", previous.text)
                bare_unit = heading_unit(name) is not None
                runs_on = bare_unit and not ended and _name_runs_on(name, text)
                short = last_length < 0.6 * width and not soft_end and bare_unit and not runs_on
                joins = not bold_change and (
                    (not ended and not _heading_like(previous) and not short)
                    or soft_end
                    or full
                    or runs_on
                )
            else:
                joins = not ended and not _heading_like(previous) and len(text) < 120
                joins = joins and not bold_change
            if joins:
                glue = "" if end.endswith("-") and text[:1].isupper() else " "
                opened.join(glue, text, line.bold)
                last_length = length
                continue
        if opened is not None:
            opened.close()
        blocks.append(Line(text, None, line.bold))
        opened = _Open(blocks[-1])
        last_length = length
    if opened is not None:
        opened.close()
    return [piece for block in blocks for piece in _inline_items(block)]


_INLINE_ITEM = re.compile(r"(?:(?<=[\s;:.,])|^)\((\d{1,2})\)\s+(?=\S)")


def _inline_items(block: Line) -> list[Line]:
    """Split "4. Đẩy mạnh …: (1) Các bộ …; (2) các bộ, ngành …" into its numbered items.

    Run-on conclusions number their duties inside one paragraph. The items must run
    (1), (2), … in order; what stands before (1) stays a paragraph of its own (the heading
    the items belong to). Roman sub-items "(i)", "(ii)" stay inside their item.
    """
    if block.is_row or "(2)" not in block.text:
        return [block]
    starts: list[int] = []
    expected = 1
    for match in _INLINE_ITEM.finditer(block.text):
        if int(match.group(1)) == expected:
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return [block]
    pieces = [block.text[: starts[0]]] if block.text[: starts[0]].strip() else []
    bounds = [*starts, len(block.text)]
    pieces.extend(block.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False))
    return [Line(clean(piece), None, False) for piece in pieces if clean(piece)]
