"""The report files: kept while they are sent, dropped a week later."""

import os
import time

from plugins.reports import deliver


def test_files_older_than_a_week_are_dropped() -> None:
    folder = deliver.folder()
    folder.mkdir(parents=True, exist_ok=True)
    old, recent = folder / "全街報告-old.xlsx", folder / "全街報告-new.xlsx"
    for path in (old, recent):
        path.write_bytes(b"x")
    eight_days_ago = time.time() - 8 * 86400
    os.utime(old, (eight_days_ago, eight_days_ago))
    deliver.prune()
    assert not old.exists()
    assert recent.exists()
    assert folder.is_absolute()
