"""Roster spreadsheets: read and write `.xlsx` and `.csv`.

The first row holds the headers 單位, 姓名, 帳號, 狀態, 備註 in any order (Simplified 单位 姓名
帐号/账号 状态 备注 too). 單位, 姓名 and 帳號 are required columns; 狀態 and 備註 may be left
out, and an empty 狀態 means 在崗. Any other header is refused, so a column of ID numbers cannot
slip in. Blank rows are skipped. CSV is read as UTF-8 with or without BOM; a file that is not
valid UTF-8 but is valid GB18030 (what Excel on Chinese Windows saves as plain "CSV") is read as
that. Only the first sheet of a workbook is read, and formulas count by their last computed value.

A file is refused before it is parsed when it is larger than `MAX_FILE_BYTES`, or, for a
workbook (a zip archive), when its members would unpack past `MAX_UNPACKED_BYTES` or one of them
is packed more than `MAX_RATIO` times (a zip bomb): the sizes are read from the archive's
directory, and zipfile never unpacks a member past the size the directory gives.

The file is taken whole or not at all: the first bad row raises `RosterFileError` with the
spreadsheet row number (header = row 1; row 0 = the file as a whole). A row is bad when it lacks
unit, name or account, when the account is not a QQ number (5 to 11 digits, no leading zero), when
the status is neither 在崗 nor 調離 (在岗/调离 accepted), when it repeats an earlier row's account,
or when any of its cells looks like an ID number (18 characters, digits with an optional final X)
or a mainland mobile number (11 digits `1[3-9]…`, spaces or dashes allowed between digits), or
when a cell is longer than storage keeps (unit and name 64 characters, note 200). A caller may also
pass `units`, which maps each row's unit to the name to store or raises `UnitRefused` (an unknown
unit, a unit outside the one being imported): the row is then refused with that reason.

Text cells are stored NFKC-folded with whitespace runs collapsed, so writing entries read from a
file and reading them back yields equal entries. Written text is never a formula (`core.sheets`):
a text cell in a workbook; in a CSV a field starting with `=`, `+`, `-`, `@` gets a leading `'`,
which reading takes off again.
"""

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Literal
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile, ZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core import sheets
from core.script import to_simplified
from plugins.realname import texts
from plugins.realname.normal import fold
from plugins.realname.roster import RosterEntry, Status

Column = Literal["unit", "name", "account", "status", "note"]

MAX_ROWS = 100_000
"""Data rows accepted in one file; the street's whole roster is about half of it."""
MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB
"""A file of MAX_ROWS rows is about 2 MB as .xlsx, 4 MB as .csv."""
MAX_UNPACKED_BYTES = 64 * MB
"""All members of a workbook, unpacked; MAX_ROWS rows unpack to about 25 to 40 MB."""
MAX_RATIO = 100
"""Unpacked over packed size of one member (past 1 MB); a roster's sheet packs about 15 times."""

_HEADERS: dict[str, Column] = {
    "单位": "unit",
    "姓名": "name",
    "帐号": "account",
    "账号": "account",
    "状态": "status",
    "备注": "note",
}
_COLUMNS: tuple[Column, ...] = ("unit", "name", "account", "status", "note")
_LABEL: dict[Column, str] = dict(zip(_COLUMNS, texts.ROSTER_COLUMNS, strict=True))
_REQUIRED: tuple[tuple[Column, str], ...] = tuple((c, _LABEL[c]) for c in _COLUMNS[:3])
_STATUSES: dict[str, Status] = {"在岗": "在崗", "调离": "調離"}
_ACCOUNT = re.compile(r"([1-9][0-9]{4,10})(?:\.0+)?")  # "12345.0": a number saved as text
_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])")
_ID_NUMBER = re.compile(r"(?<![0-9Xx])[0-9]{17}[0-9Xx](?![0-9Xx])")
_MAX_LENGTH: dict[Column, int] = {"unit": 64, "name": 64, "note": 200}


