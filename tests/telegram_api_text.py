"""Telegram's text rules for the fake Bot API: `parse_mode` markup and the entities it finds itself.

The Bot API server (tdlib/telegram-bot-api, Client.cpp `get_formatted_text`) hands `parse_mode`
text to TDLib, whose parsers these are, ported from tdlib/td td/telegram/MessageEntity.cpp
(`parse_html`, `parse_markdown_v2`, `parse_markdown`, `match_bot_commands`, `match_mentions`):
the same refusals with the same wording and byte offsets. TDLib's messages start with a capital;
the server lowercases that first letter after "Bad Request: can't parse entities: " (Client.cpp
`fail_query_with_error`). Entity offsets and lengths count UTF-16 code units
(core.telegram.org/bots/api#messageentity).
"""

from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]


class MarkupError(Exception):
    """TDLib's refusal of the markup, as it words it."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _units(c: int) -> int:
    """UTF-16 units a UTF-8 byte starts: 0 for a continuation byte, 2 for a 4-byte character."""
    if c & 0xC0 == 0x80:
        return 0
    return 2 if c >= 0xF0 else 1


def _at(b: bytes | bytearray, i: int) -> int:
    """C's view of the text: the NUL after the end."""
    return b[i] if 0 <= i < len(b) else 0


def _space(c: int) -> bool:
    return c in b" \t\r\n\0\v\f"  # td/utils/misc.h is_space, NUL included


def _link(url: str) -> Entity | None:
    """The entity a link makes: `tg://user?id=` names a user (text_mention), a web address a
    text_link; anything else is dropped, as LinkManager::get_checked_link drops it."""
    if url.startswith("tg://user?id="):
        digits = url.removeprefix("tg://user?id=")
        if digits.isdigit():
            return {"type": "text_mention", "user_id": int(digits)}
    if url.startswith(("http://", "https://", "tg://", "ton://")):
        return {"type": "text_link", "url": url}
    if "." in url and " " not in url and "://" not in url:
        return {"type": "text_link", "url": f"http://{url}/"}
    return None


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
            entity = _link(url) if top.kind == "text_link" else {"type": "custom_emoji"}
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


# --- HTML (core.telegram.org/bots/api#html-style) ---------------------------------------------

_HTML_TAGS = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
    "pre": "pre",
    "code": "code",
    "blockquote": "blockquote",
}
_NAMED = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}


def _html_entity(b: bytes, pos: int) -> tuple[str, int]:
    """`decode_html_entity`: the character an `&…;` stands for and where the text goes on, or
    ("", pos) when it stands for nothing (the `&` is then kept as it is)."""
    end = pos + 1
    if _at(b, end) == ord("#"):
        end += 1
        hexa = _at(b, end) == ord("x")
        end += hexa
        digits = b"0123456789abcdefABCDEF" if hexa else b"0123456789"
        start = end
        while _at(b, end) != 0 and _at(b, end) in digits:
            end += 1
        code = int(b[start:end], 16 if hexa else 10) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return "", pos
        char = chr(code)
    else:
        while chr(_at(b, end)).isascii() and chr(_at(b, end)).isalpha():
            end += 1
        if b[pos + 1 : end] not in _NAMED:
            return "", pos
        char = _NAMED[b[pos + 1 : end]]
    return char, end + 1 if _at(b, end) == ord(";") else end


def _html_start(b: bytes, i: int, begin: int) -> tuple[str, str, int]:
    """A start tag's name, its one argument that matters, and the position of its `>`."""
    while not _space(_at(b, i)) and _at(b, i) != ord(">"):
        i += 1
    if _at(b, i) == 0:
        raise MarkupError(f"Unclosed start tag at byte offset {begin}")
    name = b[begin + 1 : i].decode(errors="replace").lower()
    if name not in _HTML_TAGS:
        raise MarkupError(f'Unsupported start tag "{name}" at byte offset {begin}')
    argument = ""
    while _at(b, i) != ord(">"):
        while _at(b, i) != 0 and _space(_at(b, i)):
            i += 1
        if _at(b, i) == ord(">"):
            break
        start = i
        while not _space(_at(b, i)) and _at(b, i) != ord("="):
            i += 1
        attribute = b[start:i].decode(errors="replace")
        if not attribute:
            raise MarkupError(f'Empty attribute name in the tag "{name}" at byte offset {begin}')
        while _at(b, i) != 0 and _space(_at(b, i)):
            i += 1
        if _at(b, i) != ord("="):
            raise MarkupError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{name}" at byte offset {begin}'
            )
        i += 1
        while _at(b, i) != 0 and _space(_at(b, i)):
            i += 1
        if _at(b, i) == 0:
            raise MarkupError(f'Unclosed start tag "{name}" at byte offset {begin}')
        if _at(b, i) not in b"'\"":
            token = i
            while chr(_at(b, i)).isascii() and (chr(_at(b, i)).isalnum() or _at(b, i) in b".-"):
                i += 1
            value = b[token:i].decode().lower()
            if not _space(_at(b, i)) and _at(b, i) != ord(">"):
                raise MarkupError(f"Unexpected end of name token at byte offset {token}")
        else:
            quote, i = _at(b, i), i + 1
            chars: list[str] = []
            while _at(b, i) not in (quote, 0):
                char, after = _html_entity(b, i) if b[i] == ord("&") else ("", i)
                if char:
                    chars.append(char)
                    i = after
                    continue
                chars.append(chr(b[i]) if b[i] < 0x80 else b[i : i + 1].decode("latin-1"))
                i += 1
            i += _at(b, i) == quote
            value = "".join(chars)
        if _at(b, i) == 0:
            raise MarkupError(f"Unclosed start tag at byte offset {begin}")
        if (name, attribute) == ("a", "href") or (name, attribute) == ("tg-emoji", "emoji-id"):
            argument = value
        elif name == "code" and attribute == "class" and value.startswith("language-"):
            argument = value.removeprefix("language-")
        elif name == "span" and attribute == "class" and value.startswith("tg-"):
            argument = value.removeprefix("tg-")
    if name == "span" and argument != "spoiler":
        raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return name, argument, i


