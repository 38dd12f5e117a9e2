"""Telegram's text rules for the fake Bot API: `parse_mode` markup and the entities it finds itself.

The Bot API server (tdlib/telegram-bot-api, Client.cpp `get_formatted_text`) hands `parse_mode`
text to TDLib, whose parsers these are, ported from tdlib/td td/telegram/MessageEntity.cpp
(`parse_html`, `parse_markdown_v2`, `parse_markdown`, `match_bot_commands`, `match_mentions`):
the same refusals with the same wording and byte offsets. TDLib's messages start with a capital;
the server lowercases that first letter after "Bad Request: can't parse entities: " (Client.cpp
`fail_query_with_error`). Entity offsets and lengths count UTF-16 code units
(core.telegram.org/bots/api#messageentity). HTML and legacy Markdown are in
tests/telegram_api_markup.py.
"""

from dataclasses import dataclass, field

from tests.telegram_api_markup import (
    Entity,
    MarkupError,
    link,
    parse_html,
    parse_markdown,
    utf16_len,
)
from tests.telegram_api_markup import at as _at
from tests.telegram_api_markup import space as _space
from tests.telegram_api_markup import units as _units

__all__ = ["Entity", "MarkupError", "entity_text", "found_entities", "parse", "utf16_len"]

# --- MarkdownV2 (core.telegram.org/bots/api#markdownv2-style) -------------------------------

_V2_RESERVED = b"_*[]()~`>#+-=|{}.!\n"
_TD_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
    "blockquote": "BlockQuote",
}


@dataclass
class _Open:
    kind: str
    offset: int  # UTF-16 offset in the result
    byte_offset: int  # where the markup started in the input
    begin: int  # where its text starts in the output
    language: str = ""


def _reserved(char: int) -> MarkupError:
    return MarkupError(
        f"Character '{chr(char)}' is reserved and must be escaped with the preceding '\\'"
    )


@dataclass
class _V2:
    b: bytes
    out: bytearray = field(default_factory=bytearray)
    entities: list[Entity] = field(default_factory=list)
    nested: list[_Open] = field(default_factory=list)
    utf16: int = 0
    quote: bool = False

    def ends(self, i: int) -> bool:
        c, b = self.b[i], self.b
        if self.quote and c == ord("\n") and _at(b, i + 1) != ord(">"):
            return True
        kind = self.nested[-1].kind
        return {
            "bold": c == ord("*"),
            "italic": c == ord("_") and _at(b, i + 1) != ord("_"),
            "code": c == ord("`"),
            "pre": c == ord("`") and _at(b, i + 1) == ord("`") and _at(b, i + 2) == ord("`"),
            "text_link": c == ord("]"),
            "underline": c == ord("_") and _at(b, i + 1) == ord("_"),
            "strikethrough": c == ord("~"),
            "spoiler": c == ord("|") and _at(b, i + 1) == ord("|"),
            "custom_emoji": c == ord("]"),
            "blockquote": False,
        }[kind]

    def open(self, i: int) -> int:
        b, c = self.b, self.b[i]
        start, language, kind = i, "", ""
        if c == ord("_"):
            kind = "underline" if _at(b, i + 1) == ord("_") else "italic"
            i += kind == "underline"
        elif c in b"*~":
            kind = "bold" if c == ord("*") else "strikethrough"
        elif c == ord("|"):
            if _at(b, i + 1) != ord("|"):
                raise _reserved(c)
            i, kind = i + 1, "spoiler"
        elif c == ord("["):
            kind = "text_link"
        elif c == ord("`"):
            kind = "code"
            if _at(b, i + 1) == ord("`") and _at(b, i + 2) == ord("`"):
                i, kind = i + 3, "pre"
                end = i
                while not _space(_at(b, end)) and _at(b, end) != ord("`"):
                    end += 1
                if i != end and end < len(b) and b[end] != ord("`"):
                    language, i = b[i:end].decode(errors="replace"), end
                if _at(b, i) in b"\r\n" and _at(b, i) != 0:
                    both = _at(b, i + 1) in b"\r\n" and _at(b, i + 1) not in (0, _at(b, i))
                    i += 2 if both else 1
                i -= 1
        elif c == ord("!"):
            if _at(b, i + 1) != ord("["):
                raise _reserved(c)
            i, kind = i + 1, "custom_emoji"
        elif c == ord("\n"):
            self.utf16 += 1
            self.out.append(c)
            if _at(b, i + 1) == ord(">"):
                i += 1
                if not self.quote:
                    kind, self.quote = "blockquote", True
            if not kind:
                return i
        elif c == ord(">") and i == 0:
            kind, self.quote = "blockquote", True
        else:
            raise _reserved(c)
        self.nested.append(_Open(kind, self.utf16, start, len(self.out), language))
        return i

    def close(self, i: int) -> int:
        b, top = self.b, self.nested[-1]
        if b[i] == ord("\n") and top.kind != "blockquote":
            raise MarkupError(
                f"Can't find end of {_TD_NAMES[top.kind]} entity at byte offset {top.byte_offset}"
            )
        entity: Entity | None = {"type": top.kind}
        if top.kind in ("underline", "spoiler"):
            i += 1
        elif top.kind == "pre":
            i += 2
            if top.language:
                entity = {"type": "pre", "language": top.language}
        elif top.kind in ("text_link", "custom_emoji"):
            if _at(b, i + 1) != ord("("):
                if top.kind == "custom_emoji":
                    raise MarkupError("Custom emoji entity must contain a tg://emoji URL")
                url = self.out[top.begin :].decode(errors="replace")
            else:
                i += 2
                begin, chars = i, bytearray()
                while i < len(b) and b[i] != ord(")"):
                    if b[i] == ord("\\") and 0 < _at(b, i + 1) <= 126:
                        chars.append(b[i + 1])
                        i += 2
                        continue
                    chars.append(b[i])
                    i += 1
                if _at(b, i) != ord(")"):
                    what = "custom emoji URL" if top.kind == "custom_emoji" else "URL"
                    raise MarkupError(f"Can't find end of a {what} at byte offset {begin}")
                url = chars.decode(errors="replace")
            entity = link(url) if top.kind == "text_link" else {"type": "custom_emoji"}
        elif top.kind == "blockquote":
            self.quote = False
            self.out.append(b[i])
            self.utf16 += 1
        if entity is not None and self.utf16 != top.offset:
            self.entities.append(
                {**entity, "offset": top.offset, "length": self.utf16 - top.offset}
            )
        self.nested.pop()
        return i

    def run(self) -> tuple[str, list[Entity]]:
        b, i = self.b, 0
        while i < len(b):
            c = b[i]
            if c == ord("\\") and 0 < _at(b, i + 1) <= 126:
                i += 1
                self.utf16 += 1
                self.out.append(b[i])
            else:
                inside_code = bool(self.nested) and self.nested[-1].kind in ("code", "pre")
                if c not in (b"`" if inside_code else _V2_RESERVED):
                    self.utf16 += _units(c)
                    self.out.append(c)
                elif self.nested and self.ends(i):
                    i = self.close(i)
                else:
                    i = self.open(i)
            i += 1
        if self.quote and self.nested and self.nested[-1].kind == "blockquote":
            top = self.nested.pop()
            if self.utf16 != top.offset:
                self.entities.append(
                    {"type": "blockquote", "offset": top.offset, "length": self.utf16 - top.offset}
                )
        if self.nested:
            top = self.nested[-1]
            raise MarkupError(
                f"Can't find end of {_TD_NAMES[top.kind]} entity at byte offset {top.byte_offset}"
            )
        return self.out.decode(errors="replace"), sorted(
            self.entities, key=lambda e: (e["offset"], -e["length"])
        )


