"""Vietnamese for Qt's own words: buttons, the text-field menu, file and print dialogs.

Qt ships no ``qtbase_vi.qm`` (PySide6's ``Qt/translations`` has none), so standard dialog
buttons, the print preview's tool tips and Qt's own file dialog would read English to a
user who reads only Vietnamese. :func:`install` loads Qt's catalogue should a later Qt
ship one, and this small translator covers the strings a user of this app can meet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_WORDS = {
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Cancel": "Hủy",
    "&Cancel": "Hủy",
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
    "Discard": "Không lưu",
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
    # QFileDialog (Qt's own, where the system has no native one)
    "Look in:": "Tìm trong:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Loại tệp:",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "List View": "Xem dạng danh sách",
    "Detail View": "Xem chi tiết",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "&Choose": "&Chọn",
    "Recent Places": "Nơi mở gần đây",
    "My Computer": "Máy tính",
    "Computer": "Máy tính",
    "All Files (*)": "Mọi tệp (*)",
    "Directory:": "Thư mục:",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nThay tệp đó bằng tệp mới?",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xoá",
    "Show &hidden files": "Hiện tệp ẩn",
    # QPrintPreviewDialog / QPrintDialog
    "Print Preview": "Xem trước khi in",
    "Print": "In",
    "&Print": "&In",
    "Page setup": "Thiết lập trang",
    "Page Setup": "Thiết lập trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Portrait": "Trang dọc",
    "Landscape": "Trang ngang",
    "First page": "Trang đầu",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    "Last page": "Trang cuối",
    "Show single page": "Xem từng trang",
    "Show facing pages": "Xem hai trang đối diện",
    "Show overview of all pages": "Xem tổng quan mọi trang",
    "Printer": "Máy in",
    "&Name:": "&Tên:",
    "P&roperties": "Th&uộc tính",
    "Location:": "Vị trí:",
    "Output &file:": "Tệp &xuất:",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Các trang từ",
    "to": "đến",
    "Current Page": "Trang hiện tại",
    "Selection": "Vùng chọn",
    "Copies": "Số bản",
    "Copies:": "Số bản:",
    "Collate": "Sắp theo bộ",
    "Reverse": "In ngược",
    "Options": "Tuỳ chọn",
    "&Options >>": "&Tuỳ chọn >>",
    "&Options <<": "&Tuỳ chọn <<",
    "Print to File (PDF)": "In ra tệp (PDF)",
    "Local file": "Tệp trên máy",
    "Write PDF file": "Ghi tệp PDF",
    "Paper": "Giấy",
    "Page size:": "Khổ giấy:",
    "Orientation": "Hướng giấy",
    "Margins": "Lề",
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


def qt_catalogue(app: QCoreApplication) -> QTranslator | None:
    """Qt's own Vietnamese catalogue (``qtbase_vi``) when this Qt ships it, else ``None``."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load("qtbase_vi", folder) else None


def install(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's catalogue if there is one, then ours (asked first: installed last)."""
    installed = []
    catalogue = qt_catalogue(app)
    if catalogue is not None:
        app.installTranslator(catalogue)
        installed.append(catalogue)
    ours = VietnameseTranslator(app)
    app.installTranslator(ours)
    installed.append(ours)
    return installed
