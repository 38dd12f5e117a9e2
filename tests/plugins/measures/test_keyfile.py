"""The audit key file: made once with 32 random bytes and mode 0600, read back, never replaced."""

import stat
from pathlib import Path

import pytest

from core.settings import Settings
from plugins.measures import texts
from plugins.measures.keyfile import (
    KEY_BYTES,
    AuditFileError,
    ensure_anchor_file,
    ensure_key,
    read_key,
)


def test_the_first_start_makes_a_private_key_and_later_ones_read_it(tmp_path: Path) -> None:
    path = tmp_path / "new" / "audit.key"
    key = ensure_key(path, tmp_path / "audit-anchor.log")
    assert len(key) == KEY_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_key(path, tmp_path / "audit-anchor.log") == key == read_key(path)
    assert ensure_key(tmp_path / "other.key", tmp_path / "x.log") != key
    assert [p.name for p in path.parent.iterdir()] == ["audit.key"]  # no draft left behind


def test_a_lost_key_is_not_replaced_while_the_anchor_log_has_lines(tmp_path: Path) -> None:
    anchors = tmp_path / "audit-anchor.log"
    anchors.write_text("2026-11-28T01:00:00.000000+00:00 seq=1 start …\n", "utf-8")
    path = tmp_path / "audit.key"
    with pytest.raises(AuditFileError) as refused:
        ensure_key(path, anchors)
    assert str(refused.value) == texts.key_lost(path, anchors)
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "mode", "expected"),
    [
        (b"short", 0o600, texts.key_wrong_size("{path}", 5)),
        (bytes(32), 0o644, texts.key_too_open("{path}", 0o644)),
    ],
)
def test_a_bad_key_file_is_refused_in_one_line(
    tmp_path: Path, content: bytes, mode: int, expected: str
) -> None:
    path = tmp_path / "audit.key"
    path.write_bytes(content)
    path.chmod(mode)
    with pytest.raises(AuditFileError) as refused:
        read_key(path)
    assert str(refused.value) == expected.replace("{path}", str(path))
    assert "\n" not in str(refused.value)


def test_a_missing_or_unusable_key_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AuditFileError, match="QUNGUI_AUDIT_KEY_FILE"):
        read_key(tmp_path / "none.key")
    with pytest.raises(AuditFileError, match="不是檔案"):
        read_key(tmp_path)


def test_the_anchor_file_must_be_writable(tmp_path: Path) -> None:
    ensure_anchor_file(tmp_path / "deep" / "audit-anchor.log")
    assert (tmp_path / "deep" / "audit-anchor.log").read_text("utf-8") == ""
    with pytest.raises(AuditFileError, match="QUNGUI_AUDIT_ANCHOR_FILE"):
        ensure_anchor_file(tmp_path)


def test_the_key_and_anchor_files_default_to_the_data_dir_and_must_differ() -> None:
    """As the environment gives them: text, empty for the default."""
    settings = Settings.model_validate({"qungui_data_dir": "/srv/q", "qungui_audit_key_file": ""})
    assert settings.audit_key_file == Path("/srv/q/audit.key")
    assert settings.audit_anchor_file == Path("/srv/q/audit-anchor.log")
    moved = Settings.model_validate(
        {"qungui_audit_key_file": "/keys/q.key", "qungui_audit_anchor_file": "/log/a.log"}
    )
    assert (moved.audit_key_file, moved.audit_anchor_file) == (
        Path("/keys/q.key"),
        Path("/log/a.log"),
    )
    same = {"qungui_audit_key_file": "/srv/q/same", "qungui_audit_anchor_file": "/srv/q/same"}
    with pytest.raises(ValueError, match="QUNGUI_AUDIT_KEY_FILE"):
        Settings.model_validate(same)
    with pytest.raises(ValueError, match="QUNGUI_AUDIT_KEY_FILE"):
        Settings.model_validate({"qungui_audit_anchor_file": "data/audit.key"})
