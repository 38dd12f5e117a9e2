"""NoneBot's OneBot v11 adapter, with a bounded inbox per account and ids checked at the edge.

The stock adapter starts a task for every frame it receives, with no bound: a burst of 20,000
group messages held 300 MB and more, answered `/群規` after half a minute, and at 60,000 stalled
the event loop until the socket closed. Here each connection's reader hands parsed events to an
inbox (adapters/inbox.py: `QUNGUI_INBOX_SIZE` events waiting at most, `QUNGUI_INBOX_WORKERS`
workers); when it is full the reader stops reading, and TCP slows NapCat down.

- Answers to the bot's own calls (frames without `post_type`, matched by `echo`) go straight to
  the adapter's result store as they are read: they never wait for room in the inbox.
- A connection that ends fails the calls still waiting for its answers at once (NetworkError),
  so a measure that was waiting is sealed unconfirmed now, not after the 30 s API timeout; and a
  call whose frame cannot be sent on a closing socket fails the same way.
- An event with an id out of range (adapters/onebot_edge.py) is dropped with one log line of
  its ids; nothing after the reader sees it.

Reverse and forward WebSocket both go through the inbox; events POSTed over HTTP are left as the
stock adapter handles them (one request each, which the sender paces itself).
"""

import asyncio
import contextlib
import json
from functools import partial
from typing import Any, cast

from nonebot import get_plugin_config
from nonebot.adapters.onebot.v11 import Adapter as StockAdapter
from nonebot.adapters.onebot.v11 import Bot, Event, LifecycleMetaEvent
from nonebot.adapters.onebot.v11.exception import NetworkError
from nonebot.drivers import URL, Driver, Request, WebSocket
from nonebot.exception import WebSocketClosed
from nonebot.log import logger
from nonebot.utils import escape_tag
from websockets.exceptions import ConnectionClosed

from adapters.inbox import Inbox, awaiting_answer
from adapters.onebot_edge import bad_id, shown_ids
from core.settings import Settings

RECONNECT_INTERVAL = 3.0  # as the stock adapter's forward WebSocket
# What sending a frame on a socket that is closing raises, by server: uvicorn (ClientDisconnected,
# an OSError), starlette (RuntimeError once a close was sent), the websockets client.
_SEND_FAILED = (OSError, RuntimeError, WebSocketClosed, ConnectionClosed)


class _Link:
    """One live connection of an account: its socket, its inbox, and whether it has ended."""

    def __init__(self, websocket: WebSocket, inbox: Inbox[Event | str | bytes]) -> None:
        self.websocket = websocket
        self.inbox = inbox
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()


