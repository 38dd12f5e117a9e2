"""The management command line: `python manage.py migrate`,
`python manage.py audit verify [--anchor HEAD:DIGEST]`,
`python manage.py roster import FILE [--unit U]`, `python manage.py roster export FILE [--unit U]`,
`python manage.py report export FILE [--days N]`,
`python manage.py backup FILE` (SQLite: a consistent copy while the bot runs; PostgreSQL: pg_dump),
`python manage.py restore FILE [--yes]` (only a backup whose records' chain verifies goes in:
see plugins/measures/restore.py),
`python manage.py rulebook check FILE` (what the bot would do under that rulebook, or its fault).
"""

import argparse
import asyncio
import sys
from pathlib import Path

from core.org import Org


def _settings_db_url() -> str:
    """The database of the settings, checked as the bot checks them before NoneBot starts."""
    import nonebot

    from core.settings import Settings, SettingsError
    from core.startup import nonebot_config, plugin_config

    try:
        settings = plugin_config(Settings, nonebot_config())
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    nonebot.init()
    return settings.db_url


async def _migrate(db_url: str) -> int:
    from models.db import migrate

    await migrate(db_url)
    print("migrations applied")
    return 0


async def _audit_verify(db_url: str, args: argparse.Namespace) -> int:
    """0: intact, 1: a break (named), 2: the key or the anchor given cannot be used."""
    from core.settings import load_settings
    from plugins.measures import texts
    from plugins.measures.anchor import parse_pin
    from plugins.measures.audit import verify
    from plugins.measures.keyfile import AuditFileError

    given = parse_pin(args.anchor) if args.anchor else None
    if args.anchor and given is None:
        print(texts.BAD_ANCHOR_ARGUMENT, file=sys.stderr)
        return 2
    settings = load_settings()
    try:
        verdict = await verify(db_url, settings.audit_key_file, settings.audit_anchor_file, given)
    except AuditFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(verdict.line)
    return 0 if verdict.ok else 1


def _org() -> Org:
    """The organisation file the bot uses (the example when org.toml is missing, as bot.py does)."""
    from core.org import load_org
    from core.settings import load_settings

    path = load_settings().qungui_org_file
    if not path.exists():
        print(f"組織檔案 {path} 不存在：暫以 org.example.toml 核對單位", file=sys.stderr)
        path = Path(__file__).parent / "org.example.toml"
    return load_org(path)


def _installed() -> Org | None:
    """The bot's settings, organisation file and rulebook, installed as bot.py installs them
    (records are filed under the rulebook's articles); None, the fault printed, if one is bad."""
    from core import runtime
    from core.org import OrgFileError
    from core.rulebook import RulebookError
    from core.settings import load_settings

    try:
        org = _org()
        runtime.install(load_settings(), org)
    except (OrgFileError, RulebookError) as exc:
        print(str(exc), file=sys.stderr)
        return None
    return org


async def _roster(db_url: str, args: argparse.Namespace) -> int:
    from core import runtime
    from models.db import close_db, open_db
    from plugins.realname import texts
    from plugins.realname.roster_admin import export_file, import_file
    from plugins.realname.roster_file import RosterFileError

    org = runtime.org()
    await open_db(db_url)
    try:
        if args.roster_command == "import":
            result = await import_file(Path(args.file), org, args.unit)
            counts = (result.added, result.changed, result.unchanged, result.departed)
            changed = result.has_changes
            print(texts.roster_imported(*counts) if changed else texts.roster_unchanged(counts[2]))
        else:
            count = await export_file(Path(args.file), org, args.unit)
            print(texts.roster_exported(count, args.file))
    except RosterFileError as exc:
        print(texts.roster_refused(str(exc)), file=sys.stderr)
        return 1
    finally:
        await close_db()
    return 0


async def _report(db_url: str, args: argparse.Namespace) -> int:
    import nonebot

    # The reports read the duties' names, and the duties' modules are NoneBot plugins: load the
    # scanner as one first, as bot.py's plugin list does, or a plain import of it comes first.
    nonebot.require("plugins.scanner")
    from plugins.reports.export import export_workbook

    print(await export_workbook(db_url, Path(args.file), args.days))
    return 0


async def _backup(db_url: str, args: argparse.Namespace) -> int:
    from models.backup import BackupError, backup

    try:
        print(await backup(db_url, Path(args.file)))
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


async def _ask(question: str) -> bool:
    from plugins.measures.restore import answer_is_yes

    return answer_is_yes(await asyncio.to_thread(input, question))


