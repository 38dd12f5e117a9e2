"""The text shown by a card: the JSON string of a `json` segment, the XML of an `xml` segment."""

import html
import json
import re
from typing import Any

# Keys whose values are what a card shows; their leaves come first when a card is cut short.
SHOWN_KEYS = frozenset(
    {"prompt", "title", "desc", "summary", "brief", "tag", "filename", "name", "text", "content"}
)
MAX_TEXTS = 64  # strings taken from one card
MAX_NODES = 4096  # JSON values visited in one card
MAX_DEPTH = 32
MAX_NESTED = 2  # JSON documents inside JSON strings
MAX_RAW = 20_000  # characters of a card that is not valid JSON

_ATTRIBUTE = re.compile(r"""\b(?:brief|title|summary)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TAG = re.compile(r"<[^>]*>")


def _walk(value: Any, key: str, depth: int, budget: list[int], out: list[tuple[str, str]]) -> None:
    """Collect (key, string) leaves of a JSON value, within the depth and node budget."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        nested = _nested_json(value) if budget[1] > 0 else None
        if nested is None:
            out.append((key, value))
        else:
            budget[1] -= 1
            _walk(nested, key, depth + 1, budget, out)
    elif isinstance(value, dict):
        for child_key, child in value.items():
            _walk(child, str(child_key), depth + 1, budget, out)
    elif isinstance(value, list):
        for child in value:
            _walk(child, key, depth + 1, budget, out)


def _nested_json(text: str) -> Any:
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def _distinct(texts: list[str]) -> list[str]:
    kept = dict.fromkeys(text.strip() for text in texts)
    kept.pop("", None)
    return list(kept)[:MAX_TEXTS]


def json_texts(data: Any) -> list[str]:
    """The distinct strings of a card's JSON, shown keys first; unparsable JSON as it is.

    `data` is normally the JSON string; an already parsed object is walked as it is.
    """
    document = data
    if isinstance(data, str):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            return _distinct([data[:MAX_RAW]])
    leaves: list[tuple[str, str]] = []
    _walk(document, "", 0, [MAX_NODES, MAX_NESTED], leaves)
    leaves.sort(key=lambda leaf: leaf[0].lower() not in SHOWN_KEYS)
    return _distinct([text for _, text in leaves])


def xml_texts(data: str) -> list[str]:
    """The brief, title and summary attributes and the text content of a card's XML."""
    texts = [double or single for double, single in _ATTRIBUTE.findall(data)]
    texts += _CDATA.findall(data)
    texts += _TAG.split(_CDATA.sub(" ", data))
    return _distinct([html.unescape(text) for text in texts])
