"""How values look on screen: dates dd/mm/yyyy, flags as words, icons drawn in code.

Flags never rely on colour alone: each has a word ("Quá hạn") and an icon shape as well.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from desktop.domain.status import STATUS_LABELS
from desktop.services.queries import Flag

FLAG_WORDS = {
    Flag.OVERDUE: "Quá hạn",
    Flag.DUE_SOON: "Sắp đến hạn",
    Flag.DONE: "Đã xong",
    Flag.OPEN: "",
    Flag.NO_DEADLINE: "",
}
FLAG_FOREGROUND = {
    Flag.OVERDUE: QColor("#b3261e"),
    Flag.DUE_SOON: QColor("#8a5a00"),
    Flag.DONE: QColor("#7a7a7a"),
}
FLAG_BACKGROUND = {
    Flag.OVERDUE: QColor("#fde7e7"),
    Flag.DUE_SOON: QColor("#fff3d6"),
}


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def moment(value: datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M")


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def _pen(color: str, width: float) -> QPen:
    pen = QPen(QColor(color))
    pen.setWidthF(width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def flag_icon(flag: Flag) -> QIcon:
    """A small shape per flag: a red disc with "!", an amber triangle, a grey tick."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if flag is Flag.OVERDUE:
        painter.setBrush(QBrush(QColor("#c62828")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(2, 2, 28, 28))
        painter.setPen(_pen("white", 4))
        painter.drawLine(QPointF(16, 8), QPointF(16, 18))
        painter.drawPoint(QPointF(16, 24))
    elif flag is Flag.DUE_SOON:
        painter.setBrush(QBrush(QColor("#f0a000")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(30, 29), QPointF(2, 29)]))
        painter.setPen(_pen("black", 3.5))
        painter.drawLine(QPointF(16, 11), QPointF(16, 19))
        painter.drawPoint(QPointF(16, 24.5))
    elif flag is Flag.DONE:
        painter.setPen(_pen("#5f8f5f", 5))
        painter.drawPolyline(QPolygonF([QPointF(5, 17), QPointF(13, 25), QPointF(27, 7)]))
    painter.end()
    return QIcon(pixmap)
