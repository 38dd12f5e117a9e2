"""`manage.py restore FILE [--yes]`: a backup replaces the database only once its chain verifies.

The backup is staged first (SQLite: a copy in a file beside the database; PostgreSQL: a scratch
database on the same server: see `models.backup`), migrated as `manage.py migrate` would, and
its measure-record chain verified there with `plugins.measures.audit.verify` and the configured
key. Only a staged copy that verifies replaces the database, the old one kept
(`<db>.before-restore`, or `<data dir>/<name>.before-restore.dump`); `audit verify` then runs on
the result, with the anchor file the bot will use, and only when it passes is success reported.

The anchor file. The file on disk belongs to the database being replaced, not to the backup:
after an older backup it is ahead (it pins records the backup never had), on a new machine it
may be missing. So:

- the backup must verify against the key and its own anchor table (the table read as both the
  file and its copy): a record edited, removed or recomputed in the backup is named and refused,
  the database untouched;
- then the anchor file on disk is checked against the backup as well. When it agrees (or is one
  line ahead, as a crash leaves it) it stays. When it does not (ahead of the backup, behind it,
  or another log), that is a note, not a failure: the file is rewritten line for line from the
  backup's table, so the bot and `audit verify` go on from the restored chain, and the old file
  is kept as `<anchor file>.before-restore`, the witness of what the replaced database held
  (as are the department's daily anchors, which `audit verify --anchor` still checks).

PostgreSQL goes through a scratch database rather than straight into the target because
`pg_restore --clean` drops the target's tables before the backup is known to be whole, let alone
verified. The scratch copy needs CREATEDB for the bot's role; without it the restore refuses.

A restore refuses while the database looks in use (another process has the SQLite file open,
or PostgreSQL has other client sessions on it): replacing it under the bot would lose its writes.
"""

import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tortoise.exceptions import BaseORMException

from models import backup_texts as texts
from models.backup import BackupError, beside, stage_for, swap_in
from models.db import STORAGE_ERRORS, connected, migrate
from models.measures import AuditAnchor
from plugins.measures.anchor import parse_line
from plugins.measures.audit import verify
from plugins.measures.keyfile import AuditFileError
from plugins.measures.verify import Verdict

EMPTY, AHEAD, BEHIND, DIFFERS = "empty", "ahead", "behind", "differs"


class Refused(Exception):
    """The restore did not happen (or did not verify): the lines to print, and the exit code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AuditFiles:
    key: Path
    anchor: Path
    data_dir: Path  # where a PostgreSQL database is dumped aside before it is replaced


@dataclass(frozen=True)
class LogNote:
    """How the anchor file on disk stands to the backup's anchor table."""

    kind: str  # EMPTY, AHEAD, BEHIND or DIFFERS
    seq: int = 0  # DIFFERS: the first line that differs
    lines: int = 0  # AHEAD, BEHIND: how many lines more or fewer
    head_id: int = 0  # AHEAD: the record the file's last line pins


def compare_log(file_lines: Sequence[str], table_lines: Sequence[str]) -> LogNote | None:
    """None when the file is the table line for line."""
    if not file_lines:
        return None if not table_lines else LogNote(EMPTY)
    same = 0
    for in_file, in_table in zip(file_lines, table_lines, strict=False):
        if in_file != in_table:
            return LogNote(DIFFERS, seq=same + 1)
        same += 1
    if len(file_lines) > len(table_lines):
        last = parse_line(file_lines[-1])
        extra = len(file_lines) - len(table_lines)
        return LogNote(AHEAD, lines=extra, head_id=last.head_id if last else 0)
    if len(file_lines) < len(table_lines):
        return LogNote(BEHIND, lines=len(table_lines) - len(file_lines))
    return None


def note_line(note: LogNote, path: Path, kept: Path | None) -> str:
    if note.kind == AHEAD:
        return texts.anchor_ahead(path, note.lines, note.head_id, kept)
    if note.kind == BEHIND:
        return texts.anchor_behind(path, note.lines, kept)
    if note.kind == DIFFERS:
        return texts.anchor_differs(path, note.seq, kept)
    return texts.anchor_rebuilt(path)


def answer_is_yes(answer: str) -> bool:
    return answer.strip().lower() in ("yes", "y", "是")


# --- reading and replacing ---------------------------------------------------------------------


def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return []


def _write_lines(path: Path, lines: Sequence[str], like: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
        f.flush()
        os.fsync(f.fileno())
    if like.exists():
        path.chmod(like.stat().st_mode & 0o777)


async def _table_lines(db_url: str) -> list[str]:
    async with connected(db_url):
        return [
            str(line)
            for line in await AuditAnchor.all().order_by("seq").values_list("line", flat=True)
        ]


async def _verify(db_url: str, files: AuditFiles, anchor_file: Path, where: str) -> Verdict:
    try:
        return await verify(db_url, files.key, anchor_file, None)
    except (*STORAGE_ERRORS, BaseORMException) as exc:
        raise BackupError(texts.database_failed(where, str(exc) or type(exc).__name__)) from None


def _replace_log(new: Path, live: Path) -> Path | None:
    try:
        return swap_in(new, live)
    except OSError as exc:
        raise BackupError(texts.anchor_unreplaced(live, exc.strerror or str(exc))) from None


def _put_log_back(kept: Path | None, live: Path) -> None:
    if kept is not None:
        os.replace(kept, live)
    else:
        live.unlink(missing_ok=True)


async def restore(
    db_url: str, backup: Path, files: AuditFiles, confirm: Callable[[str], Awaitable[bool]]
) -> list[str]:
    """Stage, verify, ask, replace, verify again: the lines to print. Raises Refused."""
    stage = stage_for(db_url, files.data_dir)
    try:
        await stage.refuse_if_in_use()
        staged_url = await stage.prepare(backup)
        try:
            await migrate(staged_url)
            table = await _table_lines(staged_url)
        except (*STORAGE_ERRORS, BaseORMException) as exc:
            raise BackupError(texts.unreadable(backup, str(exc) or type(exc).__name__)) from None
        own = beside(files.anchor, "restore")
        try:
            _write_lines(own, table, like=files.anchor)
            verdict = await _verify(staged_url, files, own, str(backup))
            if not verdict.ok:
                raise Refused(1, f"{verdict.line}\n{texts.refused(backup)}")
            note: LogNote | None = None
            if not (await _verify(staged_url, files, files.anchor, str(backup))).ok:
                # The file cannot equal the table here (that verified): a note is always found.
                note = compare_log(_file_lines(files.anchor), table) or LogNote(DIFFERS, seq=1)
            if not await confirm(texts.confirm(backup, stage.where, verdict.line)):
                raise Refused(2, texts.NOT_CONFIRMED)
            kept_log = _replace_log(own, files.anchor) if note else None
            try:
                kept_db = await stage.commit()
            except BaseException:
                if note:
                    _put_log_back(kept_log, files.anchor)
                raise
        finally:
            own.unlink(missing_ok=True)
        final = await _verify(db_url, files, files.anchor, stage.where)
    except (BackupError, AuditFileError) as exc:
        raise Refused(2, str(exc)) from None
    finally:
        await stage.discard()
    if not final.ok:
        raise Refused(1, f"{final.line}\n{texts.failed_after(kept_db)}")
    lines = [final.line, texts.restored(backup, stage.where, kept_db)]
    return lines + ([note_line(note, files.anchor, kept_log)] if note else [])