def parse_html(text: str) -> tuple[str, list[Entity]]:
    b = text.encode()
    out: list[str] = []
    utf16 = 0
    entities: list[Entity] = []
    nested: list[tuple[str, str, int, int]] = []  # name, argument, UTF-16 offset, output index
    i = 0
    while i < len(b):
        c = b[i]
        if c == ord("&"):
            char, after = _html_entity(b, i)
            if char:
                out.append(char)
                utf16 += utf16_len(char)
                i = after
                continue
        if c != ord("<"):
            size = 1 if c < 0x80 else 2 if c < 0xE0 else 3 if c < 0xF0 else 4
            out.append(b[i : i + size].decode(errors="replace"))
            utf16 += _units(c)
            i += size
            continue
        begin, i = i, i + 1
        if _at(b, i) != ord("/"):
            name, argument, i = _html_start(b, i, begin)
            nested.append((name, argument, utf16, len(out)))
            i += 1
            continue
        if not nested:
            raise MarkupError(f"Unexpected end tag at byte offset {begin}")
        while not _space(_at(b, i)) and _at(b, i) != ord(">"):
            i += 1
        end_name = b[begin + 2 : i].decode(errors="replace").lower()
        while _space(_at(b, i)) and _at(b, i) != 0:
            i += 1
        if _at(b, i) != ord(">"):
            raise MarkupError(f"Unclosed end tag at byte offset {begin}")
        name, argument, offset, index = nested.pop()
        if end_name and end_name != name:
            raise MarkupError(
                f'Unmatched end tag at byte offset {begin}, expected "</{name}>", found "</{end_name}>"'
            )
        if utf16 > offset:
            entity: Entity | None = {"type": _HTML_TAGS[name]}
            if name == "a":
                entity = _link(argument or "".join(out[index:]))
            elif name == "code" and argument:
                entity = {"type": "code", "language": argument}
            if entity is not None:
                entities.append({**entity, "offset": offset, "length": utf16 - offset})
        i += 1
    if nested:
        raise MarkupError(f"Can't find end tag corresponding to start tag {nested[-1][0]}")
    for entity in entities:  # <pre><code class="language-x"> is one pre entity with a language
        if entity["type"] == "code" and "language" in entity:
            outer = [e for e in entities if e["type"] == "pre" and e["offset"] == entity["offset"]]
            language = entity.pop("language")
            if outer and outer[0]["length"] == entity["length"]:
                outer[0]["language"] = language
                entity["type"] = "drop"
    kept = [e for e in entities if e["type"] != "drop"]
    return "".join(out), sorted(kept, key=lambda e: (e["offset"], -e["length"]))


# --- legacy Markdown (core.telegram.org/bots/api#markdown-style) -----------------------------


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    b, out, utf16, i = text.encode(), bytearray(), 0, 0
    entities: list[Entity] = []
    kinds = {ord("_"): "italic", ord("*"): "bold", ord("`"): "code", ord("["): "text_link"}
    while i < len(b):
        c = b[i]
        if c == ord("\\") and _at(b, i + 1) in b"_*`[" and _at(b, i + 1):
            out.append(b[i + 1])
            utf16, i = utf16 + 1, i + 2
            continue
        if c not in kinds:
            out.append(c)
            utf16, i = utf16 + _units(c), i + 1
            continue
        begin, end_char, pre = i, ord("]") if c == ord("[") else c, False
        i += 1
        if c == ord("`") and _at(b, i) == ord("`") and _at(b, i + 1) == ord("`"):
            i, pre = i + 2, True
        offset = utf16
        while i < len(b) and (b[i] != end_char or (pre and b[i + 1 : i + 3] != b"``")):
            out.append(b[i])
            utf16, i = utf16 + _units(b[i]), i + 1
        if i == len(b):
            raise MarkupError(f"Can't find end of the entity starting at byte offset {begin}")
        if utf16 != offset:
            entity: Entity | None = {"type": "pre" if pre else kinds[c]}
            if c == ord("["):
                url = b[begin + 1 : i].decode(errors="replace")
                if _at(b, i + 1) == ord("("):
                    close = b.find(b")", i + 2)
                    url = b[i + 2 : close if close >= 0 else len(b)].decode(errors="replace")
                    i = close if close >= 0 else len(b)
                entity = _link(url)
            if entity is not None:
                entities.append({**entity, "offset": offset, "length": utf16 - offset})
        i += 3 if pre else 1
    return out.decode(errors="replace"), entities


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
