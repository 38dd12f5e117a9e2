"""Logging at the configured level only, and never what people wrote unless the level is DEBUG.

NoneBot's own handler takes every record (level 0) and drops those below `log_level` in a
filter, after loguru has built the record: a few debug and trace lines per message, a sizeable
part of handling one. The same handler, with the level as loguru's minimum, drops them at once.

The bot must not keep what it removes (Art. 11), and its log is a file anyone with the machine
can read. Above DEBUG, that handler's filter withholds what third-party lines quote: the OneBot
adapter's dump of an event it cannot parse, its quoted-reply error, and pydantic errors (they
carry the input). The events' own lines are made text-free where the events are known
(`adapters.onebot_log`); the bot's own lines carry ids and categories only. At DEBUG everything
is kept, and `log_from` says so in one warning. NoneBot's dump of its settings at DEBUG is cut at
every level: it holds the access token and the database URL.
"""

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

from nonebot.log import default_filter, default_format, logger, logger_id
from pydantic import ValidationError

if TYPE_CHECKING:
    from loguru import Record

DEBUG = 10
WITHHELD = "（DEBUG 以下不記）"
WITHHELD_SECRET = "（含令牌等密鑰，不記）"
TEXT_LOGGED = (
    "LOG_LEVEL 為 DEBUG：日誌會記下訊息原文、群名片、暱稱和入群答案（包括已撤回的涉密內容與身份證號），"
    "只可用於排錯，用完請改回 INFO"
)

# Third-party lines that quote an event or an error with its input: the rest is withheld.
_QUOTING = (
    "Failed to parse event. Raw: ",  # the OneBot adapter: a malformed event, in full
    "Error when getting message reply info: ",  # the adapter: the quoted reply's error, repr'd
)
_SECRETS = ("Loaded Config: ",)  # NoneBot at DEBUG: every setting, the access token too


def level_number(level: int | str) -> int | None:
    """The loguru number of a `LOG_LEVEL` (`"INFO"`, `20`), or None when loguru knows no such level."""
    if isinstance(level, int):
        return level if level >= 0 else None
    try:
        return int(logger.level(level).no)
    except ValueError:
        return None


def carries_text(level: int | str) -> bool:
    """Whether a log at `level` may hold what people wrote (DEBUG and TRACE)."""
    number = level_number(level)
    return number is not None and number <= DEBUG


def withheld(message: str, *, text: bool) -> str:
    """`message` cut after a marker of what it quotes (`text`: the log may carry message text)."""
    for marker in _SECRETS:
        if (at := message.find(marker)) >= 0:
            return message[: at + len(marker)] + WITHHELD_SECRET
    for marker in () if text else _QUOTING:
        if (at := message.find(marker)) >= 0:
            return message[: at + len(marker)] + WITHHELD
    return message


def _summary(error: ValidationError) -> str:
    where = "; ".join(".".join(map(str, e["loc"])) + f": {e['type']}" for e in error.errors())
    return f"{error.title}: {where}"


def _raised_at(frame: TracebackType | None) -> str:
    """Where the innermost frame outside pydantic is (the caller that asked it to validate)."""
    place = ""
    while frame is not None:
        code = frame.tb_frame.f_code
        if "pydantic" not in code.co_filename:
            place = f" at {code.co_filename}:{frame.tb_lineno}"
        frame = frame.tb_next
    return place


def _quiet(record: "Record") -> None:
    record["message"] = withheld(record["message"], text=False)
    exception = record["exception"]
    if exception is not None and isinstance(exception.value, ValidationError):
        # Its text holds the input; the type, the fields and where it was raised do not.
        record["message"] += f" [{_summary(exception.value)}{_raised_at(exception.traceback)}]"
        record["exception"] = None


def _filter_for(text: bool) -> Any:
    def keep(record: "Record") -> bool:
        if not default_filter(record):
            return False
        if text:
            record["message"] = withheld(record["message"], text=True)
        else:
            _quiet(record)
        return True

    return keep


def log_from(level: str | int) -> None:
    """Replace NoneBot's stdout handler by one that starts at `level` (NoneBot's `log_level`),
    quiet about what people wrote unless `level` is DEBUG or below, which it then warns of.
    """
    text = carries_text(level)
    logger.remove(logger_id)
    logger.add(
        sys.stdout,
        level=level,
        diagnose=False,
        filter=_filter_for(text),
        format=default_format,
    )
    if text:
        logger.warning(TEXT_LOGGED)
