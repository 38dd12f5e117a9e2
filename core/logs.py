"""Logging at the configured level only: a call below it costs nothing.

NoneBot's own handler takes every record (level 0) and drops those below `log_level` in a
filter, after loguru has built the record: a few debug and trace lines per message, a sizeable
part of handling one. The same handler, with the level as loguru's minimum, drops them at once.
"""

import sys

from nonebot.log import default_filter, default_format, logger, logger_id


def log_from(level: str | int) -> None:
    """Replace NoneBot's stdout handler by one that starts at `level` (NoneBot's `log_level`)."""
    logger.remove(logger_id)
    logger.add(
        sys.stdout,
        level=level,
        diagnose=False,
        filter=default_filter,
        format=default_format,
    )


def level_number(level: int | str) -> int | None:
    """The loguru number of a `LOG_LEVEL` (`"INFO"`, `20`), or None when loguru knows no such level."""
    if isinstance(level, int):
        return level if level >= 0 else None
    try:
        return int(logger.level(level).no)
    except ValueError:
        return None
