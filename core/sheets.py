"""Cells of what people wrote, in every workbook and export: text stays text, never a formula.

A group named `=HYPERLINK(…)` or a reason `=1+2` must reach a spreadsheet as the words it is.
openpyxl turns a string starting with `=` into a formula and `#N/A` into an error cell, and
spreadsheet programs run CSV fields starting with `=`, `+`, `-`, `@`, tab or CR (OWASP, "CSV
injection"). Every writer builds its rows here: in a workbook each string is a text cell; in a
CSV a field that could start a formula gets a leading `'`, which `csv_unquote` takes off again on
reading. Numbers, dates and empty cells are left as they are.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program may read as the start of a formula (OWASP's list)."""


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """`value` ready for `sheet.append`: a string becomes a text cell.

    A cell made beforehand (with a font or number format) holding a string is made text too.
    Control characters a workbook cannot hold are dropped rather than failing the whole file.
    """
    if isinstance(value, Cell):
        if isinstance(value.value, str):
            value.data_type = "s"
        return value
    if not isinstance(value, str):
        return value
    text = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    text.data_type = "s"
    return text


def row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """A row for `sheet.append` with every string as a text cell."""
    return [cell(sheet, value) for value in values]


def csv_field(value: Any) -> Any:
    """A CSV field no spreadsheet program runs: text that could start a formula gets a `'`."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_unquote(text: str) -> str:
    """A CSV field as written before `csv_field` (a `'` before a formula start is taken off)."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text
