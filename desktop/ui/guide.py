"""Trợ giúp › Hướng dẫn sử dụng: a short Vietnamese guide with pictures, read offline.

The guide is an HTML page in ``resources/guide`` beside its pictures (scaled copies of
``docs/screenshots``, written by ``make screenshots``), shown in a :class:`QTextBrowser`:
no browser, no network, and it travels inside the installer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_DIR = Path(__file__).resolve().parents[2] / "resources" / "guide"
GUIDE_PAGE = GUIDE_DIR / "huong-dan.html"
PICTURES = ("import-preview.png", "main-window.png", "task-details.png", "report-page1.png")
"""The screenshots the guide shows, by the names it uses for them."""
PICTURE_WIDTH = 640


class GuideDialog(QDialog):
    """The guide in a resizable window; links to outside pages open in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE_PAGE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)


def write_guide_pictures(screenshots: Path, folder: Path = GUIDE_DIR) -> list[Path]:
    """Scale the screenshots the guide shows into *folder* (``make screenshots`` calls it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    written = []
    for name in PICTURES:
        image = QImage(str(screenshots / name))
        if image.isNull():
            continue
        if image.width() > PICTURE_WIDTH:
            image = image.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        target = folder / name
        if image.save(str(target)):
            written.append(target)
    return written
