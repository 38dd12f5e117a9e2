"""Every piece of text a OneBot v11 message carries, forwarded bundles and quoted replies included.

`extract` is pure: it reads one list of segments and says which forwards and replies still need
fetching. `collect` does the fetching through the callables it is given, walking nested forwards
to a bounded depth and count; a fetch that fails is skipped. What it gathered comes with the
reasons a forwarded bundle was not read to its end, if any (`Collected.cut_short`): nested deeper
than the bound, more messages than the bound, out of time, or a bundle the platform did not hand
over. A quoted reply that cannot be fetched does not count: the message it quotes was posted in
the group, and scanned, when it was sent.
"""

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .cards import json_texts, xml_texts
from .cq import parse_cq
from .findings import Source, TextPiece

Segment = Mapping[str, Any]
Bundle = list[list[Segment]]  # the messages of a forwarded bundle
# Why a bundle was not read to its end: nested past the depth bound, more messages (or fetches)
# than the node bound, the time budget spent, the platform's answer missing or unreadable.
Cut = Literal["depth", "nodes", "time", "fetch_failed"]


@dataclass
class Extracted:
    pieces: list[TextPiece] = field(default_factory=list)
    forward_ids: list[str] = field(default_factory=list)
    reply_ids: list[str] = field(default_factory=list)
    inline_forwards: list[Bundle] = field(default_factory=list)  # NapCat may inline the content


def segments_of(message: Any) -> list[Segment]:
    """A message as a list of segment mappings: from segments, segment objects or a CQ string."""
    if isinstance(message, str):
        return list(parse_cq(message))
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
            texts += [("card", text) for text in json_texts(data.get("data"))]
        elif kind == "xml":
            texts += [("card", text) for text in xml_texts(_text(data.get("data")))]
        elif kind == "file":
            texts.append(("file", _text(data.get("name")) or _text(data.get("file"))))
        elif kind == "image":
            texts.append((source, _text(data.get("summary"))))
        elif kind == "markdown":  # NapCat: markdown{content}
            texts.append((source, _text(data.get("content"))))
        elif kind == "onlinefile":  # NapCat: onlinefile{fileName}, a file sent online
            texts.append(("file", _text(data.get("fileName"))))
        elif kind == "forward":
            content = data.get("content")
            if content:
                out.inline_forwards.append(forward_messages(content))
            elif data.get("id") not in (None, ""):
                out.forward_ids.append(str(data["id"]))
        elif kind == "reply" and data.get("id") not in (None, ""):
            out.reply_ids.append(str(data["id"]))
        out.pieces += [TextPiece(where, text) for where, text in texts if text.strip()]
    return out


def is_bundle(answer: Any) -> bool:
    """Whether a get_forward_msg answer has the shape of a bundle (see `forward_messages`)."""
    if isinstance(answer, Mapping):
        nodes = answer.get("messages")
        if nodes is None:
            nodes = answer.get("message")
        return isinstance(nodes, list | tuple | str)
    return isinstance(answer, list | tuple | str)


def forward_messages(answer: Any) -> Bundle:
    """The messages of a get_forward_msg answer (or of inline forward content), in either shape.

    The spec: `{"message": [{"type": "node", "data": {"content": [...]}}]}`;
    NapCat: `{"messages": [{"message": [...]} | {"content": [...]}]}`, or that list inline.
    Plain segments found in place of nodes are read as one message.
    """
    nodes: Any = answer
    if isinstance(answer, Mapping):
        nodes = answer.get("messages")
        if nodes is None:
            nodes = answer.get("message")
    if isinstance(nodes, str):
        return [segments_of(nodes)]
    if not isinstance(nodes, list | tuple):
        return []
    messages: Bundle = []
    loose: list[Segment] = []
    for node in segments_of(nodes):
        if node.get("type") == "node" and isinstance(node.get("data"), Mapping):
            node = node["data"]
        content = node.get("message")
        if content is None:
            content = node.get("content")
        if content is not None:
            messages.append(segments_of(content))
        elif "type" in node:
            loose.append(node)
    return [*messages, loose] if loose else messages


