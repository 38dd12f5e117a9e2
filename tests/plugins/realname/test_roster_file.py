import csv
import time
import tracemalloc
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from plugins.realname import roster_file
from plugins.realname.roster import RosterEntry, diff_roster
from plugins.realname.roster_file import (
    RosterFileError,
    read_roster,
    read_roster_bytes,
    roster_bytes,
    write_roster,
)
from tests.bombs import MB, memory_ceiling, zip_bomb_xlsx

HEADER = ["單位", "姓名", "帳號", "狀態", "備註"]
GOOD = ["XX社區", "張三", 12345678, "在崗", ""]


def make_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def make_csv(path, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file).writerows(rows)
    return path


@pytest.fixture(params=["xlsx", "csv"])
def make(request, tmp_path):
    def build(rows):
        if request.param == "xlsx":
            return make_xlsx(tmp_path / "名冊.xlsx", rows)
        return make_csv(tmp_path / "名冊.csv", rows)

    return build


def test_reads_a_roster(make):
    rows = [
        ["姓名", "备注", "单位", "账号", "状态"],
        ["張三", "", " XX社區 ", 12345678, "在岗"],
        [None, None, None, None, None],
        ["李  四", "調往 街道", "ＸＸ社區", "２３４５６７８９", "调离"],
        ["王五", "", "YY村", 34567890.0, ""],
    ]
    assert read_roster(make(rows)) == [
        RosterEntry("XX社區", "張三", 12345678, "在崗"),
        RosterEntry("XX社區", "李 四", 23456789, "調離", "調往 街道"),
        RosterEntry("YY村", "王五", 34567890, "在崗"),
    ]


def test_status_and_note_columns_are_optional(make):
    assert read_roster(make([["單位", "姓名", "帳號"], ["XX社區", "張三", 12345]])) == [
        RosterEntry("XX社區", "張三", 12345, "在崗")
    ]


def test_header_only_is_an_empty_roster(make):
    assert read_roster(make([HEADER])) == []


BAD_ROWS = [
    (["", "張三", 12345678, "在崗", ""], "缺少單位"),
    (["XX社區", " ", 12345678, "在崗", ""], "缺少姓名"),
    (["XX社區", "張三", None, "在崗", ""], "缺少帳號"),
    (["XX社區", "張三", 1234, "在崗", ""], "帳號應為5至11位數字"),
    (["XX社區", "張三", "123456789012", "在崗", ""], "帳號應為5至11位數字"),
    (["XX社區", "張三", "01234567", "在崗", ""], "帳號應為5至11位數字"),
    (["XX社區", "張三", "張三", "在崗", ""], "帳號應為5至11位數字"),
    (["XX社區", "張三", 12345.5, "在崗", ""], "帳號應為5至11位數字"),
    (["XX社區", "張三", 12345678, "退休", ""], "狀態應為「在崗」或「調離」"),
    (["XX社區", "張三", 99999, "在崗", ""], "帳號與第2行重複"),
    (["XX社區", "張三", 12345679, "在崗", "110101199003071234"], "不收集身份證號或手機號"),
    (["XX社區", "11010119900307123X", 12345679, "在崗", ""], "不收集身份證號或手機號"),
    (["XX社區", "張三", 12345679, "在崗", "電話13812345678"], "不收集身份證號或手機號"),
    (["XX社區", "張三", 12345679, "在崗", "138 1234 5678"], "不收集身份證號或手機號"),
    (["XX社區", "張三", 12345679, "在崗", "１３８-１２３４-５６７８"], "不收集身份證號或手機號"),
    (["XX社區", "張三", 13812345678, "在崗", ""], "不收集身份證號或手機號"),
    (["XX社區", "張三", 12345679, "在崗", "", "多出來"], "F欄有資料，但該欄沒有標題"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_a_bad_row_refuses_the_whole_file_naming_the_row(make, row, reason):
    path = make([HEADER, ["XX社區", "李四", 99999, "在崗", ""], row, GOOD])
    with pytest.raises(RosterFileError) as raised:
        read_roster(path)
    assert (raised.value.row, raised.value.reason) == (3, reason)
    assert str(raised.value) == f"第3行：{reason}"


def test_the_first_bad_row_is_named(make):
    path = make([HEADER, GOOD, ["XX社區", "", 22222, "", ""], ["", "王五", 33333, "", ""]])
    with pytest.raises(RosterFileError) as raised:
        read_roster(path)
    assert (raised.value.row, raised.value.reason) == (3, "缺少姓名")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ([], "第一行應為標題：單位、姓名、帳號、狀態、備註"),
        (
            ["單位", "姓名", "帳號", "身份證號"],
            "不收「身份證號」欄：只收單位、姓名、帳號、狀態、備註",
        ),
        (["單位", "姓名", "帳號", "姓名"], "「姓名」欄出現兩次"),
        (["單位", "姓名", "備註"], "缺少「帳號」欄"),
        (["狀態", "備註"], "缺少「單位」「姓名」「帳號」欄"),
    ],
)
def test_bad_headers_name_row_one(make, header, reason):
    with pytest.raises(RosterFileError) as raised:
        read_roster(make([header, GOOD] if header else []))
    assert (raised.value.row, raised.value.reason) == (1, reason)


