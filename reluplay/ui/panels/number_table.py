"""A read-only table for the numbers panels: exact values behind readable text, unit colours.

Each cell keeps its exact float (``VALUE_ROLE``) next to the text a class reads, so tests compare
the numbers themselves and the screen can round. A model/view table paints only the rows in
sight, so every parameter of a large network can be listed.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from reluplay.teach.explain import fmt
from reluplay.ui import palette

VALUE_ROLE = Qt.ItemDataRole.UserRole
MUTED_COLOUR = "#8A8A8A"


@dataclass(frozen=True)
class Cell:
    value: float | None = None
    text: str | None = None  # shown instead of the formatted value
    tooltip: str = ""

    @property
    def shown(self) -> str:
        return self.text if self.text is not None else ("" if self.value is None else fmt(self.value))


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    colour: str | None = None  # background of the first cell: the unit's colour
    muted: bool = False  # grey text: a unit that is off here, or dead
    bold: bool = False
    tooltip: str = ""


def row(*cells, colour: str | None = None, muted: bool = False, bold: bool = False, tooltip: str = "") -> Row:
    """A row from floats (values), strings (text) and Cells."""
    made = tuple(c if isinstance(c, Cell) else Cell(text=c) if isinstance(c, str) or c is None
                 else Cell(value=float(c)) for c in cells)
    return Row(made, colour, muted, bold, tooltip)


class NumberTableModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Row] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # --- filling -----------------------------------------------------------------------------
    def set_table(self, headers: list[str], rows: list[Row]) -> bool:
        """Replace the contents; returns True when the shape changed (columns may need resizing)."""
        reshaped = headers != self._headers or len(rows) != len(self._rows)
        if reshaped:
            self.beginResetModel()
            self._headers, self._rows = list(headers), list(rows)
            self.endResetModel()
        else:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(headers) - 1))
        return reshaped

    # --- reading (tests use these too) --------------------------------------------------------------
    @property
    def headers(self) -> list[str]:
        return list(self._headers)

    def value(self, r: int, c: int) -> float | None:
        return self._cell(r, c).value

    def text(self, r: int, c: int) -> str:
        return self._cell(r, c).shown

    def column_values(self, c: int) -> list[float | None]:
        return [self.value(r, c) for r in range(len(self._rows))]

    def row_texts(self, r: int) -> list[str]:
        return [self.text(r, c) for c in range(len(self._headers))]

    def find_row(self, first_text: str) -> int:
        """The row whose first cell reads ``first_text`` (-1 if none)."""
        return next((r for r in range(len(self._rows)) if self.text(r, 0) == first_text), -1)

    def row_style(self, r: int) -> Row:
        return self._rows[r]

    def _cell(self, r: int, c: int) -> Cell:
        cells = self._rows[r].cells
        return cells[c] if c < len(cells) else Cell()

    # --- QAbstractTableModel ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if section < len(self._headers) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        line = self._rows[r]
        cell = self._cell(r, c)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.shown
        if role == VALUE_ROLE:
            return cell.value
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or line.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if c == 0 or cell.value is None else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and c == 0 and line.colour:
            return QBrush(QColor(line.colour))
        if role == Qt.ItemDataRole.ForegroundRole:
            if c == 0 and line.colour:
                return QBrush(QColor("#FFFFFF"))
            if line.muted:
                return QBrush(QColor(MUTED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and (line.bold or (c == 0 and line.colour)):
            return self._bold
        return None


def table_view(model: NumberTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setFont(palette.font(palette.APP_POINT_SIZE))
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # Fit columns to the rows in sight only: measuring all 770 rows of a 256-unit network's
    # parameters took 70 ms, 10 times a second while training.
    header.setResizeContentsPrecision(0)
    header.setFont(palette.font(palette.APP_POINT_SIZE, bold=True))
    return view


def fill(view: QTableView, headers: list[str], rows: list[Row]) -> None:
    """Put rows into the view's model and fit the columns to them.

    A new shape fits every column; new numbers only widen a column that got too narrow, so
    columns do not jitter while training changes the digits.
    """
    model: NumberTableModel = view.model()
    reshaped = model.set_table(headers, rows)
    if reshaped:
        view.resizeColumnsToContents()
        return
    header = view.horizontalHeader()
    for column in range(len(headers) - 1):  # the last column stretches anyway
        need = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        if need > view.columnWidth(column):
            view.setColumnWidth(column, need)
