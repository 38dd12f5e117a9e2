"""Every piece of text a OneBot v11 message carries, forwarded bundles and quoted replies included.

`extract` is pure: it reads one list of segments and says which forwards and replies still need
fetching. `collect` does the fetching through the callables it is given, walking nested forwards
to a bounded depth and count; a fetch that fails is skipped.
"""

from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .cards import json_texts, xml_texts
from .cq import parse_cq
from .findings import Source, TextPiece

Segment = Mapping[str, Any]


@dataclass
class Extracted:
    pieces: list[TextPiece] = field(default_factory=list)
    forward_ids: list[str] = field(default_factory=list)
    reply_ids: list[str] = field(default_factory=list)
    inline_forwards: list[list[Segment]] = field(default_factory=list)  # NapCat inlines content


def segments_of(message: Any) -> list[Segment]:
    """A message as a list of segment mappings: from segments, segment objects or a CQ string."""
    if isinstance(message, str):
        return parse_cq(message)
    if isinstance(message, Mapping):
        message = [message]
    if not isinstance(message, list | tuple):
        return []
    segments: list[Segment] = []
    for item in message:
        if isinstance(item, Mapping):
            segments.append(item)
        elif isinstance(getattr(item, "type", None), str):  # e.g. a MessageSegment
            segments.append({"type": item.type, "data": getattr(item, "data", None) or {}})
    return segments


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def extract(message: Any, source: Source = "text") -> Extracted:
    """The text pieces of one message (not what its forwards and replies hold)."""
    out = Extracted()
    for segment in segments_of(message):
        kind = segment.get("type")
        data = segment.get("data")
        if not isinstance(data, Mapping):
            continue
        texts: list[tuple[Source, str]] = []
        if kind == "text":
            texts.append((source, _text(data.get("text"))))
        elif kind == "json":
            texts += [("card", text) for text in json_texts(_text(data.get("data")))]
        elif kind == "xml":
            texts += [("card", text) for text in xml_texts(_text(data.get("data")))]
        elif kind == "file":
            texts.append(("file", _text(data.get("name")) or _text(data.get("file"))))
        elif kind == "image":
            texts.append((source, _text(data.get("summary"))))
        elif kind == "forward":
            content = data.get("content")
            if content:
                out.inline_forwards.append(segments_of(content))
            elif data.get("id") not in (None, ""):
                out.forward_ids.append(str(data["id"]))
        elif kind == "reply" and data.get("id") not in (None, ""):
            out.reply_ids.append(str(data["id"]))
        out.pieces += [TextPiece(where, text) for where, text in texts if text.strip()]
    return out


def forward_messages(answer: Any) -> Iterator[list[Segment]]:
    """The messages of a get_forward_msg answer, in either shape.

    The spec: `{"message": [{"type": "node", "data": {"content": [...]}}]}`;
    NapCat: `{"messages": [{"message": [...]} | {"content": [...]}]}`.
    """
    nodes: Any = answer
    if isinstance(answer, Mapping):
        nodes = answer.get("messages")
        if nodes is None:
            nodes = answer.get("message")
    if not isinstance(nodes, list | tuple):
        return
    for node in nodes:
        if not isinstance(node, Mapping):
            continue
        if node.get("type") == "node" and isinstance(node.get("data"), Mapping):
            node = node["data"]
        content = node.get("message")
        if content is None:
            content = node.get("content")
        if content is not None:
            yield segments_of(content)


async def _fetch(fetch: Callable[[str], Awaitable[Any]], ident: str) -> Any:
    try:
        return await fetch(ident)
    except Exception:  # a missing or expired message is skipped, never fatal to the scan
        return None


async def collect(
    segments: Any,
    fetch_forward: Callable[[str], Awaitable[Any]],
    fetch_reply: Callable[[str], Awaitable[Any]],
    max_depth: int = 5,
    max_nodes: int = 500,
) -> list[TextPiece]:
    """All text pieces of a message, its forwarded bundles (nested up to `max_depth`) and its
    quoted replies; at most `max_nodes` forwarded messages are read and `max_nodes` fetches made.
    """
    top = extract(segments)
    pieces = list(top.pieces)
    nodes = fetches = 0
    seen: set[str] = set()
    # (messages of a bundle, depth of those messages)
    bundles: list[tuple[list[list[Segment]], int]] = [(top.inline_forwards, 1)]
    pending: list[tuple[str, int]] = [(ident, 1) for ident in top.forward_ids]

    for ident in dict.fromkeys(top.reply_ids):
        fetches += 1
        answer = await _fetch(fetch_reply, ident)
        if isinstance(answer, Mapping):
            quoted = extract(answer.get("message"), "reply")
            pieces += quoted.pieces
            bundles.append((quoted.inline_forwards, 1))
            pending += [(forward, 1) for forward in quoted.forward_ids]

    while bundles or pending:
        if bundles:
            messages, depth = bundles.pop(0)
            for message in messages:
                if nodes >= max_nodes:
                    return pieces
                nodes += 1
                found = extract(message, "forward")
                pieces += found.pieces
                if depth < max_depth:
                    bundles.append((found.inline_forwards, depth + 1))
                    pending += [(forward, depth + 1) for forward in found.forward_ids]
            continue
        ident, depth = pending.pop(0)
        if ident in seen or fetches >= max_nodes:
            continue
        seen.add(ident)
        fetches += 1
        answer = await _fetch(fetch_forward, ident)
        bundles.append((list(forward_messages(answer)), depth))
    return pieces
