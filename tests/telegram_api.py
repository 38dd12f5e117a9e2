"""A Telegram Bot API for tests, as strict as the real one, over real HTTP on 127.0.0.1.

It serves `POST /bot<token>/<method>` (GET too) as api.telegram.org does, answering
`{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}` with that
HTTP status, from a model of Telegram (tests/telegram_api_state.py). Parameters are read the way
tdlib/telegram-bot-api reads them: from the query string, a JSON body (a non-string value as its
JSON text), a form or a multipart body (files by field name), every value a string; the adapter
sends its own values JSON-encoded as strings (nonebot/adapters/telegram/adapter.py `_call_api`).

The methods are in tests/telegram_api_methods.py (messages, members, commands), getUpdates and
the webhook methods beside the update queue in tests/telegram_api_updates.py. Each
rule names its source next to it: a section of core.telegram.org/bots/api, the Bot API server's
source (tdlib/telegram-bot-api Client.cpp), TDLib's, or "observed" for Telegram's own wording.

What happens in Telegram is made with the helpers below (tests/telegram_api_inject.py): people
(`add_user`), groups and members as they already are (`add_group`, `put`), and what people do,
each as the update the real API sends: `group_message` (entities, `reply_to=`,
`forward_origin=api.origin_user(…)`, `text_mention`), `document_message`, `photo_message`,
`edit`, `private_message` (the user has then started the bot), `join_request`, `joins`,
`leaves`, `member_update`. Messages get their chat's next id and are kept (`messages`).

Every call is kept in `calls` (method, decoded params, time, answer); `wait_call` waits for one.
A test can answer a method its own way (`answers`), and slow sends with flood control (`flood`).
The clock (`clock.shift`) ages messages, join requests, restrictions and updates.
"""

import asyncio
import contextlib
import json
import socket
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse

from tests import telegram_api_inject as inject
from tests.telegram_api_methods import BOT_API_METHODS, METHODS, SENDING
from tests.telegram_api_state import ApiError, Args, Clock, Json, TgUser, World, bad, to_int
from tests.telegram_api_updates import WEBHOOK_METHODS, Described, Updates

TOKEN = "7000000001:AAH-test-token-for-the-fake-bot-api-00"
USERNAME = "qungui_test_bot"

# Parameters that are text, never JSON: kept as the strings they are when calls are decoded.
TEXT_PARAMS = frozenset(
    "text caption parse_mode custom_title language_code url secret_token description title "
    "bio emoji name short_description query callback_query_id".split()
)


@dataclass
class Call:
    method: str  # as the URL names it (the adapter's camelCase)
    params: dict[str, Any]  # each JSON-encoded value decoded back; text parameters as they are
    raw: dict[str, str]  # as the server reads them
    files: dict[str, tuple[str, bytes]]
    at: float = field(default_factory=time.time)
    status: int = 0  # the HTTP status it was answered with (0 while unanswered)
    answer: Any = None  # the result, or the refusal's description


