"""The app's one Yes/No question, so every confirmation looks and defaults alike."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.errors import TITLE

# The standard buttons' words come from desktop.ui.translations: Lưu, Không lưu, Hủy.


def confirm(parent: QWidget | None, question: str, *, default_yes: bool = False) -> bool:
    """Ask *question* with Có/Không buttons; True only when the user chose Có.

    A question about something hard to undo defaults to Không, so a stray Enter is safe.
    """
    no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(parent, TITLE, question, yes | no, yes if default_yes else no)
    return answer == yes


def ask_save(parent: QWidget | None, question: str) -> bool | None:
    """Lưu / Không lưu / Hủy: True to save, False to leave without saving, None to stay.

    Hủy is the way back to what was typed: closing the window or moving to another task
    must never force a choice between saving and losing it.
    """
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, TITLE, question, buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save
    )
    if answer in (buttons.Save, buttons.Yes):
        return True
    if answer in (buttons.Discard, buttons.No):
        return False
    return None
