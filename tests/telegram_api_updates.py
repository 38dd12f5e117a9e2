"""getUpdates (and the webhook methods that stand in its way) as the Bot API serves it, from tdlib/telegram-bot-api (Client.cpp
`process_get_updates_query`, `do_get_updates`, `add_update_impl`, `abort_long_poll`,
`fail_query_conflict`, `get_allowed_update_types`) and its queue (tdlib/td tddb/td/db/TQueue.cpp):

- An update whose type is not allowed when it happens is never stored: a later `allowed_updates`
  does not bring it back, and one already stored is still delivered ("Please note that this
  parameter doesn't affect updates created before the call", core.telegram.org/bots/api#getupdates).
- `allowed_updates` is remembered until a call names other types; an empty list (or only unknown
  names) means the default: everything but chat_member, message_reaction, message_reaction_count.
- `offset` forgets every update before it; without one (or 0) the earliest unconfirmed one comes
  first; a negative one keeps only the last -offset updates; one more than 10 past the newest
  reads from the earliest instead. Updates are kept 24 hours. `limit` is clamped to 1-100,
  `timeout` to 0-50 s; the same offset again within 0.5 s gets one update at most, within 3 s a
  timeout of at least 3 s.
- A second long poll ends the waiting one with 409 "Conflict: terminated by other getUpdates
  request; …" (setWebhook too, "… by setWebhook request"); polling while a webhook is set is 409;
  a 409 within 3 s of the last one is held back 3 s.

One deliberate difference: an idle poll is answered after min(timeout, poll_cap) seconds (2 by
default), not the full timeout: the adapter's read timeout equals its poll timeout, so a full
30 s poll would race it.
"""

import asyncio
import json
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tests.telegram_api_state import DAY, ApiError, Args, Clock, Json, World, bad

UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
DEFAULT_ALLOWED = frozenset(UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
LONG_POLL_MAX_TIMEOUT = 50
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
SET_WEBHOOK_CONFLICT = "Conflict: terminated by setWebhook request"
WEBHOOK_CONFLICT = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"


def allowed_types(raw: str) -> frozenset[str] | None:
    """The types `allowed_updates` names, or None to keep the current ones (absent, not JSON,
    not a list of strings)."""
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    named = frozenset(item.lower() for item in value) & frozenset(UPDATE_TYPES)
    return named or DEFAULT_ALLOWED


@dataclass
class Stored:
    update_id: int
    kind: str
    payload: Json
    expires: int

    def json(self) -> Json:
        return {"update_id": self.update_id, self.kind: self.payload}


@dataclass
class _Poll:
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    conflict: str = ""  # why it was ended with 409, if it was


def _clamp(value: int, least: int, most: int) -> int:
    return max(least, min(most, value))


class Updates:
    def __init__(self, clock: Clock, poll_cap: float = 2.0, seed: int = 0) -> None:
        self.clock = clock
        self.poll_cap = poll_cap
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.stored: list[Stored] = []
        self.dropped: list[Json] = []  # updates Telegram never stored: their type was not allowed
        # TQueue starts a new queue at a random id in [2 * MAX_QUEUE_EVENTS + 1, MAX_ID / 2].
        self._first_id = random.Random(seed).randint(2_000_001, 2**30)
        self._tail = 0  # the next id; 0 while the queue was never created
        self._poll: _Poll | None = None
        self._previous = (-1, 0.0)  # offset and start of the last call
        self._next_conflict = 0.0

    @property
    def waiting(self) -> bool:
        """Whether a long poll is waiting now."""
        return self._poll is not None

    def push(self, kind: str, payload: Json) -> int | None:
        """Store an update as Telegram creates it; None when its type is not allowed now."""
        if kind not in self.allowed:
            self.dropped.append({kind: payload})
            return None
        if not self._tail:
            self._tail = self._first_id
        update = Stored(self._tail, kind, payload, self.clock.now() + DAY)
        self._tail += 1
        self.stored.append(update)
        if self._poll is not None:
            self._poll.woken.set()
        return update.update_id

    def _head(self) -> int:
        return self.stored[0].update_id if self.stored else self._tail

    def take(self, offset: int, limit: int) -> list[Json]:
        """TQueue::get with forget_previous: what `offset` returns, forgetting what it confirms."""
        if offset < 0:
            self.stored = self.stored[offset:]
        if offset <= 0:
            offset = self._head()
        if offset <= 0:
            return []  # the queue is not created yet
        if offset > self._tail + 10:
            offset = self._head()  # "Specified from_id is in the future": read from the head
        now = self.clock.now()
        self.stored = [u for u in self.stored if u.update_id >= offset and u.expires >= now]
        return [u.json() for u in self.stored[:limit]]

    async def get(self, offset: int, limit: int, wait: int, allowed: str) -> list[Json]:
        """getUpdates: `wait` is its `timeout` parameter."""
        limit = _clamp(limit or 100, 1, 100)
        timeout = _clamp(wait, 0, LONG_POLL_MAX_TIMEOUT)
        if (types := allowed_types(allowed)) is not None:
            self.allowed = types
        now = time.monotonic()
        last_offset, last_start = self._previous
        if offset == last_offset and timeout < 3 and now < last_start + 3:
            timeout = 3
        if offset == last_offset and now < last_start + 0.5:
            limit = 1
        self._previous = (offset, now)
        updates = self.take(offset, limit)
        if timeout == 0 or updates:
            return updates
        self.abort(CONFLICT)
        poll = self._poll = _Poll()
        try:
            await asyncio.wait_for(poll.woken.wait(), min(timeout, self.poll_cap))
        except TimeoutError:
            pass
        finally:
            if self._poll is poll:
                self._poll = None
        if poll.conflict:
            await self.conflict(poll.conflict)
        await asyncio.sleep(0.002)  # LONG_POLL_MAX_DELAY: updates close together come together
        return self.take(offset, limit)

    def abort(self, description: str) -> None:
        """End the waiting poll with 409 `description` (`abort_long_poll`)."""
        if self._poll is not None:
            self._poll.conflict = description
            self._poll.woken.set()

    async def conflict(self, description: str) -> None:
        """Raise the 409, held back 3 s when the last one was less than 3 s ago."""
        now = time.monotonic()
        if now < self._next_conflict:
            await asyncio.sleep(3.0)
        else:
            self._next_conflict = now + 3.0
        raise ApiError(409, description)

    def drop_pending(self) -> None:
        self.stored.clear()

    def close(self) -> None:
        """Answer a waiting poll now (the server stops)."""
        if self._poll is not None:
            self._poll.woken.set()


# --- the methods -------------------------------------------------------------------------------


@dataclass
class Described:
    """An ok answer with a description beside the result, as the webhook methods give."""

    result: Any
    description: str


async def get_updates(world: World, updates: Updates, args: Args) -> list[Json]:
    if world.webhook_url:
        await updates.conflict(WEBHOOK_CONFLICT)
    offset, limit = args.number("offset"), args.number("limit", 100)
    return await updates.get(offset, limit, args.number("timeout"), args.text("allowed_updates"))


async def delete_webhook(world: World, updates: Updates, args: Args) -> Described:
    had = bool(world.webhook_url)
    world.webhook_url = ""
    if args.flag("drop_pending_updates"):
        updates.drop_pending()
    return Described(True, "Webhook was deleted" if had else "Webhook is already deleted")


async def set_webhook(world: World, updates: Updates, args: Args) -> Described:
    url = args.text("url")
    if not url:
        return await delete_webhook(world, updates, args)
    if not url.startswith("https://"):
        raise bad("bad webhook: An HTTPS URL must be provided for webhook")
    if (types := allowed_types(args.text("allowed_updates"))) is not None:
        updates.allowed = types
    world.webhook_url = url
    updates.abort(SET_WEBHOOK_CONFLICT)  # a waiting poll ends (Client.cpp abort_long_poll)
    return Described(True, "Webhook was set")


async def get_webhook_info(world: World, updates: Updates, args: Args) -> Json:
    return {
        "url": world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(updates.stored),
    }


WEBHOOK_METHODS: dict[str, Callable[[World, Updates, Args], Awaitable[Any]]] = {
    "getupdates": get_updates,
    "deletewebhook": delete_webhook,
    "setwebhook": set_webhook,
    "getwebhookinfo": get_webhook_info,
}