@dataclass
class Flood:
    """At most `count` sends per `per` seconds to a chat; beyond that 429 with retry_after,
    and every send until then too (core.telegram.org/bots/faq#broadcasting-to-users)."""

    count: int
    per: float
    retry_after: int
    sent: list[float] = field(default_factory=list)
    blocked_until: float = 0.0

    def check(self) -> None:
        now = time.monotonic()
        if now < self.blocked_until:
            wait = max(1, int(self.blocked_until - now + 0.999))
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        self.sent = [t for t in self.sent if t > now - self.per]
        if len(self.sent) >= self.count:
            self.blocked_until = now + self.retry_after
            raise ApiError(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        self.sent.append(now)


def _decoded(raw: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            out[key] = value if key in TEXT_PARAMS else json.loads(value)
        except ValueError:
            out[key] = value
    return out


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # the test runner keeps its own signal handlers


class TelegramApi:
    def __init__(self, token: str = TOKEN, username: str = USERNAME, poll_cap: float = 2.0) -> None:
        self.clock = Clock()
        self.world = World(token, username, self.clock)
        self.updates = Updates(self.clock, poll_cap)
        self.world.emit = self.updates.push
        self.calls: list[Call] = []
        self.unmodelled: list[Call] = []  # real Bot API methods the fake answered 404
        self.faults: list[str] = []  # the fake's own errors (answered 500): a bug here
        self.answers: dict[str, Callable[[Call], Any]] = {}  # lowercased method → result | ApiError
        self.floods: dict[int | None, Flood] = {}  # chat id (None: every chat) → its limit
        self.port = 0
        self._new_call = asyncio.Event()
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None

    # --- the server -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The `api_server` to configure: calls go to `{url}bot{token}/{method}`."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def bot(self) -> TgUser:
        return self.world.bot

    async def start(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            self._asgi,
            interface="asgi3",
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = _Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:
            assert not self._task.done(), "the fake Bot API did not start"
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self.updates.close()
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task

    async def __aenter__(self) -> "TelegramApi":
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _asgi(self, scope: Any, receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        status, body = await self._handle(request)
        await JSONResponse(body, status_code=status)(scope, receive, send)

    async def _args(self, request: Request) -> Args:
        args = Args(dict(request.query_params))
        kind = request.headers.get("content-type", "")
        if kind.startswith("application/json"):
            data = await request.body()
            body = json.loads(data) if data.strip() else {}
            if not isinstance(body, dict):
                raise bad("can't parse JSON object")
            for key, value in body.items():
                args.values[key] = value if isinstance(value, str) else json.dumps(value)
        elif kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
            async with request.form() as form:
                for key, value in form.multi_items():
                    if isinstance(value, UploadFile):
                        args.files[key] = (value.filename or key, await value.read())
                    else:
                        args.values[key] = value
        return args

    async def _handle(self, request: Request) -> tuple[int, Json]:
        path = request.url.path
        if not path.startswith("/bot") or "/" not in path[4:] or not path.split("/", 2)[2]:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = path[4:].split("/", 1)
        try:
            args = await self._args(request)
        except (ApiError, ValueError) as exc:
            error = exc if isinstance(exc, ApiError) else bad("can't parse JSON object")
            return error.code, error.body()
        call = Call(method, _decoded(args.values), dict(args.values), dict(args.files))
        self.calls.append(call)
        self._new_call.set()
        try:
            result = await self._answer(token, method.lower(), args, call)
            body: Json = {"ok": True, "result": result}
            if isinstance(result, Described):
                body = {"ok": True, "result": result.result, "description": result.description}
            call.status, call.answer = 200, body["result"]
        except ApiError as error:
            call.status, call.answer, body = error.code, error.description, error.body()
        except Exception:
            self.faults.append(traceback.format_exc())
            call.status, body = (
                500,
                {"ok": False, "error_code": 500, "description": "Internal Server Error"},
            )
        self._new_call.set()
        return call.status, body

    async def _answer(self, token: str, method: str, args: Args, call: Call) -> Any:
        if token != self.token:
            # A token the server cannot read is "invalid token specified" (ClientManager.cpp);
            # one that reads as a token but is no bot's is a plain "Unauthorized".
            well_formed = ":" in token and token.split(":", 1)[0].isdigit()
            raise ApiError(
                401, "Unauthorized" if well_formed else "Unauthorized: invalid token specified"
            )
        if method in self.answers:
            own = self.answers[method](call)
            if isinstance(own, ApiError):
                raise own
            return own
        if method in SENDING:
            chat_id = to_int(args.text("chat_id"))
            for limit in (self.floods.get(chat_id), self.floods.get(None)):
                if limit is not None:
                    limit.check()
        if method in METHODS:
            return METHODS[method](self.world, args)
        if method in WEBHOOK_METHODS:
            return await WEBHOOK_METHODS[method](self.world, self.updates, args)
        if method in BOT_API_METHODS:
            self.unmodelled.append(call)
        # api.telegram.org answers an unknown method with a bare "Not Found" (the server's own
        # source says "Not Found: method not found"); the adapter raises ApiNotAvailable on 404.
        raise ApiError(404, "Not Found")

    # --- calls ------------------------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    async def wait_call(
        self,
        method: str,
        where: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline for the whole wait, as Peer has
        after: int = 0,
    ) -> Call:
        """The first answered call of `method` (any case) from `calls[after:]` whose decoded
        params satisfy `where`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for call in self.calls[after:]:
                if (
                    call.method.lower() == method.lower()
                    and call.status
                    and (where is None or where(call.params))
                ):
                    return call
            self._new_call.clear()
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                seen = [f"{c.method}:{c.status}" for c in self.calls[after:]]
                raise TimeoutError(f"no {method} call as wanted within {timeout} s; saw {seen}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), left)

    def flood(
        self, chat_id: int | None = None, count: int = 1, per: float = 1.0, retry_after: int = 5
    ) -> None:
        """Flood control for sends to `chat_id` (None: to any chat)."""
        self.floods[chat_id] = Flood(count, per, retry_after)

    # --- Telegram's side: people, groups, and what they do ---------------------------------

    def add_user(self, user_id: int, first_name: str, **options: Any) -> TgUser:
        return inject.add_user(self.world, user_id, first_name, **options)

    def add_group(self, chat_id: int, title: str, **options: Any) -> Any:
        return inject.add_group(self.world, chat_id, title, **options)

    def put(self, chat_id: int, user_id: int, status: str = "member", **fields: Any) -> Any:
        return inject.put(self.world, chat_id, user_id, status, **fields)

    def group_message(self, chat_id: int, user_id: int, text: str, **options: Any) -> Json:
        """A text message (entities: given ones plus the commands and mentions Telegram finds;
        reply_to=message_id; forward_origin=api.origin_user(…))."""
        return inject.text_message(self.world, chat_id, user_id, text, **options)

    def document_message(
        self, chat_id: int, user_id: int, caption: str = "", **options: Any
    ) -> Json:
        return inject.media_message(self.world, chat_id, user_id, "document", caption, **options)

    def photo_message(self, chat_id: int, user_id: int, caption: str = "", **options: Any) -> Json:
        return inject.media_message(self.world, chat_id, user_id, "photo", caption, **options)

    def edit(self, chat_id: int, message_id: int, text: str) -> Json:
        return inject.edit(self.world, chat_id, message_id, text)

    def private_message(self, user_id: int, text: str, **options: Any) -> Json:
        return inject.private_message(self.world, user_id, text, **options)

    def join_request(self, chat_id: int, user_id: int, bio: str | None = None) -> Json:
        return inject.join_request(self.world, chat_id, user_id, bio)

    def member_update(self, chat_id: int, user_id: int, status: str, **options: Any) -> None:
        inject.member_update(self.world, chat_id, user_id, status, **options)

    def joins(self, chat_id: int, user_id: int, by: int | None = None) -> None:
        inject.joins(self.world, chat_id, user_id, by=by)

    def leaves(self, chat_id: int, user_id: int) -> None:
        inject.leaves(self.world, chat_id, user_id)

    def origin_user(self, user_id: int, date: int | None = None) -> Json:
        return inject.origin_user(self.world, user_id, date)

    def origin_hidden(self, name: str, date: int | None = None) -> Json:
        return inject.origin_hidden(self.world, name, date)

    text_mention = staticmethod(inject.text_mention)

    def member_status(self, chat_id: int, user_id: int) -> str:
        return self.world.member(self.world.chats[chat_id], user_id).status

    def messages(self, chat_id: int) -> dict[int, Json]:
        """What is left in a chat, by message id."""
        return {i: m.body for i, m in self.world.chats[chat_id].messages.items()}
