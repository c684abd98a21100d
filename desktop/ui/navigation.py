"""The navigation pane: the views, by unit, by document, by quarter, without a deadline.

Tất cả · Quá hạn · Sắp đến hạn · Theo đơn vị · Theo văn bản · Theo quý (under each year,
today's year open) · Không thời hạn.

Each entry carries a :class:`NavTarget`; choosing one tells the window which filter to show.
The counts come from one call to :func:`~desktop.services.queries.navigation_counts`, made
on a worker thread (about 110 ms at 100,000 tasks) at start and after every change; the
tree is rebuilt when they arrive, keeping the user's selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from desktop.domain.quarters import Quarter
from desktop.services.changes import Change
from desktop.services.queries import Flag, NavigationCounts, View, navigation_counts
from desktop.ui.background import BackgroundQuery
from desktop.ui.errors import show_error
from desktop.ui.formatting import flag_icon
from desktop.ui.signals import AppContext

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class NavTarget:
    """What one navigation entry selects; a heading ("Theo đơn vị") selects nothing."""

    view: View = View.ALL
    unit_id: int | None = None
    quarter: Quarter | None = None
    document_id: int | None = None


ALL = NavTarget()
OVERDUE = NavTarget(view=View.OVERDUE)
DUE_SOON = NavTarget(view=View.DUE_SOON)
NO_DEADLINE = NavTarget(view=View.NO_DEADLINE)


class NavigationPane(QTreeWidget):
    """A tree of filters with their counts."""

    target_selected = Signal(object)
    counts_updated = Signal(object)
    """Emitted on the GUI thread once new counts are shown."""

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._current = ALL
        self.counts: NavigationCounts | None = None
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        # Long unit names lose their middle, never the count at the end.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setAccessibleName("Danh mục nhiệm vụ")
        self.itemSelectionChanged.connect(self._on_selection)
        self._query = BackgroundQuery(self)
        self._query.finished.connect(self._show_counts)
        self._query.failed.connect(lambda error: show_error(self.window(), error))
        context.signals.changed.connect(self._on_changed)
        self.refresh()

    @property
    def loading(self) -> bool:
        """Whether counts are being computed (the ones shown are the previous ones)."""
        return self._query.busy

    def shutdown(self) -> None:
        """Ignore the answer of any query in flight (the window is closing)."""
        self._query.cancel()

    @property
    def current_target(self) -> NavTarget:
        return self._current

    def select_target(self, target: NavTarget) -> None:
        """Select *target*'s entry (emitting :attr:`target_selected`) if it exists."""
        item = self._find(target)
        if item is not None:
            self.setCurrentItem(item)
            item.setSelected(True)

    def refresh(self) -> None:
        """Recount on a worker; :attr:`counts_updated` follows when the tree shows them."""
        database, today = self._context.database, self._context.today
        self._query.submit(lambda: navigation_counts(database, today))

    def _show_counts(self, counts: NavigationCounts) -> None:
        self.counts = counts
        self.blockSignals(True)
        try:
            self.clear()
            self._add(None, f"Tất cả ({counts.total})", ALL)
            overdue = self._add(None, f"Quá hạn ({counts.overdue})", OVERDUE)
            overdue.setIcon(0, flag_icon(Flag.OVERDUE))
            soon = self._add(None, f"Sắp đến hạn ({counts.due_soon})", DUE_SOON)
            soon.setIcon(0, flag_icon(Flag.DUE_SOON))
            units = self._add(None, "Theo đơn vị", None)
            for unit_id, name, count in counts.units:
                self._add(units, f"{name} ({count})", NavTarget(unit_id=unit_id))
            documents = self._add(None, "Theo văn bản", None)
            for document_id, label, count in counts.documents:
                self._add(documents, f"{label} ({count})", NavTarget(document_id=document_id))
            quarters = self._add(None, "Theo quý", None)
            self._add_quarters(quarters, counts)
            self._add(None, f"Không thời hạn ({counts.no_deadline})", NO_DEADLINE)
            quarters.setExpanded(True)
            units.setExpanded(True)
            documents.setExpanded(True)
            item = self._find(self._current) or self._find(ALL)
            if item is not None:
                self.setCurrentItem(item)
                item.setSelected(True)
        finally:
            self.blockSignals(False)
        previous = self._current
        chosen = self._target_of(self.currentItem())
        self._current = chosen or ALL
        self.counts_updated.emit(counts)
        if self._current != previous:
            # The unit or quarter the user was looking at no longer exists.
            self.target_selected.emit(self._current)

    def _add_quarters(self, parent: QTreeWidgetItem, counts: NavigationCounts) -> None:
        """Quarters under their year ("Năm 2021"), today's year (and the chosen one's) open.

        A programme running to 2032 made a flat list of 41 quarters.
        """
        years: dict[int, QTreeWidgetItem] = {}
        today_year = self._context.today.year
        open_year = self._current.quarter.year if self._current.quarter else today_year
        for quarter, count in counts.quarters:
            year = years.get(quarter.year)
            if year is None:
                year = self._add(parent, f"Năm {quarter.year}", None)
                years[quarter.year] = year
            self._add(year, f"{quarter.label} ({count})", NavTarget(quarter=quarter))
        for number, item in years.items():
            item.setExpanded(number in (open_year, today_year))

    def _add(
        self, parent: QTreeWidgetItem | None, text: str, target: NavTarget | None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setToolTip(0, text)
        if target is None:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        else:
            item.setData(0, TARGET_ROLE, target)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _find(self, target: NavTarget) -> QTreeWidgetItem | None:
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            if self._target_of(item) == target:
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    @staticmethod
    def _target_of(item: QTreeWidgetItem | None) -> NavTarget | None:
        if item is None:
            return None
        value = item.data(0, TARGET_ROLE)
        return value if isinstance(value, NavTarget) else None

    def _on_selection(self) -> None:
        items = self.selectedItems()
        target = self._target_of(items[0]) if items else None
        if target is not None and target != self._current:
            self._current = target
            self.target_selected.emit(target)

    def _on_changed(self, change: Change) -> None:
        if change.any:
            self.refresh()
