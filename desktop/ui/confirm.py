"""The app's one Yes/No question, so every confirmation looks and defaults alike."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.errors import TITLE


def confirm(parent: QWidget | None, question: str, *, default_yes: bool = False) -> bool:
    """Ask *question* with Có/Không buttons; True only when the user chose Có.

    A question about something hard to undo defaults to Không, so a stray Enter is safe.
    """
    no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(parent, TITLE, question, yes | no, yes if default_yes else no)
    return answer == yes
