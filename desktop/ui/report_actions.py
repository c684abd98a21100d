"""Tệp › Xuất CSV quý…, Xuất Excel quý…, In báo cáo quý…, Lưu báo cáo PDF…, Cài đặt báo cáo….

Kept apart from the main window so it needs only a parent widget, the database and a way
to ask today's date: the window wires it with one call to :func:`add_report_actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.quarters import Quarter
from desktop.services.csv_export import write_csv, write_xlsx
from desktop.services.errors import StorageError
from desktop.services.output_files import ExportError
from desktop.services.output_paths import OutputKind, check_output_path
from desktop.services.quarter_report import QuarterReport, quarter_report
from desktop.services.queries import navigation_counts
from desktop.services.settings import ReportSettings, load_report_settings, save_report_settings
from desktop.services.storage import Database
from desktop.services.units import list_units
from desktop.ui.file_dialogs import FolderKind, remember, start_folder
from desktop.ui.operations import write_and_wait
from desktop.ui.report_pdf import a4_layout, paint_report, report_title, write_pdf


@dataclass(frozen=True)
class ReportContext:
    """What the report actions need from the window, and nothing more."""

    parent: QWidget
    database: Database
    today: Callable[[], date]


@dataclass(frozen=True)
class ReportActions:
    export_csv: QAction
    export_xlsx: QAction
    print_report: QAction
    save_pdf: QAction
    settings: QAction


def default_quarter(today: date) -> Quarter:
    """The quarter a secretary most likely reports on today.

    Reports are written in the first weeks after a quarter ends, so during a quarter's
    first month the default is the quarter just ended.
    """
    current = Quarter.of(today)
    if today.month == current.first_day.month:
        return Quarter.of(current.first_day - timedelta(days=1))
    return current


class QuarterDialog(QDialog):
    """Choose the quarter (and optionally one unit) a report or export covers."""

    def __init__(self, parent: QWidget | None, database: Database, today: date, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.quarter_box = QComboBox(self)
        self.unit_box = QComboBox(self)
        quarters = [q for q, _count in navigation_counts(database, today).quarters]
        wanted = default_quarter(today)
        if wanted not in quarters:
            quarters = sorted({*quarters, wanted})
        for quarter in quarters:
            self.quarter_box.addItem(quarter.label, quarter)
        self.quarter_box.setCurrentIndex(quarters.index(wanted))
        self.unit_box.addItem("Tất cả đơn vị", None)
        for unit in list_units(database):
            self.unit_box.addItem(unit.name, unit.id)
        layout = QFormLayout(self)
        layout.addRow("&Quý:", self.quarter_box)
        layout.addRow("Đơn vị &chủ trì:", self.unit_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tiếp tục")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    @property
    def quarter(self) -> Quarter:
        chosen: Quarter = self.quarter_box.currentData()
        return chosen

    @property
    def unit_id(self) -> int | None:
        chosen: int | None = self.unit_box.currentData()
        return chosen


class ReportSettingsDialog(QDialog):
    """Cài đặt: the report header, set once (issuing body, unit, place, signer)."""

    def __init__(self, parent: QWidget | None, settings: ReportSettings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cài đặt báo cáo")
        self.issuing_body = QLineEdit(settings.issuing_body, self)
        self.unit_name = QLineEdit(settings.unit_name, self)
        self.place = QLineEdit(settings.place, self)
        self.signer_title = QPlainTextEdit(settings.signer_title, self)
        self.signer_title.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.signer_name = QLineEdit(settings.signer_name, self)
        self.report_number = QLineEdit(settings.report_number, self)
        self.report_number.setPlaceholderText("ví dụ 15-BC/CB (để trống: ghi tay sau khi in)")
        self.unit_name.setPlaceholderText("ví dụ CHI BỘ VĂN PHÒNG SỞ")
        self.issuing_body.setMinimumWidth(360)
        layout = QFormLayout(self)
        if not settings.complete:
            layout.addRow(
                QLabel(
                    "Hãy ghi tên chi bộ (và số báo cáo nếu đã có) để tiêu đề báo cáo "
                    "in ra dùng được ngay.",
                    self,
                )
            )
        layout.addRow("Cơ quan &cấp trên:", self.issuing_body)
        layout.addRow("Tên &đơn vị báo cáo:", self.unit_name)
        layout.addRow("&Số báo cáo:", self.report_number)
        layout.addRow("Địa &danh (ghi ngày tháng):", self.place)
        layout.addRow("Chức danh người &ký:", self.signer_title)
        layout.addRow("&Họ tên người ký:", self.signer_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def settings(self) -> ReportSettings:
        return ReportSettings(
            issuing_body=self.issuing_body.text().strip(),
            unit_name=self.unit_name.text().strip(),
            place=self.place.text().strip(),
            signer_title=self.signer_title.toPlainText().strip(),
            signer_name=self.signer_name.text().strip(),
            report_number=self.report_number.text().strip(),
        )


def add_report_actions(menu: QMenu, context: ReportContext) -> ReportActions:
    """Add the report entries to *menu* (the window's Tệp menu) and return them."""
    parent = context.parent

    def action(
        text: str, slot: Callable[[], object], shortcut: QKeySequence.StandardKey | None = None
    ) -> QAction:
        created = QAction(text, parent)
        if shortcut is not None:
            created.setShortcut(QKeySequence(shortcut))
        created.triggered.connect(slot)
        menu.addAction(created)
        return created

    menu.addSeparator()
    actions = ReportActions(
        export_csv=action("Xuất &CSV quý…", lambda: export_quarter(context, "csv")),
        export_xlsx=action("Xuất &Excel quý…", lambda: export_quarter(context, "xlsx")),
        print_report=action(
            "&In báo cáo quý…", lambda: print_quarter(context), QKeySequence.StandardKey.Print
        ),
        save_pdf=action("Lưu báo cáo quý thành &PDF…", lambda: save_quarter_pdf(context)),
        settings=action("Cài đặt &báo cáo…", lambda: edit_report_settings(context)),
    )
    menu.addSeparator()
    return actions


def _choose(
    context: ReportContext, title: str, printed: bool = False
) -> tuple[QuarterReport, ReportSettings] | None:
    """The quarter (and unit) to report; for a printed report, a header that names the cell.

    A report headed "CHI BỘ" alone cannot be handed in, so before the first print or PDF
    the header settings are asked for (once: afterwards they are saved with the data).
    """
    today = context.today()
    dialog = QuarterDialog(context.parent, context.database, today, title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    report = quarter_report(context.database, dialog.quarter, today, dialog.unit_id)
    settings = load_report_settings(context.database)
    if printed and not settings.complete:
        edited = edit_report_settings(context)
        if edited is None:
            return None
        settings = edited
    return report, settings


def _save_path(context: ReportContext, title: str, name: str, filters: str) -> Path | None:
    folder = start_folder(FolderKind.EXPORT)
    chosen, _filter = QFileDialog.getSaveFileName(
        context.parent, title, str(folder / name), filters
    )
    if not chosen:
        return None
    remember(FolderKind.EXPORT, Path(chosen))
    return Path(chosen)


def _check_target(context: ReportContext, path: Path, kind: OutputKind) -> None:
    """Never write over the database in use; the dialog already asked "replace?" (force)."""
    check_output_path(path, kind, database_path=context.database.path, force=True)


def _fail(context: ReportContext, error: Exception) -> None:
    QMessageBox.warning(context.parent, "Không thực hiện được", str(error))


def _done(context: ReportContext, message: str, path: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Đã xong", message, parent=context.parent)
    open_button = box.addButton("Mở tệp", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_quarter(context: ReportContext, fmt: str) -> Path | None:
    """Xuất CSV / Excel: choose the quarter, then the file; the delimiter follows Windows."""
    title = "Xuất Excel quý" if fmt == "xlsx" else "Xuất CSV quý"
    try:
        chosen = _choose(context, title)
        if chosen is None:
            return None
        report, _settings = chosen
        suffix = "xlsx" if fmt == "xlsx" else "csv"
        filters = "Sổ tính Excel (*.xlsx)" if fmt == "xlsx" else "Tệp CSV (*.csv)"
        path = _save_path(context, title, f"nhiem-vu-{report.quarter.iso}.{suffix}", filters)
        if path is None:
            return None
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(f"{path.name}.{suffix}")
        _check_target(context, path, OutputKind.XLSX if fmt == "xlsx" else OutputKind.CSV)
        if fmt == "xlsx":
            write_xlsx(path, report)
        else:
            write_csv(path, report.rows)
    except (ExportError, StorageError) as error:
        _fail(context, error)
        return None
    _done(context, f"Đã ghi {len(report.rows)} dòng của {report.quarter.label} vào\n{path}", path)
    return path


def save_quarter_pdf(context: ReportContext) -> Path | None:
    try:
        chosen = _choose(context, "Lưu báo cáo quý thành PDF", printed=True)
        if chosen is None:
            return None
        report, settings = chosen
        name = f"bao-cao-{report.quarter.iso}.pdf"
        path = _save_path(context, "Lưu báo cáo quý thành PDF", name, "Tệp PDF (*.pdf)")
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        _check_target(context, path, OutputKind.PDF)
        pages = write_pdf(path, report, settings)
    except (ExportError, StorageError) as error:
        _fail(context, error)
        return None
    _done(context, f"Đã ghi báo cáo {report.quarter.label} ({pages} trang) vào\n{path}", path)
    return path


def print_quarter(context: ReportContext) -> None:
    """In báo cáo quý: print preview; its Print button opens the system QPrintDialog.

    Without any printer installed the preview's Print button asks for a PDF file instead.
    """
    try:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    except ImportError:  # a Qt build without printing: the PDF is the way to paper
        QMessageBox.information(
            context.parent,
            "Không in trực tiếp được",
            "Bản Qt này không có chức năng in. Hãy lưu báo cáo thành PDF rồi in tệp PDF.",
        )
        save_quarter_pdf(context)
        return
    try:
        chosen = _choose(context, "In báo cáo quý", printed=True)
    except StorageError as error:
        _fail(context, error)
        return
    if chosen is None:
        return
    report, settings = chosen
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout())
    printer.setFullPage(True)  # the report places its own margins
    printer.setDocName(report_title(report))
    preview = QPrintPreviewDialog(printer, context.parent)
    preview.setWindowTitle(f"Xem trước — {report_title(report)}")
    preview.paintRequested.connect(lambda device: paint_report(report, settings, device))
    preview.exec()


def edit_report_settings(context: ReportContext) -> ReportSettings | None:
    """Cài đặt báo cáo: returns what was saved, or None when cancelled."""
    try:
        dialog = ReportSettingsDialog(context.parent, load_report_settings(context.database))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        settings = dialog.settings()
        database = context.database
        write_and_wait(lambda: save_report_settings(database, settings), context.parent)
    except StorageError as error:
        _fail(context, error)
        return None
    return settings
