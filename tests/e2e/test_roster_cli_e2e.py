"""`manage.py roster import|export` as a subprocess on real .xlsx and .csv files."""

import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.bombs import MB, zip_bomb_xlsx
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e

HEADER = ["單位", "姓名", "帳號", "狀態", "備註"]
PEOPLE_SQL = "SELECT unit, name, account, status, note FROM roster_person ORDER BY account"


def _xlsx(path: Path, *rows: list[object]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (HEADER, *rows):
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def migrated(tmp_path: Path) -> BotProcess:
    process = BotProcess(tmp_path)
    assert process.manage("migrate").returncode == 0
    return process


def test_a_roster_with_a_broken_row_names_the_row_and_imports_nothing(
    migrated: BotProcess, tmp_path: Path
) -> None:
    broken = _xlsx(
        tmp_path / "broken.xlsx",
        ["XX社區", "張三", 12345678, "在崗", None],
        ["XX社區", "李四", 23456789, "調離", "調往街道"],
        ["XX社區", None, 34567890, "在崗", None],
    )
    refused = migrated.manage("roster", "import", str(broken))
    assert refused.returncode == 1
    assert "第4行：缺少姓名" in refused.stderr
    assert "沒有任何改動" in refused.stderr
    assert migrated.query("SELECT count(*) FROM roster_person") == [(0,)]

    unknown = _xlsx(
        tmp_path / "unknown.xlsx",
        ["XX社區", "張三", 12345678, "在崗", None],
        ["火星辦", "李四", 23456789, "在崗", None],
    )
    refused = migrated.manage("roster", "import", str(unknown))
    assert refused.returncode == 1
    assert "第3行：單位「火星辦」不在組織檔案中" in refused.stderr
    assert migrated.query("SELECT count(*) FROM roster_person") == [(0,)]

    personal = tmp_path / "personal.csv"
    personal.write_text(
        "單位,姓名,帳號,狀態,備註\nXX社區,張三,12345678,在崗,手機13812345678\n", "utf-8"
    )
    refused = migrated.manage("roster", "import", str(personal))
    assert refused.returncode == 1
    assert "第2行：不收集身份證號或手機號" in refused.stderr
    assert migrated.query("SELECT count(*) FROM roster_person") == [(0,)]


def test_import_twice_changes_nothing_and_an_export_reimports_to_the_same_state(
    migrated: BotProcess, tmp_path: Path
) -> None:
    good = _xlsx(
        tmp_path / "good.xlsx",
        ["XX社区", "張三", 12345678, "在岗", None],
        ["XX社區", "李四", 23456789, "調離", "調往街道"],
        ["XX村", "王五", 34567890, None, None],
    )
    first = migrated.manage("roster", "import", str(good))
    assert first.returncode == 0, first.stderr
    assert "新增 3 人" in first.stdout
    state = migrated.query(PEOPLE_SQL)
    assert state == [
        ("XX社區", "張三", 12345678, "在崗", ""),
        ("XX社區", "李四", 23456789, "調離", "調往街道"),
        ("XX村", "王五", 34567890, "在崗", ""),
    ]
    second = migrated.manage("roster", "import", str(good))
    assert second.returncode == 0
    assert "名冊沒有變化" in second.stdout
    assert migrated.query(PEOPLE_SQL) == state
    assert migrated.query("SELECT count(*) FROM roster_import") == [(1,)]

    for name in ("export.xlsx", "export.csv"):
        exported = migrated.manage("roster", "export", str(tmp_path / name))
        assert exported.returncode == 0, exported.stderr
        assert "3 人" in exported.stdout
        again = migrated.manage("roster", "import", str(tmp_path / name))
        assert "名冊沒有變化" in again.stdout
        assert migrated.query(PEOPLE_SQL) == state


def test_a_zip_bomb_is_refused_in_one_line_before_it_is_read(
    migrated: BotProcess, tmp_path: Path
) -> None:
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", 285)
    assert bomb.stat().st_size < MB
    started = time.monotonic()
    refused = migrated.manage("roster", "import", str(bomb))
    assert time.monotonic() - started < 15  # the process's start-up; reading it took 123 s
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "名冊未導入，沒有任何改動。檔案解壓後超過64 MB，不像名冊，未讀取：請分單位導入"
    ]
    assert migrated.query("SELECT count(*) FROM roster_person") == [(0,)]
