"""Paragraphs → the document's outline: Roman parts, 1. / 1.1. sections, a) / (1) items, bullets.

Task ids and sections come from this tree ("II.2.3.b.(2)"), and so do the two kinds of context a
task inherits: the unit of a heading ("1.1. Ban Tổ chức Đảng ủy Khối", "- Ban Tuyên giáo … chủ
trì, tham mưu:") and whether the part of the document it stands in assigns work at all
("Nhiệm vụ và giải pháp", "Tổ chức thực hiện") or states aims and results ("Mục đích, yêu
cầu", "Chỉ tiêu", "Kết quả").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.extract.lines import Line
from desktop.extract.paragraphs import FIELD_LABEL as _LABELLED_FIELD
from desktop.extract.paragraphs import MARKER

# Levels: a smaller number is a bigger division.
LEVEL_PART, LEVEL_TOP, LEVEL_ROMAN = 0, 1, 2
LEVEL_LETTER, LEVEL_PAREN, LEVEL_BULLET, LEVEL_PLUS = 20, 21, 30, 31
LEVEL_BODY = 40


@dataclass
class Node:
    """One heading, list item or paragraph of the outline."""

    kind: str  # part, roman, dec, letter, paren, bullet, plus, body, heading
    label: str  # the marker as written: "II", "2.3", "b", "(2)", "-" …
    text: str  # the paragraph without its marker
    level: int
    bold: bool = False
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # body paragraphs ending in ":"
    order: int = 0  # position in the document

    @property
    def ancestors(self) -> list[Node]:
        result = []
        node = self.parent
        while node is not None:
            result.append(node)
            node = node.parent
        return result


def _classify(block: Line) -> tuple[str, str, str, int]:
    text = block.text
    match = MARKER.match(text)
    if match:
        rest = text[match.end() :].strip()
        if match.group("part"):
            return "part", match.group("part"), text, LEVEL_PART
        if match.group("roman"):
            return "roman", match.group("roman").upper(), rest, LEVEL_ROMAN
        dec = match.group("dec") or match.group("dec2")
        if dec:
            return "dec", dec, rest, LEVEL_ROMAN + dec.count(".") + 1
        if match.group("letter"):
            return "letter", match.group("letter").lower(), rest, LEVEL_LETTER
        if match.group("paren"):
            return "paren", f"({match.group('paren')})", rest, LEVEL_PAREN
        if match.group("bullet"):
            return "bullet", "-", rest, LEVEL_BULLET
        if match.group("plus"):
            return "plus", "+", rest, LEVEL_PLUS
    letters = [ch for ch in text if ch.isalpha()]
    upper = len(letters) >= 4 and all(ch.isupper() for ch in letters)
    if (upper and len(text) <= 160) or re.match(r"^(?:nơi nhận|phụ lục)\b", text, re.I):
        return "heading", "", text, LEVEL_TOP
    return "body", "", text, LEVEL_BODY


def _holds_paragraphs(node: Node) -> bool:
    """Whether an unnumbered paragraph after *node* belongs inside it (a heading, an intro)."""
    if node.kind in {"root", "part", "heading", "roman"}:
        return True
    if node.children and node.kind in {"dec", "letter"}:
        return True  # a section with items: a paragraph after an item is the section's
    text = node.text.rstrip()
    if text.endswith(":"):
        return True
    return node.kind in {"dec", "letter"} and len(text) < 100 and not text.endswith((".", ";"))


def _is_complete_item(node: Node) -> bool:
    """A list item that ends its sentence cannot hold sub-items: what follows is a sibling."""
    text = node.text.rstrip(" *")
    if not text.endswith((".", ";", "./.")):
        return False
    return node.kind in {"paren", "letter", "bullet", "plus"}


def build_outline(blocks: list[Line]) -> Node:
    """Arrange the paragraphs (table rows skipped) into a tree under a root node."""
    root = Node("root", "", "", -1)
    stack: list[Node] = [root]
    previous: Node | None = None
    for order, block in enumerate(blocks):
        if block.is_row:
            continue
        kind, label, text, level = _classify(block)
        if (
            kind in {"body", "bullet", "plus"}
            and previous is not None
            and not previous.children
            and _LABELLED_FIELD.match(text)
        ):
            # "- Đơn vị chủ trì: …" under a task gives that task a field, it is no task itself.
            previous.text = f"{previous.text.rstrip(' ;')}; {text}"
            continue
        if (
            kind == "heading"
            and previous is not None
            and previous.kind == "heading"
            and not previous.children
            and not previous.intro
        ):
            # A title set on several lines ("Phụ lục II" / "ĐỀ CƯƠNG BÁO CÁO …" / "CÔNG
            # TÁC …") is one heading: what it says is read as a whole.
            previous.text = f"{previous.text} {text}"
            continue
        node = Node(kind, label, text, level, block.bold, order=order)
        if kind == "body":
            while len(stack) > 1 and not _holds_paragraphs(stack[-1]):
                stack.pop()
            parent = stack[-1]
            if text.rstrip().endswith(":") and not parent.children:
                parent.intro.append(text)
                continue
            node.parent = parent
            parent.children.append(node)
            previous = node
            continue
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        if not _is_complete_item(node):
            stack.append(node)
        previous = node
    return root


def walk(node: Node) -> list[Node]:
    """Every node below *node*, in document order."""
    result: list[Node] = []
    for child in node.children:
        result.append(child)
        result.extend(walk(child))
    return result