def parse(text: str, parse_mode: str) -> tuple[str, list[Entity]]:
    """Text and entities for `parse_mode` (case-insensitive, "" or "none" for none), or
    MarkupError; an unknown mode is ValueError (Client.cpp: "Unsupported parse_mode")."""
    mode = parse_mode.lower()
    if not text or mode in ("", "none"):
        return text, []
    parsers = {"html": parse_html, "markdownv2": lambda t: _V2(t.encode()).run()}
    parsers["markdown"] = parse_markdown
    if mode not in parsers:
        raise ValueError(parse_mode)
    return parsers[mode](text)


# --- what Telegram finds in any text ---------------------------------------------------------


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def found_entities(text: str) -> list[Entity]:
    """The bot_command and mention entities Telegram adds to every message's text: a command is
    `/` and 1-64 Latin letters, digits or underscores, optionally `@botname`, not inside a word
    (`/群規` is no command); a mention is `@` and 2-32 of them (`match_bot_commands`,
    `match_mentions`)."""
    found: list[Entity] = []
    for i, char in enumerate(text):
        if char not in "/@":
            continue
        command = char == "/"
        before = text[i - 1] if i else ""
        if before and (_word(before) or (command and before in "/<>")):
            continue
        end = i + 1
        while end < len(text) and _ascii_word(text[end]):
            end += 1
        size = end - i - 1
        if not (1 <= size <= 64 if command else 2 <= size <= 32):
            continue
        if command and end < len(text) and text[end] == "@":
            tail = end + 1
            while tail < len(text) and _ascii_word(text[tail]):
                tail += 1
            if not 3 <= tail - end - 1 <= 32:
                continue
            end = tail
        after = text[end] if end < len(text) else ""
        if after and (_word(after) or (command and after in "/<>")):
            continue
        kind = "bot_command" if command else "mention"
        found.append(
            {"type": kind, "offset": utf16_len(text[:i]), "length": utf16_len(text[i:end])}
        )
    return found


def entity_text(text: str, entity: Entity) -> str:
    """The part of `text` an entity covers (offsets in UTF-16 units)."""
    units = text.encode("utf-16-le")
    start, length = entity["offset"] * 2, entity["length"] * 2
    return units[start : start + length].decode("utf-16-le", errors="replace")
