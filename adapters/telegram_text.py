"""Outgoing messages as Bot API text: never a parse_mode, so what a person wrote stays text;
mentions as text_mention entities (offsets in UTF-16 code units, as the Bot API counts them);
cut into messages Telegram takes (4096 characters at most, MessageEntity / sendMessage)."""

from collections.abc import Callable
from typing import Any

from adapters.message import Mention, Outgoing, Text

LIMIT = 4096  # sendMessage: 1-4096 characters after entities parsing


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _pieces(text: str, room: int) -> list[str]:
    """`text` in pieces of at most `room` UTF-16 units, cut after a line where one fits."""
    out: list[str] = []
    while _units(text) > room:
        cut = room
        while _units(text[:cut]) > room:
            cut -= 1
        line = text.rfind("\n", 0, cut)
        cut = line + 1 if line > 0 else cut
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def chunks(
    message: Outgoing, name_of: Callable[[int], str], limit: int = LIMIT
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The message as (text, entities) pairs, each within `limit`; a mention is shown as
    `@name` (the name the bot knows, else the account number) and never cut in two."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    text, entities = "", list[dict[str, Any]]()

    def close() -> None:
        nonlocal text, entities
        if text:
            out.append((text, entities))
        text, entities = "", list[dict[str, Any]]()

    for part in message:
        if isinstance(part, Text):
            for piece in _pieces(part.text, limit):
                if _units(text) + _units(piece) > limit:
                    close()
                text += piece
        elif isinstance(part, Mention):
            shown = "@" + name_of(part.user_id)
            if _units(text) + _units(shown) > limit:
                close()
            user = {"id": part.user_id, "is_bot": False, "first_name": shown[1:]}
            entity = {"type": "text_mention", "offset": _units(text), "length": _units(shown)}
            entities.append({**entity, "user": user})
            text += shown
    close()
    return out
