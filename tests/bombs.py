"""Hostile files, made small on disk by the test that uses them, and a ceiling on memory."""

import contextlib
import io
import resource
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook

MB = 1024 * 1024
_CELL = b'<c t="inlineStr"><is><t>x</t></is></c>'


def zip_bomb_xlsx(path: Path, unpacked_mb: int) -> Path:
    """A real workbook whose header row goes on for `unpacked_mb` MB of cells: valid XML that
    openpyxl parses in full (20 MB of it took 4.8 s and 560 MB here), packed about 300 times.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["單位", "姓名", "帳號", "狀態", "備註"])
    sheet.append(["XX社區", "張三", 12345678, "在崗", None])
    plain = io.BytesIO()
    book.save(plain)
    cells = _CELL * (MB // len(_CELL))
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, data)
                continue
            head, tail = data.split(b"</row>", 1)
            with target.open(item.filename, "w") as member:
                member.write(head)
                for _ in range(unpacked_mb):
                    member.write(cells)
                member.write(b"</row>" + tail)
    return path


def _data_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmData in /proc/self/status")


@contextlib.contextmanager
def memory_ceiling(extra: int) -> Iterator[None]:
    """Allocations past `extra` more bytes of data fail with MemoryError (Linux RLIMIT_DATA),
    C allocations included: a regression fails the test instead of filling the machine.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    resource.setrlimit(resource.RLIMIT_DATA, (_data_size() + extra, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
