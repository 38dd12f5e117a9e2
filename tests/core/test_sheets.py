"""core.sheets: text that looks like a formula is saved as text; numbers and dates stay as they are."""

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core import sheets

HOSTILE = [
    '=HYPERLINK("http://example.invalid","點我")',
    "=1+2",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "#N/A",
]


def _saved(tmp_path: Path, values: list[object]) -> list[tuple[object, str]]:
    """`values` written as one row through `sheets.row`, read back: (value, data_type) per cell."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    assert isinstance(sheet, WriteOnlyWorksheet)
    sheet.append(sheets.row(sheet, values))
    path = tmp_path / "s.xlsx"
    book.save(path)
    (row,) = load_workbook(path)["s"].iter_rows()
    return [(c.value, c.data_type) for c in row]


def test_text_that_looks_like_a_formula_is_saved_as_text(tmp_path: Path) -> None:
    assert _saved(tmp_path, list(HOSTILE)) == [(text, "s") for text in HOSTILE]


def test_without_the_helper_openpyxl_would_write_formulas(tmp_path: Path) -> None:
    """The hazard is real: the plain append makes a formula and an error cell."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    sheet.append(["=1+2", "#N/A"])
    book.save(tmp_path / "plain.xlsx")
    (row,) = load_workbook(tmp_path / "plain.xlsx")["s"].iter_rows()
    assert [c.data_type for c in row] == ["f", "e"]


def test_numbers_dates_and_empty_cells_keep_their_type(tmp_path: Path) -> None:
    when = datetime(2025, 3, 1, 9, 30)  # noqa: DTZ001 - a workbook holds naive local times
    saved = _saved(tmp_path, [3, -1.5, when, None, "12345678"])
    assert saved == [(3, "n"), (-1.5, "n"), (when, "d"), (None, "n"), ("12345678", "s")]


def test_a_styled_cell_holding_text_is_made_text_and_keeps_its_style(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    assert isinstance(sheet, WriteOnlyWorksheet)
    bold = WriteOnlyCell(sheet, "=1+2")
    bold.font = Font(bold=True)
    rate = WriteOnlyCell(sheet, 0.5)
    rate.number_format = "0.0%"
    sheet.append(sheets.row(sheet, [bold, rate]))
    book.save(tmp_path / "styled.xlsx")
    (row,) = load_workbook(tmp_path / "styled.xlsx")["s"].iter_rows()
    assert [(c.value, c.data_type) for c in row] == [("=1+2", "s"), (0.5, "n")]
    assert row[0].font.bold
    assert row[1].number_format == "0.0%"


def test_control_characters_a_workbook_cannot_hold_are_dropped(tmp_path: Path) -> None:
    assert _saved(tmp_path, ["群\x01名\x1f", "換\n行"]) == [("群名", "s"), ("換\n行", "s")]


@pytest.mark.parametrize("text", HOSTILE[:-1])
def test_a_csv_field_that_could_start_a_formula_gets_a_quote_and_loses_it_on_reading(
    text: str,
) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerow([sheets.csv_field(text), sheets.csv_field(7)])
    (fields,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert fields == ["'" + text, "7"]
    assert sheets.csv_unquote(fields[0]) == text


@pytest.mark.parametrize("text", ["張三", "#N/A", "'引號開頭", "'", "", "a=b"])
def test_other_csv_fields_are_left_alone(text: str) -> None:
    assert sheets.csv_field(text) == text
    assert sheets.csv_unquote(text) == text
