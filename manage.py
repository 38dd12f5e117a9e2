"""The management command line: `python manage.py migrate`, `python manage.py audit verify`."""

import argparse
import asyncio
import sys

from tortoise import Tortoise


def _settings_db_url() -> str:
    import nonebot

    from core.settings import SettingsError, load_settings

    nonebot.init()
    try:
        return load_settings().db_url
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)


async def _migrate(db_url: str) -> int:
    from models.db import migrate

    await migrate(db_url)
    print("migrations applied")
    return 0


async def _audit_verify(db_url: str) -> int:
    from models.db import open_db
    from plugins.measures.chain import first_break
    from plugins.measures.store import sealed_records

    await open_db(db_url)
    try:
        records = [r async for r in sealed_records()]
    finally:
        await Tortoise.close_connections()
    broken = first_break(records)
    if broken is None:
        print(f"audit ok: {len(records)} records, chain intact")
        return 0
    verb = "was removed" if broken.what == "removed" else "was altered"
    print(f"audit FAILED: record {broken.record_id} {verb}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manage.py", description="qungui management")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the committed database migrations")
    audit = commands.add_parser("audit", help="the measure records' audit trail")
    audit.add_subparsers(dest="audit_command", required=True).add_parser(
        "verify", help="name the first record that was altered or removed"
    )
    args = parser.parse_args(argv)
    db_url = _settings_db_url()
    if args.command == "migrate":
        return asyncio.run(_migrate(db_url))
    return asyncio.run(_audit_verify(db_url))


if __name__ == "__main__":
    sys.exit(main())
