"""Vietnamese for Qt's own words (OK, Huỷ, Có, Không, the edit menu of text fields).

Qt ships no ``qtbase_vi.qm``, so standard dialog buttons would read "Yes"/"Cancel" to a
user who reads only Vietnamese. A tiny translator covers the handful of strings a user of
this app can meet.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_WORDS = {
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Cancel": "Huỷ",
    "&Cancel": "Huỷ",
    "Yes": "Có",
    "&Yes": "&Có",
    "No": "Không",
    "&No": "&Không",
    "Close": "Đóng",
    "&Close": "Đóng",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Open": "Mở",
    "&Open": "&Mở",
    "Apply": "Áp dụng",
    "Discard": "Bỏ",
    "Don't Save": "Không lưu",
    "Help": "Trợ giúp",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Abort": "Dừng",
    "Reset": "Đặt lại",
    "Yes to &All": "Có với tất cả",
    "N&o to All": "Không với tất cả",
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xoá",
    "Select All": "Chọn tất cả",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
}


class VietnameseTranslator(QTranslator):
    """Translates Qt's standard button and text-edit strings; everything else is ours."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None (a null QString) means "not translated here"; an empty string would be
        # taken as the translation and blank out every other Qt string.
        return _WORDS.get(source_text)

    def isEmpty(self) -> bool:
        return False
