"""Roster import and export for the management command line (`manage.py roster …`).

An import checks every row's unit against the organisation file (either script; stored as the
file spells it) and takes the file whole or not at all. With `--unit U` the file must hold only
U's people and is U's whole roster: U's people it leaves out are marked 調離 (never deleted).
Without it, people the file leaves out are left alone (a file may cover part of the street).
"""

from pathlib import Path

from core.org import Org
from plugins.realname import store, texts
from plugins.realname.roster_file import (
    RosterFileError,
    UnitCheck,
    UnitRefused,
    read_roster,
    read_roster_bytes,
    write_roster,
)
from plugins.realname.store import ImportResult


def unit_check(org: Org, only: str | None = None) -> UnitCheck:
    """Each row's unit as the organisation file spells it; refused when unknown or not `only`."""
    known = [u.name for u in org.units]

    def check(unit: str) -> str:
        found = org.unit(unit)
        if found is None:
            raise UnitRefused(texts.row_unknown_unit(unit, known))
        if only is not None and found.name != only:
            raise UnitRefused(texts.row_other_unit(unit, only))
        return found.name

    return check


def _known_unit(org: Org, unit: str | None) -> str | None:
    """The `--unit` argument as the organisation file spells it (RosterFileError when unknown)."""
    if unit is None:
        return None
    found = org.unit(unit)
    if found is None:
        raise RosterFileError(0, texts.unknown_import_unit(unit, [u.name for u in org.units]))
    return found.name


async def import_file(path: Path, org: Org, unit: str | None = None) -> ImportResult:
    """Import the roster file at `path`; RosterFileError (naming the row) changes nothing."""
    only = _known_unit(org, unit)
    entries = read_roster(path, unit_check(org, only))
    return await store.import_roster(entries, path.name, only)


async def plan_file(data: bytes, name: str, org: Org, unit: str | None = None) -> store.ImportPlan:
    """The dry run of an uploaded roster (the console's): RosterFileError names the bad row."""
    only = _known_unit(org, unit)
    return await store.plan_import(read_roster_bytes(data, name, unit_check(org, only)), only)


async def import_bytes(data: bytes, name: str, org: Org, unit: str | None = None) -> ImportResult:
    """Import an uploaded roster as `import_file` does a file on disk."""
    only = _known_unit(org, unit)
    entries = read_roster_bytes(data, name, unit_check(org, only))
    return await store.import_roster(entries, name, only)


async def export_file(path: Path, org: Org, unit: str | None = None) -> int:
    """Write the roster (or one unit's) to `path`, `.xlsx` or `.csv`; how many people."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise RosterFileError(0, texts.FILE_UNSUPPORTED)
    entries = await store.roster_entries(_known_unit(org, unit))
    write_roster(entries, path)
    return len(entries)
