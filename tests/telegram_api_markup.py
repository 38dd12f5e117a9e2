"""Telegram's markup parsers for the fake Bot API, and what they share: HTML and legacy Markdown.

Ported from tdlib/td td/telegram/MessageEntity.cpp (`parse_html`, `decode_html_entity`,
`parse_markdown`), which the Bot API server runs for parse_mode (tdlib/telegram-bot-api
Client.cpp `get_formatted_text`): the same refusals, worded the same, at the same UTF-8 byte
offsets. MarkdownV2 is in tests/telegram_api_text.py.
"""

from typing import Any

Entity = dict[str, Any]


class MarkupError(Exception):
    """TDLib's refusal of the markup, as it words it."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def units(c: int) -> int:
    """UTF-16 units a UTF-8 byte starts: 0 for a continuation byte, 2 for a 4-byte character."""
    if c & 0xC0 == 0x80:
        return 0
    return 2 if c >= 0xF0 else 1


def at(b: bytes | bytearray, i: int) -> int:
    """C's view of the text: the NUL after the end."""
    return b[i] if 0 <= i < len(b) else 0


def space(c: int) -> bool:
    return c in b" \t\r\n\0\v\f"  # td/utils/misc.h is_space, NUL included


def link(url: str) -> Entity | None:
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
    if at(b, end) == ord("#"):
        end += 1
        hexa = at(b, end) == ord("x")
        end += hexa
        digits = b"0123456789abcdefABCDEF" if hexa else b"0123456789"
        start = end
        while at(b, end) != 0 and at(b, end) in digits:
            end += 1
        code = int(b[start:end], 16 if hexa else 10) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return "", pos
        char = chr(code)
    else:
        while chr(at(b, end)).isascii() and chr(at(b, end)).isalpha():
            end += 1
        if b[pos + 1 : end] not in _NAMED:
            return "", pos
        char = _NAMED[b[pos + 1 : end]]
    return char, end + 1 if at(b, end) == ord(";") else end


def _html_start(b: bytes, i: int, begin: int) -> tuple[str, str, int]:
    """A start tag's name, its one argument that matters, and the position of its `>`."""
    while not space(at(b, i)) and at(b, i) != ord(">"):
        i += 1
    if at(b, i) == 0:
        raise MarkupError(f"Unclosed start tag at byte offset {begin}")
    name = b[begin + 1 : i].decode(errors="replace").lower()
    if name not in _HTML_TAGS:
        raise MarkupError(f'Unsupported start tag "{name}" at byte offset {begin}')
    argument = ""
    while at(b, i) != ord(">"):
        while at(b, i) != 0 and space(at(b, i)):
            i += 1
        if at(b, i) == ord(">"):
            break
        start = i
        while not space(at(b, i)) and at(b, i) != ord("="):
            i += 1
        attribute = b[start:i].decode(errors="replace")
        if not attribute:
            raise MarkupError(f'Empty attribute name in the tag "{name}" at byte offset {begin}')
        while at(b, i) != 0 and space(at(b, i)):
            i += 1
        if at(b, i) != ord("="):
            raise MarkupError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{name}" at byte offset {begin}'
            )
        i += 1
        while at(b, i) != 0 and space(at(b, i)):
            i += 1
        if at(b, i) == 0:
            raise MarkupError(f'Unclosed start tag "{name}" at byte offset {begin}')
        if at(b, i) not in b"'\"":
            token = i
            while chr(at(b, i)).isascii() and (chr(at(b, i)).isalnum() or at(b, i) in b".-"):
                i += 1
            value = b[token:i].decode().lower()
            if not space(at(b, i)) and at(b, i) != ord(">"):
                raise MarkupError(f"Unexpected end of name token at byte offset {token}")
        else:
            quote, i = at(b, i), i + 1
            chars: list[str] = []
            while at(b, i) not in (quote, 0):
                char, after = _html_entity(b, i) if b[i] == ord("&") else ("", i)
                if char:
                    chars.append(char)
                    i = after
                    continue
                chars.append(chr(b[i]) if b[i] < 0x80 else b[i : i + 1].decode("latin-1"))
                i += 1
            i += at(b, i) == quote
            value = "".join(chars)
        if at(b, i) == 0:
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
            utf16 += units(c)
            i += size
            continue
        begin, i = i, i + 1
        if at(b, i) != ord("/"):
            name, argument, i = _html_start(b, i, begin)
            nested.append((name, argument, utf16, len(out)))
            i += 1
            continue
        if not nested:
            raise MarkupError(f"Unexpected end tag at byte offset {begin}")
        while not space(at(b, i)) and at(b, i) != ord(">"):
            i += 1
        end_name = b[begin + 2 : i].decode(errors="replace").lower()
        while space(at(b, i)) and at(b, i) != 0:
            i += 1
        if at(b, i) != ord(">"):
            raise MarkupError(f"Unclosed end tag at byte offset {begin}")
        name, argument, offset, index = nested.pop()
        if end_name and end_name != name:
            raise MarkupError(
                f'Unmatched end tag at byte offset {begin}, expected "</{name}>", found "</{end_name}>"'
            )
        if utf16 > offset:
            entity: Entity | None = {"type": _HTML_TAGS[name]}
            if name == "a":
                entity = link(argument or "".join(out[index:]))
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
        if c == ord("\\") and at(b, i + 1) in b"_*`[" and at(b, i + 1):
            out.append(b[i + 1])
            utf16, i = utf16 + 1, i + 2
            continue
        if c not in kinds:
            out.append(c)
            utf16, i = utf16 + units(c), i + 1
            continue
        begin, end_char, pre = i, ord("]") if c == ord("[") else c, False
        i += 1
        if c == ord("`") and at(b, i) == ord("`") and at(b, i + 1) == ord("`"):
            i, pre = i + 2, True
        offset = utf16
        while i < len(b) and (b[i] != end_char or (pre and b[i + 1 : i + 3] != b"``")):
            out.append(b[i])
            utf16, i = utf16 + units(b[i]), i + 1
        if i == len(b):
            raise MarkupError(f"Can't find end of the entity starting at byte offset {begin}")
        if utf16 != offset:
            entity: Entity | None = {"type": "pre" if pre else kinds[c]}
            if c == ord("["):
                url = b[begin + 1 : i].decode(errors="replace")
                if at(b, i + 1) == ord("("):
                    close = b.find(b")", i + 2)
                    url = b[i + 2 : close if close >= 0 else len(b)].decode(errors="replace")
                    i = close if close >= 0 else len(b)
                entity = link(url)
            if entity is not None:
                entities.append({**entity, "offset": offset, "length": utf16 - offset})
        i += 3 if pre else 1
    return out.decode(errors="replace"), entities
