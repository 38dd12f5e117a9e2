"""`python manage.py report export FILE [--days N]`: the street workbook, from the command line."""

from datetime import timedelta
from pathlib import Path

from core import runtime
from models.db import close_db, open_db
from plugins.reports import store, texts
from plugins.reports.workbook import write_workbook


async def export_workbook(db_url: str, path: Path, days: int) -> str:
    """Write the workbook of the last `days` days to `path`; the line to print."""
    await open_db(db_url)
    try:
        now = store.now()
        report = await store.gather_street(now - timedelta(days=days), now, now)
    finally:
        await close_db()
    write_workbook(report, path, store.street_tz(), runtime.settings().qungui_script)
    return texts.exported(len(report.cards), len(report.records), str(path))
