"""CQ-coded message strings (`string` message format) read as OneBot v11 segments."""

import re
from typing import Any

_CODE = re.compile(r"\[CQ:([A-Za-z0-9_.-]+)((?:,[^,\]]*)*)\]")


def _unescape(text: str, *, in_code: bool) -> str:
    text = text.replace("&#91;", "[").replace("&#93;", "]")
    if in_code:
        text = text.replace("&#44;", ",")
    return text.replace("&amp;", "&")


def parse_cq(message: str) -> list[dict[str, Any]]:
    """`"hi[CQ:face,id=1]"` -> `[{"type": "text", ...}, {"type": "face", "data": {"id": "1"}}]`."""
    segments: list[dict[str, Any]] = []
    position = 0
    for match in _CODE.finditer(message):
        if match.start() > position:
            text = _unescape(message[position : match.start()], in_code=False)
            segments.append({"type": "text", "data": {"text": text}})
        data: dict[str, str] = {}
        for pair in match.group(2).split(",")[1:]:
            key, _, value = pair.partition("=")
            data[key] = _unescape(value, in_code=True)
        segments.append({"type": match.group(1), "data": data})
        position = match.end()
    if position < len(message):
        segments.append(
            {"type": "text", "data": {"text": _unescape(message[position:], in_code=False)}}
        )
    return segments