class UnitRefused(ValueError):
    """Raised by a `units` check: the message is the reason the row is refused."""


UnitCheck = Callable[[str], str]
"""Maps a row's unit as written to the name to store, or raises UnitRefused."""


class RosterFileError(Exception):
    """A refused roster file: `row` is the spreadsheet row (1 = header, 0 = the whole file)."""

    def __init__(self, row: int, reason: str) -> None:
        super().__init__(texts.roster_error(row, reason))
        self.row = row
        self.reason = reason


def read_roster(path: str | os.PathLike[str], units: UnitCheck | None = None) -> list[RosterEntry]:
    """Entries of the roster file at `path` (`.xlsx` or `.csv`), or RosterFileError."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise RosterFileError(0, texts.file_too_large(MAX_FILE_BYTES // MB))
        data = file.read_bytes()
    except OSError as error:
        raise RosterFileError(0, texts.file_unopened(error.strerror or str(error))) from error
    return read_roster_bytes(data, file.name, units)


def read_roster_bytes(
    data: bytes, filename: str, units: UnitCheck | None = None
) -> list[RosterEntry]:
    """Entries of an uploaded roster file; `filename` gives the format by its suffix."""
    suffix = Path(filename).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise RosterFileError(0, texts.file_too_large(MAX_FILE_BYTES // MB))
    if suffix == ".xlsx":
        refused = unpacking_refusal(_members(data))
        if refused is not None:
            raise RosterFileError(0, refused)
        return _parse_rows(_xlsx_rows(data), units)
    if suffix == ".csv":
        return _parse_rows(_csv_rows(data), units)
    raise RosterFileError(0, texts.FILE_UNSUPPORTED)


def write_roster(entries: Iterable[RosterEntry], path: str | os.PathLike[str]) -> None:
    """Write `entries` to `path`, `.xlsx` or `.csv` by its suffix (CSV in UTF-8 with BOM)."""
    file = Path(path)
    file.write_bytes(roster_bytes(entries, file.suffix))


def roster_bytes(entries: Iterable[RosterEntry], suffix: str) -> bytes:
    """The file `write_roster` would write, as bytes (for sending as an upload)."""
    rows: list[list[str | int]] = [
        [entry.unit, entry.name, entry.account, entry.status, entry.note] for entry in entries
    ]
    if suffix.lower() == ".xlsx":
        return _xlsx_bytes(rows)
    if suffix.lower() == ".csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(texts.ROSTER_COLUMNS)
        writer.writerows([sheets.csv_field(value) for value in row] for row in rows)
        return text.getvalue().encode("utf-8-sig")
    raise ValueError(f"roster files are .xlsx or .csv, not {suffix!r}")


def _xlsx_bytes(rows: list[list[str | int]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名冊")
    sheet.append(sheets.row(sheet, texts.ROSTER_COLUMNS))
    for row in rows:
        sheet.append(sheets.row(sheet, (value if value != "" else None for value in row)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def unpacking_refusal(members: Iterable[tuple[int, int]]) -> str | None:
    """Why a workbook whose members have these (unpacked, packed) sizes is not read, or None."""
    total = 0
    for unpacked, packed in members:
        total += unpacked
        if total > MAX_UNPACKED_BYTES:
            return texts.file_unpacks_too_large(MAX_UNPACKED_BYTES // MB)
        if unpacked > MB and unpacked > packed * MAX_RATIO:
            return texts.file_packed_too_tightly(MAX_RATIO)
    return None


def _members(data: bytes) -> list[tuple[int, int]]:
    """The (unpacked, packed) size of each member, from the zip's directory alone."""
    try:
        with ZipFile(io.BytesIO(data)) as archive:
            return [(info.file_size, info.compress_size) for info in archive.infolist()]
    except (BadZipFile, OSError, ValueError) as error:
        raise RosterFileError(0, texts.FILE_UNREADABLE) from error


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise RosterFileError(0, texts.FILE_UNREADABLE) from error
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    except ParseError as error:  # the sheet's XML is cut short or damaged
        raise RosterFileError(0, texts.FILE_UNREADABLE) from error
    finally:
        book.close()