def test_an_untitled_empty_column_is_ignored(tmp_path):
    path = make_csv(
        tmp_path / "r.csv", [["單位", "", "姓名", "帳號"], ["XX社區", "", "張三", 12345]]
    )
    assert read_roster(path) == [RosterEntry("XX社區", "張三", 12345, "在崗")]


def test_csv_without_bom_and_in_gb18030(tmp_path):
    rows = [HEADER, GOOD]
    expected = [RosterEntry("XX社區", "張三", 12345678, "在崗")]
    assert read_roster(make_csv(tmp_path / "a.csv", rows, "utf-8")) == expected
    assert read_roster(make_csv(tmp_path / "b.csv", rows, "gb18030")) == expected


def test_undecodable_csv_names_the_row():
    data = "單位,姓名,帳號\n".encode() + b"XX,\xff\xfe\xff,12345\n"
    with pytest.raises(RosterFileError) as raised:
        read_roster_bytes(data, "r.csv")
    assert raised.value.row == 2
    assert "CSV UTF-8" in raised.value.reason


def test_broken_csv_names_the_row():
    data = ("單位,姓名,帳號\nXX,張三,12345\n" + '"' + "x" * 200_000 + '"\n').encode()
    with pytest.raises(RosterFileError) as raised:
        read_roster_bytes(data, "r.csv")
    assert raised.value.row == 3


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "r.xls", "只收 .xlsx 或 .csv 檔案"),
        (b"not a zip", "r.xlsx", "檔案無法讀取，請確認是有效的 .xlsx 檔案"),
    ],
)
def test_unreadable_files_are_refused_whole(data, name, reason):
    with pytest.raises(RosterFileError) as raised:
        read_roster_bytes(data, name)
    assert (raised.value.row, raised.value.reason, str(raised.value)) == (0, reason, reason)


def test_too_many_rows(make, monkeypatch):
    monkeypatch.setattr(roster_file, "MAX_ROWS", 2)
    rows = [HEADER] + [["XX社區", f"人{i}", 10000 + i, "", ""] for i in range(3)]
    with pytest.raises(RosterFileError) as raised:
        read_roster(make(rows))
    assert (raised.value.row, raised.value.reason) == (4, "名冊超過2行，請分單位導入")


def test_dates_are_read_as_text(tmp_path):
    path = make_xlsx(tmp_path / "r.xlsx", [HEADER, [*GOOD[:4], date(2024, 5, 1)]])
    assert read_roster(path)[0].note == "2024-05-01T00:00:00"


ENTRIES = [
    RosterEntry("XX社區", "張三", 12345678, "在崗"),
    RosterEntry("XX社區", "李四", 23456789, "調離", '含,逗號"引號'),
    RosterEntry("YY村", "=SUM(A1)", 34567890, "在崗", "+1 -1 @x"),
    RosterEntry("YY村", "阿依古麗·買買提", 99999999999, "在崗", "多 空格"),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_yields_the_same_entries(tmp_path, suffix):
    path = tmp_path / f"名冊{suffix}"
    write_roster(ENTRIES, path)
    assert read_roster(path) == ENTRIES
    again = read_roster(path)
    diff = diff_roster(ENTRIES, again)
    assert diff.unchanged == tuple(ENTRIES)
    assert not diff.has_changes


def test_importing_one_file_twice_changes_nothing(make):
    path = make([HEADER, GOOD, ["YY村", "王五", 34567890, "調離", "備註"]])
    first = read_roster(path)
    diff = diff_roster(first, read_roster(path))
    assert diff.added == diff.changed == diff.missing == ()
    assert diff.unchanged == tuple(first)


def test_exported_text_that_looks_like_a_formula_stays_text(tmp_path):
    entries = [
        RosterEntry("YY村", "=SUM(A1)", 34567890, "在崗", "+1 -1 @x"),
        RosterEntry("YY村", "@王五", 34567891, "在崗", "-調往 街道"),
    ]
    write_roster(entries, tmp_path / "名冊.xlsx")
    sheet = load_workbook(tmp_path / "名冊.xlsx")["名冊"]
    cells = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows(min_row=2)]
    assert cells == [
        [("YY村", "s"), ("=SUM(A1)", "s"), (34567890, "n"), ("在崗", "s"), ("+1 -1 @x", "s")],
        [("YY村", "s"), ("@王五", "s"), (34567891, "n"), ("在崗", "s"), ("-調往 街道", "s")],
    ]
    write_roster(entries, tmp_path / "名冊.csv")
    lines = (tmp_path / "名冊.csv").read_text("utf-8-sig").splitlines()
    assert lines[1:] == [
        "YY村,'=SUM(A1),34567890,在崗,'+1 -1 @x",
        "YY村,'@王五,34567891,在崗,'-調往 街道",
    ]
    assert read_roster(tmp_path / "名冊.csv") == entries