class Adapter(StockAdapter):
    def __init__(self, driver: Driver, **kwargs: Any) -> None:
        super().__init__(driver, **kwargs)
        settings = get_plugin_config(Settings)
        self.inbox_size = settings.qungui_inbox_size
        self.inbox_workers = settings.qungui_inbox_workers
        self.links: dict[str, _Link] = {}

    # --- events in --------------------------------------------------------------------------

    @classmethod
    def json_to_event(cls, json_data: Any) -> Event | None:
        """As the stock adapter (an answer goes to the result store), but an event whose ids
        are out of range is refused here, with one line of its ids."""
        if isinstance(json_data, dict) and "post_type" in json_data:
            field = bad_id(json_data)
            if field is not None:
                logger.warning(
                    f"OneBot event refused, {field} out of range: {shown_ids(json_data)}"
                )
                return None
        return super().json_to_event(json_data)

    async def _handle_ws(self, websocket: WebSocket) -> None:
        self_id = websocket.request.headers.get("x-self-id")
        if not self_id:
            logger.warning("OneBot: missing X-Self-ID header")
            await websocket.close(1008, "Missing X-Self-ID Header")
            return
        if self_id in self.bots:
            logger.warning(f"OneBot: there is already a bot {escape_tag(self_id)}, refused")
            await websocket.close(1008, "Duplicate X-Self-ID")
            return
        refused = self._check_access_token(websocket.request)
        if refused is not None:
            await websocket.close(1008, cast(str, refused.content))
            return
        await websocket.accept()
        bot = Bot(self, self_id)
        link = self._open(bot, websocket)
        logger.info(f"<y>Bot {escape_tag(self_id)}</y> connected")
        try:
            await self._read(websocket, link)
        except WebSocketClosed:
            logger.warning(f"WebSocket for Bot {escape_tag(self_id)} closed by peer")
        except Exception as exc:
            logger.opt(exception=exc).error(
                f"Error while reading the WebSocket of Bot {escape_tag(self_id)}"
            )
        finally:
            with contextlib.suppress(Exception):
                await websocket.close()
            self._close(bot, link)

    async def _read(self, websocket: WebSocket, link: _Link) -> None:
        """Read frames until the socket closes: answers to the result store at once, events
        into the inbox (waiting there for room). A frame that is not JSON raises, as in the
        stock adapter (NapCat reconnects)."""
        while True:
            frame = await websocket.receive()
            data = json.loads(frame)
            if not isinstance(data, dict) or "post_type" not in data:
                self.json_to_event(data)  # an answer: stored for its caller now
                continue
            if await link.inbox.room():
                event = self.json_to_event(data)
                if event is not None:
                    link.inbox.push(event)
            else:
                # Past the bound (every worker waits for an answer behind this frame): kept as
                # the frame, a quarter of a parsed event, and read when a worker takes it.
                link.inbox.push(frame)
                await asyncio.sleep(0)  # let an answer just read reach its worker

    async def _handle(self, bot: Bot, item: Event | str | bytes) -> None:
        event = item if isinstance(item, Event) else self.json_to_event(json.loads(item))
        if event is not None:
            await bot.handle_event(event)

    def _open(self, bot: Bot, websocket: WebSocket) -> _Link:
        inbox: Inbox[Event | str | bytes] = Inbox(
            partial(self._handle, bot),
            size=self.inbox_size,
            workers=self.inbox_workers,
            name=bot.self_id,
        )
        link = _Link(websocket, inbox)
        self.bot_connect(bot)
        self.connections[bot.self_id] = websocket
        self.links[bot.self_id] = link
        for worker in inbox.workers:
            self.tasks.add(worker)  # cancelled at shutdown, as the stock adapter's tasks
            worker.add_done_callback(self.tasks.discard)
        return link

    def _close(self, bot: Bot, link: _Link) -> None:
        """The connection ended: its waiting calls fail now; what is in the inbox is still
        handled (its measures find no connection and are sealed unconfirmed, to be retried)."""
        if not link.ended.done():
            link.ended.set_result(None)
        if self.links.get(bot.self_id) is link:
            del self.links[bot.self_id]
            self.connections.pop(bot.self_id, None)
        link.inbox.close()
        logger.info(
            f"Bot {escape_tag(bot.self_id)}: inbox closed; at most {link.inbox.peak} events "
            f"waited at once, {link.inbox.waiting} still to handle"
        )
        with contextlib.suppress(RuntimeError):
            self.bot_disconnect(bot)

    # --- calls out --------------------------------------------------------------------------

    async def _call_api(self, bot: Bot, api: str, **data: Any) -> Any:  # type: ignore[override]
        link = self.links.get(bot.self_id)
        if link is None:
            return await super()._call_api(bot, api, **data)  # HTTP, or ApiNotAvailable
        call = asyncio.ensure_future(super()._call_api(bot, api, **data))
        try:
            with awaiting_answer():
                await asyncio.wait({call, link.ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if not call.done():
                call.cancel()
        if not call.done() or call.cancelled():
            raise NetworkError(f"WebSocket call api {api}: the connection ended before the answer")
        try:
            return call.result()
        except _SEND_FAILED as exc:
            raise NetworkError(f"WebSocket call api {api}: {type(exc).__name__}") from exc

    # --- forward WebSocket: the bot dials NapCat ----------------------------------------------

    async def _forward_ws(self, url: URL) -> None:
        headers = {}
        if self.onebot_config.onebot_access_token:
            headers["Authorization"] = f"Bearer {self.onebot_config.onebot_access_token}"
        request = Request("GET", url, headers=headers, timeout=30.0)
        while True:
            try:
                async with self.websocket(request) as ws:
                    await self._forward_session(ws)
            except Exception as exc:
                logger.opt(exception=exc).error(
                    f"OneBot forward WebSocket {escape_tag(str(url))}: reconnecting"
                )
            await asyncio.sleep(RECONNECT_INTERVAL)

    async def _forward_session(self, ws: WebSocket) -> None:
        """Until NapCat's lifecycle `connect` event names the account nothing is handled (as in
        the stock adapter); from then on frames are read as on a reverse connection."""
        while True:
            event = self.json_to_event(json.loads(await ws.receive()))
            if isinstance(event, LifecycleMetaEvent) and event.sub_type == "connect":
                break
        bot = Bot(self, str(event.self_id))
        link = self._open(bot, ws)
        logger.info(f"<y>Bot {escape_tag(bot.self_id)}</y> connected")
        try:
            await link.inbox.put(event)
            await self._read(ws, link)
        finally:
            self._close(bot, link)
