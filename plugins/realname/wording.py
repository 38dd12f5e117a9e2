"""How the duty's messages are laid out: times as the street reads them, long lists in pages.

The sentences themselves are in `texts`.
"""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from core import runtime
from plugins.realname.texts import check_more


def street_time(at: datetime) -> str:
    """An aware moment as the street reads it, e.g. `3月2日 09:00`."""
    local = at.astimezone(ZoneInfo(runtime.org().street.timezone))
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def pages(head: str, lines: Sequence[str], per_page: int = 50, limit: int = 10) -> list[str]:
    """Long lists split into messages of `per_page` lines, at most `limit` of them."""
    shown = list(lines[: per_page * limit])
    chunks = [shown[i : i + per_page] for i in range(0, len(shown), per_page)] or [[]]
    if len(lines) > len(shown):
        chunks[-1].append(check_more(len(lines) - len(shown)))
    return [
        "\n".join([head, *chunk]) if i == 0 else "\n".join(chunk) for i, chunk in enumerate(chunks)
    ]