def test_csv_export_has_a_bom_and_traditional_headers():
    data = roster_bytes(ENTRIES[:1], ".CSV")
    assert data.startswith("\ufeff單位,姓名,帳號,狀態,備註\r\n".encode())


def test_export_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        write_roster(ENTRIES, tmp_path / "r.xls")


def patch_sheet(source_path, target_path, change):
    """Copy a workbook, passing its first sheet's XML through `change`."""
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)
    return target_path


def test_accounts_stored_as_floats_in_the_workbook(tmp_path):
    """Some spreadsheet programs store whole numbers as `3.456789E7`; openpyxl reads a float."""
    plain = make_xlsx(tmp_path / "plain.xlsx", [HEADER, ["YY村", "王五", 34567890, "", ""]])

    def as_float(data):
        assert b"<v>34567890</v>" in data
        return data.replace(b"<v>34567890</v>", b"<v>3.456789E7</v>")

    patched = patch_sheet(plain, tmp_path / "float.xlsx", as_float)
    assert read_roster(patched) == [RosterEntry("YY村", "王五", 34567890, "在崗")]


def test_a_damaged_sheet_refuses_the_file(tmp_path):
    plain = make_xlsx(tmp_path / "plain.xlsx", [HEADER, GOOD, ["YY村", "王五", 34567890, "", ""]])
    damaged = patch_sheet(plain, tmp_path / "damaged.xlsx", lambda data: data[: len(data) // 2])
    with pytest.raises(RosterFileError) as raised:
        read_roster(damaged)
    assert (raised.value.row, raised.value.reason) == (0, "檔案無法讀取，請確認是有效的 .xlsx 檔案")


def test_a_zip_bomb_is_refused_quickly_before_it_is_parsed(tmp_path):
    """Under 1 MB on disk, 285 MB of cells unpacked (one like it took 123 s and 1.2 GB)."""
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", 285)
    assert bomb.stat().st_size < MB
    tracemalloc.start()
    started = time.perf_counter()
    with memory_ceiling(64 * MB), pytest.raises(RosterFileError) as raised:
        read_roster(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    reason = "檔案解壓後超過64 MB，不像名冊，未讀取：請分單位導入"
    assert (raised.value.row, raised.value.reason) == (0, reason)
    assert elapsed < 0.2
    assert peak < 4 * MB


def test_a_member_packed_past_the_ratio_is_refused(tmp_path):
    bomb = zip_bomb_xlsx(tmp_path / "tight.xlsx", 8)  # under the size limit, packed ~1000 times
    with pytest.raises(RosterFileError) as raised:
        read_roster(bomb)
    assert (
        raised.value.reason
        == "檔案內容的壓縮比超過100倍，不像名冊，未讀取：請用試算表軟件另存後再導入"
    )


@pytest.mark.parametrize(
    ("members", "refused"),
    [
        ([(36 * MB, 2 * MB), (10_000, 1_500)], None),  # a full roster as openpyxl writes it
        ([(900_000, 100)], None),  # a small member may pack tightly
        ([(2 * MB, 20_000)], "壓縮比"),
        ([(2 * MB, 0)], "壓縮比"),
        ([(40 * MB, 4 * MB), (30 * MB, 3 * MB)], "解壓後超過64 MB"),
        ([(1, 1)] * 10, None),
    ],
)
def test_unpacking_refusal_weighs_sizes_and_ratios(members, refused):
    reason = roster_file.unpacking_refusal(members)
    if refused is None:
        assert reason is None
    else:
        assert reason is not None
        assert refused in reason


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "名冊.csv"
    with big.open("wb") as file:
        file.truncate(roster_file.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(RosterFileError) as raised:
        read_roster(big)
    assert raised.value.reason == "檔案超過20 MB，未讀取：請分單位導入"
    with pytest.raises(RosterFileError, match="檔案超過20 MB"):
        read_roster_bytes(b"," * (roster_file.MAX_FILE_BYTES + 1), "名冊.csv")
