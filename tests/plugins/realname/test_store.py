"""Roster storage and the manage.py import/export layer, against the test database."""

from pathlib import Path

import pytest

from core import runtime
from models.realname import RosterImport, RosterPerson, RosterStatus
from plugins.realname import store
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_admin import (
    export_file,
    import_bytes,
    import_file,
    plan_file,
    unit_check,
)
from plugins.realname.roster_file import RosterFileError, UnitRefused, read_roster, write_roster

from .people import LI, ZHANG

HEADER = "單位,姓名,帳號,狀態,備註\n"


def _csv(tmp_path: Path, *rows: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{r}\n" for r in rows), "utf-8")
    return path


async def _people() -> list[tuple[str, str, int, str, str]]:
    rows = await RosterPerson.all().order_by("account")
    return [(p.unit, p.name, p.account, p.status.value, p.note) for p in rows]


async def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    path = _csv(tmp_path, "XX社区,張三,12345678,在岗,", "XX村,王五,34567890,,駐村")
    first = await import_file(path, runtime.org())
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    before = await _people()
    # The unit is stored as the organisation file spells it.
    assert before == [
        ("XX社區", "張三", 12345678, "在崗", ""),
        ("XX村", "王五", 34567890, "在崗", "駐村"),
    ]
    again = await import_file(path, runtime.org())
    assert (again.has_changes, again.unchanged) == (False, 2)
    assert await _people() == before
    assert await RosterImport.all().count() == 1  # only the import that changed something


async def test_a_bad_row_or_unknown_unit_is_named_and_nothing_imported(tmp_path: Path) -> None:
    bad = _csv(tmp_path, "XX社區,張三,12345678,在崗,", "XX社區,,23456789,在崗,")
    with pytest.raises(RosterFileError) as refused:
        await import_file(bad, runtime.org())
    assert (refused.value.row, str(refused.value)) == (3, "第3行：缺少姓名")
    unknown = _csv(tmp_path, "XX社區,張三,12345678,在崗,", "火星辦,李四,23456789,在崗,")
    with pytest.raises(RosterFileError) as refused:
        await import_file(unknown, runtime.org())
    assert refused.value.row == 3
    assert "火星辦" in str(refused.value)
    assert await RosterPerson.all().count() == 0


async def test_a_whole_unit_import_marks_the_people_it_leaves_out_departed(
    tmp_path: Path,
) -> None:
    await store.import_roster([ZHANG, RosterEntry("XX村", "王五", 34567890, "在崗")], "street.csv")
    only_unit = _csv(tmp_path, "XX社區,李四,23456789,在崗,")
    result = await import_file(only_unit, runtime.org(), "XX社区")
    assert (result.added, result.departed) == (1, 1)
    assert {p.account: p.status for p in await RosterPerson.all()} == {
        ZHANG.account: RosterStatus.DEPARTED,
        LI.account: RosterStatus.ACTIVE,
        34567890: RosterStatus.ACTIVE,  # another unit: untouched
    }
    other = _csv(tmp_path, "XX村,王五,34567890,在崗,", name="other.csv")
    with pytest.raises(RosterFileError, match="第2行"):
        await import_file(other, runtime.org(), "XX社區")
    with pytest.raises(RosterFileError, match="火星辦"):
        await import_file(other, runtime.org(), "火星辦")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
async def test_an_export_reimports_to_the_same_state(tmp_path: Path, suffix: str) -> None:
    await store.import_roster([ZHANG, LI], "test.csv")
    await store.import_roster([RosterEntry("XX社區", "李四", LI.account, "在崗", "回來了")], "t")
    before = await _people()
    path = tmp_path / f"out{suffix}"
    assert await export_file(path, runtime.org()) == 2
    result = await import_file(path, runtime.org())
    assert (result.has_changes, result.unchanged) == (False, 2)
    assert await _people() == before


async def test_export_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(RosterFileError):
        await export_file(tmp_path / "out.txt", runtime.org())


async def test_the_roster_index_follows_imports() -> None:
    assert len(await store.roster_index()) == 0
    await store.import_roster([ZHANG], "a.csv")
    index = await store.roster_index()
    assert index.by_account(ZHANG.account) == ZHANG
    assert await store.roster_index() is index  # nothing changed: the same index
    await store.import_roster([ZHANG, LI], "b.csv")
    assert (await store.roster_index()).by_account(LI.account) == LI


def test_unit_check() -> None:
    check = unit_check(runtime.org())
    assert check("XX社区") == "XX社區"
    with pytest.raises(UnitRefused, match="火星辦"):
        check("火星辦")
    with pytest.raises(UnitRefused, match="XX社區"):
        unit_check(runtime.org(), "XX社區")("XX村")


def test_long_cells_are_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    write_roster([ZHANG, RosterEntry("XX社區", "李四", LI.account, "在崗", "備" * 201)], path)
    with pytest.raises(RosterFileError) as refused:
        read_roster(path)
    assert refused.value.row == 3
    assert "備註" in str(refused.value)


async def test_a_dry_run_shows_who_is_added_changed_and_departed_and_writes_nothing() -> None:
    await store.import_roster([ZHANG, RosterEntry("XX社區", "王五", 34567890, "在崗")], "a.csv")
    upload = (HEADER + "XX社區,張三,12345678,在崗,社工\nXX社區,李四,23456789,在崗,\n").encode()
    plan = await plan_file(upload, "roster.csv", runtime.org(), "XX社區")
    assert [e.name for e in plan.diff.added] == ["李四"]
    assert [(c.old.note, c.new.note) for c in plan.diff.changed] == [("", "社工")]
    assert [e.name for e in plan.leaving] == ["王五"]
    assert (plan.result.added, plan.result.changed, plan.result.departed) == (1, 1, 1)
    assert await RosterImport.all().count() == 1  # the dry run wrote nothing
    result = await import_bytes(upload, "roster.csv", runtime.org(), "XX社區")
    assert result == plan.result


async def test_a_dry_run_of_a_broken_upload_names_the_row() -> None:
    broken = (HEADER + "XX社區,張三,12345678,在崗,\nXX社區,,23456789,在崗,\n").encode()
    with pytest.raises(RosterFileError) as refused:
        await plan_file(broken, "roster.csv", runtime.org())
    assert str(refused.value) == "第3行：缺少姓名"
