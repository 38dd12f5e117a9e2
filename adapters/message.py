"""Outgoing messages, built from parts so user-controlled text is never parsed as markup."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Mention:
    user_id: int


Part = Text | Mention
Outgoing = tuple[Part, ...]


def text(*lines: str) -> Outgoing:
    """A plain message of one or more lines."""
    return (Text("\n".join(lines)),)


def plain(message: Outgoing) -> str:
    """The message as a person reads it, mentions shown as @account (for logs and tests)."""
    return "".join(p.text if isinstance(p, Text) else f"@{p.user_id}" for p in message)
