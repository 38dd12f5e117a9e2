"""`manage.py audit verify`: read the key, the anchor file, its table and the records; judge."""

from pathlib import Path

from models.db import connected
from models.measures import AuditAnchor
from plugins.measures.chain import Pin
from plugins.measures.keyfile import read_key
from plugins.measures.store import sealed_records
from plugins.measures.verify import Verdict, judge


def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return []


async def verify(db_url: str, key_file: Path, anchor_file: Path, given: Pin | None) -> Verdict:
    """Raises `AuditFileError` when the key cannot be read. The database is opened on its own
    (`connected`), so a restore can verify a copy while the process has another one open."""
    key = read_key(key_file)
    async with connected(db_url):
        records = [r async for r in sealed_records()]
        table = await AuditAnchor.all().order_by("seq").values_list("line", flat=True)
    return judge(records, _file_lines(anchor_file), [str(t) for t in table], key, given)