@dataclass(frozen=True)
class Collected:
    """The text pieces of a message, and why its forwarded bundles were not all read (if so)."""

    pieces: list[TextPiece]
    cut_short: tuple[Cut, ...] = ()  # each reason once, in the order met; () when all was read


class _Fetcher:
    """Runs fetches within a count and an overall time budget; a failed fetch gives None and
    the reason it gave nothing."""

    def __init__(self, limit: int, budget: float | None) -> None:
        self.left = limit
        self._loop = asyncio.get_running_loop()
        self._deadline = None if budget is None else self._loop.time() + budget

    async def __call__(
        self, fetch: Callable[[str], Awaitable[Any]], ident: str
    ) -> tuple[Any, Cut | None]:
        if self.left <= 0:
            return None, "nodes"
        self.left -= 1
        remaining = None if self._deadline is None else self._deadline - self._loop.time()
        if remaining is not None and remaining <= 0:
            return None, "time"
        try:
            return await asyncio.wait_for(fetch(ident), remaining), None
        except TimeoutError:
            return None, "time"
        except Exception:  # a missing, expired or slow message is skipped, never fatal to the scan
            return None, "fetch_failed"


async def collect(
    segments: Any,
    fetch_forward: Callable[[str], Awaitable[Any]],
    fetch_reply: Callable[[str], Awaitable[Any]],
    max_depth: int = 5,
    max_nodes: int = 500,
    time_budget: float | None = None,
) -> Collected:
    """All text pieces of a message, its forwarded bundles (nested up to `max_depth`) and its
    quoted replies. At most `max_nodes` forwarded messages are read and `max_nodes` fetches made;
    with a `time_budget` (seconds for all fetches together), what was gathered by then is returned,
    unlike wrapping the call in `asyncio.timeout`, which loses it all. Each bound that left part
    of a bundle unread is named in `cut_short`.
    """
    top = extract(segments)
    pieces = list(top.pieces)
    fetcher = _Fetcher(max_nodes, time_budget)
    cuts: dict[Cut, None] = {}
    nodes = 0
    seen: set[str] = set()
    bundles: deque[tuple[Bundle, int]] = deque((bundle, 1) for bundle in top.inline_forwards)
    pending: deque[tuple[str, int]] = deque((forward, 1) for forward in top.forward_ids)

    for ident in dict.fromkeys(top.reply_ids):
        answer, _ = await fetcher(fetch_reply, ident)  # a quote not fetched is no bundle unread
        if isinstance(answer, Mapping):
            quoted = extract(answer.get("message"), "reply")
            pieces += quoted.pieces
            bundles += [(bundle, 1) for bundle in quoted.inline_forwards]
            pending += [(forward, 1) for forward in quoted.forward_ids]

    while bundles or pending:
        if not bundles:
            ident, depth = pending.popleft()
            if ident not in seen:
                seen.add(ident)
                answer, cut = await fetcher(fetch_forward, ident)
                if cut is None and not is_bundle(answer):
                    cut = "fetch_failed"
                if cut is not None:
                    cuts[cut] = None
                bundles.append((forward_messages(answer), depth))
            continue
        messages, depth = bundles.popleft()
        for message in messages:
            if nodes >= max_nodes:
                cuts["nodes"] = None
                return Collected(pieces, tuple(cuts))
            nodes += 1
            found = extract(message, "forward")
            pieces += found.pieces
            if depth < max_depth:
                bundles += [(bundle, depth + 1) for bundle in found.inline_forwards]
                pending += [(forward, depth + 1) for forward in found.forward_ids]
            elif found.inline_forwards or any(f not in seen for f in found.forward_ids):
                cuts["depth"] = None
    return Collected(pieces, tuple(cuts))
