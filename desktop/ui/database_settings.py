"""Cài đặt › Cơ sở dữ liệu…: this PC's file or a shared server; "Thử kết nối"; copy-to.

The choice is kept in the user's settings (host, port, database, user; never the
password, which goes to the OS credential store through :mod:`desktop.services.connection`)
and used at the next start. The connection test runs on the read worker, so a server that
does not answer never freezes the window; the copy runs as a write with its progress.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.connection import (
    DEFAULT_PORT,
    SharedServer,
    can_keep_passwords,
    check_connection,
    keep_password,
    stored_password,
)
from desktop.services.errors import is_known
from desktop.services.shared import copy_to_shared
from desktop.ui.background import BackgroundQuery
from desktop.ui.confirm import confirm
from desktop.ui.errors import TITLE, show_error
from desktop.ui.operations import WriteOp
from desktop.ui.signals import AppContext

LOCAL, SHARED = "local", "shared"
KEYS = ("database/mode", "database/host", "database/port", "database/name", "database/user")


def saved_server(settings: QSettings) -> SharedServer | None:
    """The shared server chosen in this dialog, when "Dùng chung" is the saved choice."""
    if settings.value("database/mode", LOCAL) != SHARED:
        return None
    return SharedServer(
        host=str(settings.value("database/host", "")),
        database=str(settings.value("database/name", "")),
        user=str(settings.value("database/user", "")),
        port=int(str(settings.value("database/port", DEFAULT_PORT))),
    )


def shared_url_at_start(parent: QWidget | None, settings: QSettings) -> str | None:
    """The URL to open when the user chose a shared database.

    Asks for the password when the OS keeps none. None: the file on this PC (or the user
    cancelled the question).
    """
    server = saved_server(settings)
    if server is None:
        return None
    password = stored_password(server)
    if password is None:
        password, ok = QInputDialog.getText(
            parent,
            TITLE,
            f"Mật khẩu của {server.user} trên máy chủ {server.host}:",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
    return server.url(password)


class DatabaseSettingsDialog(QDialog):
    """Trên máy này / Dùng chung, with the server's fields and the two actions."""

    def __init__(self, context: AppContext, settings: QSettings, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cài đặt cơ sở dữ liệu")
        self.setMinimumWidth(520)
        self._context = context
        self._settings = settings
        layout = QVBoxLayout(self)

        self.local = QRadioButton("Trên &máy này (một tệp dữ liệu, một người dùng)")
        self.shared = QRadioButton("&Dùng chung (máy chủ PostgreSQL của văn phòng)")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.shared)
        layout.addWidget(self.local)
        layout.addWidget(self.shared)

        self.server_box = QGroupBox("Máy chủ dùng chung")
        form = QFormLayout(self.server_box)
        self.host = QLineEdit()
        self.host.setPlaceholderText("ví dụ: 192.168.1.10 hoặc may-chu")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.name = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("Lưu mật khẩu trong kho mật khẩu của hệ điều hành")
        if not can_keep_passwords():
            self.keep.setEnabled(False)
            self.keep.setText("Máy này không có kho mật khẩu: sẽ hỏi mật khẩu mỗi lần mở")
        form.addRow("Máy &chủ:", self.host)
        form.addRow("&Cổng:", self.port)
        form.addRow("&Tên cơ sở dữ liệu:", self.name)
        form.addRow("&Người dùng:", self.user)
        form.addRow("Mật &khẩu:", self.password)
        form.addRow("", self.keep)
        layout.addWidget(self.server_box)

        actions = QHBoxLayout()
        self.test_button = QPushButton("&Thử kết nối")
        self.test_button.clicked.connect(self.test_connection)
        self.copy_button = QPushButton("C&hép dữ liệu máy này sang máy chủ…")
        self.copy_button.clicked.connect(self.copy_data)
        actions.addWidget(self.test_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setAccessibleName("Kết quả thử kết nối")
        layout.addWidget(self.answer)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._query = BackgroundQuery(self)
        self._query.finished.connect(self._tested)
        self._query.failed.connect(self._test_failed)
        self._fill()
        self.shared.toggled.connect(self._enable)
        self._enable()

    def _fill(self) -> None:
        server = saved_server(self._settings)
        (self.shared if server is not None else self.local).setChecked(True)
        value = self._settings.value
        self.host.setText(str(value("database/host", "")))
        self.port.setValue(int(str(value("database/port", DEFAULT_PORT))))
        self.name.setText(str(value("database/name", "sonhiemvu")))
        self.user.setText(str(value("database/user", "")))

    def _enable(self) -> None:
        on = self.shared.isChecked()
        self.server_box.setEnabled(on)
        self.test_button.setEnabled(on)
        self.copy_button.setEnabled(on and self._context.database.is_sqlite)

    def server(self) -> SharedServer:
        return SharedServer(
            host=self.host.text().strip(),
            database=self.name.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
        )

    def test_connection(self) -> None:
        server, password = self.server(), self.password.text()
        self.answer.setText("Đang thử kết nối…")
        self.test_button.setEnabled(False)
        self._query.submit(lambda: check_connection(server, password))

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.answer.setText(message)

    def _test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        if is_known(error):
            self.answer.setText(str(error))
        else:
            show_error(self, error)
            self.answer.clear()

    def copy_data(self) -> None:
        """Copy this PC's data into the (empty) shared database, as one write."""
        server, password = self.server(), self.password.text()
        question = (
            f"Chép toàn bộ dữ liệu của máy này sang “{server.database}” trên {server.host}? "
            "Cơ sở dữ liệu đó phải còn trống; nếu có lỗi giữa chừng, không có gì được ghi."
        )
        if not confirm(self, question, default_yes=True):
            return
        source = self._context.database
        WriteOp(
            self,
            "Đang chép dữ liệu…",
            lambda progress: copy_to_shared(source, server.url(password), progress),
        ).success(self._copied).run()

    def _copied(self, written: dict[str, int]) -> None:
        self.answer.setText(
            f"Đã chép {written.get('tasks', 0)} nhiệm vụ và {written.get('documents', 0)} "
            "văn bản sang máy chủ. Bấm Lưu để dùng cơ sở dữ liệu dùng chung từ lần mở sau."
        )

    def save(self) -> None:
        if self.shared.isChecked():
            server = self.server()
            problems = server.problems()
            if problems:
                self.answer.setText(" ".join(problems))
                return
            if self.keep.isChecked() and self.password.text():
                keep_password(server, self.password.text())
        values = (
            SHARED if self.shared.isChecked() else LOCAL,
            self.host.text().strip(),
            self.port.value(),
            self.name.text().strip(),
            self.user.text().strip(),
        )
        for key, value in zip(KEYS, values, strict=True):
            self._settings.setValue(key, value)
        self._settings.sync()
        self.accept()


def install_database_settings(
    bar: QMenuBar, context: AppContext, settings: QSettings, parent: QWidget
) -> tuple[QAction, QAction]:
    """Cài đặt › Cơ sở dữ liệu… and › Chép dữ liệu sang máy chủ dùng chung…."""
    menu = bar.addMenu("&Cài đặt")

    def open_dialog(copying: bool) -> None:
        dialog = DatabaseSettingsDialog(context, settings, parent)
        if copying:
            dialog.shared.setChecked(True)
            dialog.copy_button.setFocus()
        if dialog.exec():
            QMessageBox.information(
                parent, TITLE, "Đã lưu. Sổ nhiệm vụ dùng cơ sở dữ liệu đã chọn từ lần mở sau."
            )

    settings_action = QAction("&Cơ sở dữ liệu…", parent)
    settings_action.triggered.connect(lambda: open_dialog(False))
    copy_action = QAction("C&hép dữ liệu sang máy chủ dùng chung…", parent)
    copy_action.setEnabled(context.database.is_sqlite)
    copy_action.triggered.connect(lambda: open_dialog(True))
    menu.addAction(settings_action)
    menu.addAction(copy_action)
    return settings_action, copy_action
