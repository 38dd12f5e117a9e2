"""The audit key: 32 random bytes in a file of their own, outside the database (and a check
that the anchor file can be written).

`bot.py` makes it at the first start (mode 0600) and installs it; `manage.py audit verify` only
reads it. A missing key is never replaced while the anchor log has lines: a new key would leave
every record sealed so far unverifiable, so the bot refuses to start and asks for the backup.
"""

import os
import secrets
import stat
from pathlib import Path

from plugins.measures import texts

KEY_BYTES = 32


class AuditFileError(Exception):
    """The key or the anchor file cannot be used; the message names the file and the setting."""


def read_key(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AuditFileError(texts.key_unreadable(path, "不是檔案"))
        if info.st_mode & 0o077:
            raise AuditFileError(texts.key_too_open(path, stat.S_IMODE(info.st_mode)))
        key = path.read_bytes()
    except FileNotFoundError:
        raise AuditFileError(texts.key_missing(path)) from None
    except OSError as exc:
        raise AuditFileError(texts.key_unreadable(path, exc.strerror or str(exc))) from None
    if len(key) != KEY_BYTES:
        raise AuditFileError(texts.key_wrong_size(path, len(key)))
    return key


def _has_lines(anchor_file: Path) -> bool:
    try:
        return anchor_file.stat().st_size > 0
    except OSError:
        return False


def ensure_key(path: Path, anchor_file: Path) -> bytes:
    """The key at `path`, made first if there is none and nothing was anchored yet."""
    if not path.exists() and not path.is_symlink():
        if _has_lines(anchor_file):
            raise AuditFileError(texts.key_lost(path, anchor_file))
        _create(path)
    return read_key(path)


def _create(path: Path) -> None:
    """Write the key beside its final name, then link it there: never half a key, never over one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_bytes(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # made meanwhile by another process: that one is the key
        finally:
            draft.unlink()
    except OSError as exc:
        raise AuditFileError(texts.key_unreadable(path, exc.strerror or str(exc))) from None


def ensure_anchor_file(path: Path) -> None:
    """The anchor file can be appended to (made empty if missing), or the bot does not start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise AuditFileError(texts.anchor_file_unusable(path, exc.strerror or str(exc))) from None


_installed: bytes | None = None


def install(key: bytes) -> None:
    global _installed
    _installed = key


def current() -> bytes:
    """The installed key; where nothing installed one (tests, benchmarks), the settings' file."""
    if _installed is None:
        from core import runtime

        settings = runtime.settings()
        install(ensure_key(settings.audit_key_file, settings.audit_anchor_file))
    assert _installed is not None
    return _installed