def _csv_rows(data: bytes) -> Iterator[Sequence[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise RosterFileError(
                data[: error.start].count(b"\n") + 1, texts.FILE_NOT_TEXT
            ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield [sheets.csv_unquote(field) for field in row]
    except csv.Error as error:
        raise RosterFileError(reader.line_num, texts.FILE_BAD_CSV) from error


def _parse_rows(rows: Iterable[Sequence[object]], units: UnitCheck | None) -> list[RosterEntry]:
    lines = iter(rows)
    header = next(lines, None)
    columns = _read_header([_text(value) for value in header or ()])
    entries: list[RosterEntry] = []
    first_row_of: dict[int, int] = {}
    for row, values in enumerate(lines, start=2):
        if row > MAX_ROWS + 1:
            raise RosterFileError(row, texts.file_too_many_rows(MAX_ROWS))
        cells = [_text(value) for value in values]
        if any(cells):
            entry = _read_row(row, cells, columns)
            if units is not None:
                try:
                    entry = replace(entry, unit=units(entry.unit))
                except UnitRefused as refused:
                    raise RosterFileError(row, str(refused)) from refused
            if entry.account in first_row_of:
                reason = texts.row_duplicate_account(first_row_of[entry.account])
                raise RosterFileError(row, reason)
            first_row_of[entry.account] = row
            entries.append(entry)
    return entries


def _read_header(cells: list[str]) -> list[Column | None]:
    if not any(cells):
        raise RosterFileError(1, texts.FILE_NO_HEADER)
    columns: list[Column | None] = []
    for cell in cells:
        if not cell:
            columns.append(None)
            continue
        column = _HEADERS.get(to_simplified("".join(cell.split())))
        if column is None:
            raise RosterFileError(1, texts.header_unknown(cell))
        if column in columns:
            raise RosterFileError(1, texts.header_duplicate(cell))
        columns.append(column)
    missing = [label for column, label in _REQUIRED if column not in columns]
    if missing:
        raise RosterFileError(1, texts.header_missing(missing))
    return columns


def _read_row(row: int, cells: list[str], columns: list[Column | None]) -> RosterEntry:
    if any(_PHONE.search(cell) or _ID_NUMBER.search(cell) for cell in cells):
        raise RosterFileError(row, texts.NO_PERSONAL_DATA)
    values: dict[Column, str] = {}
    for index, cell in enumerate(cells):
        column = columns[index] if index < len(columns) else None
        if column is not None:
            values[column] = cell
        elif cell:
            raise RosterFileError(row, texts.row_untitled_column(get_column_letter(index + 1)))
    unit, name, account = values.get("unit", ""), values.get("name", ""), values.get("account", "")
    for value, reason in (
        (unit, texts.ROW_MISSING_UNIT),
        (name, texts.ROW_MISSING_NAME),
        (account, texts.ROW_MISSING_ACCOUNT),
    ):
        if not value:
            raise RosterFileError(row, reason)
    for column, limit in _MAX_LENGTH.items():
        if len(values.get(column, "")) > limit:
            raise RosterFileError(row, texts.row_too_long(_LABEL[column], limit))
    digits = _ACCOUNT.fullmatch(account)
    if digits is None:
        raise RosterFileError(row, texts.ROW_BAD_ACCOUNT)
    status = _read_status(values.get("status", ""))
    if status is None:
        raise RosterFileError(row, texts.ROW_BAD_STATUS)
    return RosterEntry(unit, name, int(digits.group(1)), status, values.get("note", ""))


def _read_status(cell: str) -> Status | None:
    if not cell:
        return "在崗"
    return _STATUSES.get(to_simplified("".join(cell.split())))


def _text(value: object) -> str:
    """A cell as folded text: numbers without a trailing `.0`, whitespace runs collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):  # datetime too
        value = value.isoformat()
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in str(value))
    return " ".join(fold(text).split())