async def _yes(question: str) -> bool:
    return True


async def _restore(db_url: str, args: argparse.Namespace) -> int:
    """0: restored and verified, 1: the chain did not verify (named), 2: not restored."""
    from core.settings import load_settings
    from models.backup_texts import NEED_YES
    from plugins.measures.restore import AuditFiles, Refused, restore

    if not args.yes and not sys.stdin.isatty():
        print(NEED_YES, file=sys.stderr)
        return 2
    settings = load_settings()
    files = AuditFiles(
        settings.audit_key_file, settings.audit_anchor_file, settings.qungui_data_dir
    )
    try:
        lines = await restore(db_url, Path(args.file), files, _yes if args.yes else _ask)
    except Refused as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    print("\n".join(lines))
    return 0


def _rulebook_check(args: argparse.Namespace) -> int:
    """0: the rulebook can be used (what the bot would do under it printed), 1: it cannot."""
    from core.rulebook import RulebookError, load_rulebook
    from core.rulebook_check import SHIPPED_LEXICONS, describe, mute_limits, problems
    from core.settings import load_settings

    try:
        book = load_rulebook(Path(args.file))
    except RulebookError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    found = problems(book, (SHIPPED_LEXICONS, load_settings().lexicon_dir), mute_limits())
    print("\n".join(describe(book)))
    for problem in found:
        print(f"群規檔 {args.file} 有誤：{problem}", file=sys.stderr)
    if found:
        return 1
    print(
        f"群規檔 {args.file} 可用：在 .env 設定 QUNGUI_RULEBOOK_FILE={args.file}，重啟機器人後生效。"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manage.py", description="qungui management")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the committed database migrations")
    audit = commands.add_parser("audit", help="the measure records' audit trail")
    verify = audit.add_subparsers(dest="audit_command", required=True).add_parser(
        "verify", help="name the first record (or anchor line) that was altered or removed"
    )
    verify.add_argument(
        "--anchor",
        metavar="HEAD:DIGEST",
        help="also check an anchor kept elsewhere, e.g. the department's daily 340:ab12cd34ef56",
    )
    roster = commands.add_parser("roster", help="the real-name roster (.xlsx or .csv)")
    roster_commands = roster.add_subparsers(dest="roster_command", required=True)
    for name, what in (("import", "read a roster file"), ("export", "write the roster to a file")):
        sub = roster_commands.add_parser(name, help=what)
        sub.add_argument("file", help="a .xlsx or .csv file: 單位, 姓名, 帳號, 狀態, 備註")
        sub.add_argument("--unit", help="one unit only (import: the file is its whole roster)")
    report = commands.add_parser("report", help="reports for inspection (Art. 15)")
    export = report.add_subparsers(dest="report_command", required=True).add_parser(
        "export", help="write the street workbook (.xlsx): every group, the period's measures"
    )
    export.add_argument("file", help="the .xlsx file to write")
    export.add_argument("--days", type=int, default=7, help="the period: the last N days (7)")
    backup = commands.add_parser(
        "backup", help="a consistent copy of the database (SQLite file, or pg_dump custom format)"
    )
    backup.add_argument("file", help="the file to write (replaced only once it is whole)")
    restore = commands.add_parser(
        "restore", help="replace the database with a backup, once its records' chain verifies"
    )
    restore.add_argument("file", help="a file `manage.py backup` wrote")
    restore.add_argument("--yes", action="store_true", help="do not ask before overwriting")
    rulebook = commands.add_parser("rulebook", help="the street's rulebook (TOML)")
    check = rulebook.add_subparsers(dest="rulebook_command", required=True).add_parser(
        "check", help="validate a rulebook and print what the bot would do under it"
    )
    check.add_argument("file", help="a rulebook file, e.g. a copy of rulebooks/default.toml")
    args = parser.parse_args(argv)
    db_url = _settings_db_url()
    if args.command == "rulebook":
        return _rulebook_check(args)
    if args.command == "migrate":
        return asyncio.run(_migrate(db_url))
    # The plugins' modules read the rulebook as they load: installed first, as bot.py does.
    if _installed() is None:
        return 2
    if args.command == "roster":
        return asyncio.run(_roster(db_url, args))
    if args.command == "report":
        return asyncio.run(_report(db_url, args))
    if args.command == "backup":
        return asyncio.run(_backup(db_url, args))
    if args.command == "restore":
        return asyncio.run(_restore(db_url, args))
    return asyncio.run(_audit_verify(db_url, args))


if __name__ == "__main__":
    sys.exit(main())
