"""How events reach the duties: one NoneBot matcher, the gate, in front of all of ours.

NoneBot starts a task for every matcher on every event and resolves each rule's and handler's
parameters by injection in further tasks: some 50–100 µs per matcher per message on a small
server. With forty duty and command matchers that alone held the bot near 50 messages a second
(bench/bench_dispatch.py). So the duties register their matchers here instead:

- `watch(f)`: `f(event)` is called for every event, before anything else (counting who spoke);
  plain and synchronous: no task, no injection.
- `on_message` / `on_notice` / `on_request`: a NoneBot matcher as usual (handlers, injection,
  `finish`), kept out of NoneBot's table, whose rule is a plain `check(bot, event)`.
- `on_command`: a command matcher, found by the command NoneBot's prefix trie has already read
  from the message (one dict lookup, whatever the number of commands).

The gate's rule calls the watchers, then every check of the event's kind, and passes only when
some matcher is chosen; its handler then runs the chosen ones in priority order through NoneBot's
own `check_and_run_matcher` (a blocking one, as every command is, ends the run). An ordinary
message costs one task, the shared scan, and a few dictionary lookups.

Before anything, an event that two of the bot's accounts received in one group is let through
for one of them only (core.accounts.admits): a group with one account pays a dictionary lookup.

Checks are all made when the event arrives, before any handler runs: they read the event (and the
shared scan), never what another matcher's handler did.
"""

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass

from nonebot.adapters import Bot, Event, Message
from nonebot.consts import CMD_ARG_KEY, CMD_KEY, PREFIX_KEY, RAW_CMD_KEY
from nonebot.exception import StopPropagation
from nonebot.log import logger
from nonebot.matcher import Matcher, matchers
from nonebot.message import check_and_run_matcher
from nonebot.permission import Permission
from nonebot.plugin.on import get_matcher_source
from nonebot.rule import Rule
from nonebot.rule import command as teach_trie
from nonebot.typing import T_DependencyCache, T_State

from adapters.events import is_edit
from core import members
from core.accounts import admits

Check = Callable[[Bot, Event], Awaitable[bool]]
Watcher = Callable[[Event], None]
CommandName = tuple[str, ...]

COMMAND_PRIORITY = 10
_CHOSEN = "qungui.dispatch.chosen"


@dataclass(frozen=True)
class _Entry:
    priority: int
    matcher: type[Matcher]
    check: Check


_watchers: list[Watcher] = []
_entries: dict[str, list[_Entry]] = {}  # by event kind, in priority order
_commands: dict[CommandName, type[Matcher]] = {}


def watch(watcher: Watcher) -> Watcher:
    """Call `watcher(event)` for every event (a decorator). It must be quick and never block."""
    _watchers.append(watcher)
    return watcher


def _new_matcher(priority: int, block: bool, depth: int) -> type[Matcher]:
    """A NoneBot matcher of our own: built by NoneBot, then taken out of NoneBot's table.

    `depth`: how many calls lie between the caller and the plugin module that defines it.
    Its NoneBot type stays open (""): the gate alone picks it, by the event's kind, and an
    edited message (read as a message, events.is_edit) would fail NoneBot's own type check.
    """
    matcher = Matcher.new(
        "",
        Rule(),
        Permission(),
        priority=priority,
        block=block,
        source=get_matcher_source(depth + 1),
    )
    matchers[priority].remove(matcher)
    if not matchers[priority]:
        del matchers[priority]
    return matcher


def _on(kind: str, check: Check, priority: int, block: bool) -> type[Matcher]:
    matcher = _new_matcher(priority, block, depth=2)
    entries = _entries.setdefault(kind, [])
    entries.append(_Entry(priority, matcher, check))
    entries.sort(key=lambda entry: entry.priority)  # stable: registration order within a priority
    return matcher


def on_message(check: Check, *, priority: int, block: bool = False) -> type[Matcher]:
    return _on("message", check, priority, block)


def on_notice(check: Check, *, priority: int) -> type[Matcher]:
    return _on("notice", check, priority, block=False)


def on_request(check: Check, *, priority: int) -> type[Matcher]:
    return _on("request", check, priority, block=False)


def on_command(names: set[str | CommandName], *, _depth: int = 0) -> type[Matcher]:
    """A command under each of `names`; it blocks (nothing runs after a command)."""
    teach_trie(*names)  # NoneBot's prefix trie learns the names; its rule object is not used
    matcher = _new_matcher(COMMAND_PRIORITY, block=True, depth=1 + _depth)
    for name in names:
        key = (name,) if isinstance(name, str) else name
        if key in _commands:
            raise ValueError(f"command {key!r} is registered twice")
        _commands[key] = matcher
    return matcher


def registered() -> list[type[Matcher]]:
    """Every matcher the gate runs (each once)."""
    duties = [entry.matcher for entries in _entries.values() for entry in entries]
    return list(dict.fromkeys([*duties, *_commands.values()]))


def command_of(state: T_State) -> CommandName | None:
    """The command the message starts with, as NoneBot's prefix trie read it (None: no command)."""
    prefix = state.get(PREFIX_KEY)
    name = prefix.get(CMD_KEY) if isinstance(prefix, dict) else None
    return name if isinstance(name, tuple) else None


async def choose(bot: Bot, event: Event, state: T_State) -> list[type[Matcher]]:
    """The matchers this event is for, in the order they run. A failing check counts as no."""
    if not await admits(bot, event):
        return []  # another of the bot's accounts in the group handles it
    edited = is_edit(event)  # read as a message by the duties, never a command
    kind = "message" if edited else event.get_type()
    for watcher in _watchers:
        try:
            watcher(event)
        except Exception:
            logger.exception(f"watcher {watcher.__qualname__} failed")
    await members.watch(event)  # the member list kept where the platform gives none
    chosen: list[tuple[int, type[Matcher]]] = []
    for entry in _entries.get(kind, ()):
        try:
            if await entry.check(bot, event):
                chosen.append((entry.priority, entry.matcher))
        except Exception:
            logger.exception(f"check of {entry.matcher} failed")
    command = _commands.get(command_of(state) or ()) if kind == "message" and not edited else None
    if command is not None:
        chosen.append((COMMAND_PRIORITY, command))
    chosen.sort(key=lambda pair: pair[0])  # stable: equal priorities keep registration order
    return [matcher for _, matcher in chosen]


class _GateRule(Rule):
    """The gate's rule, called directly (a plain `Rule` would cost a task and injection)."""

    async def __call__(
        self,
        bot: Bot,
        event: Event,
        state: T_State,
        stack: AsyncExitStack | None = None,
        dependency_cache: T_DependencyCache | None = None,
    ) -> bool:
        chosen = await choose(bot, event, state)
        state[_CHOSEN] = chosen
        if chosen and command_of(state) is not None:
            _keep_segments(event, state)
        return bool(chosen)


def command_arg(message: Message, raw_command: str) -> Message:
    """What follows the command word `raw_command` in `message`, its segments as they came.

    NoneBot's own reading (nonebot.rule.TrieRule) joins every text-like segment after a bare
    command word into plain text: on Telegram, where a person picked in the client is a
    text_mention segment (text-like), `/禁言 @小明 10m` would lose its mention. Only plain text
    segments are joined here; on QQ, where a mention is no text, both readings agree.
    """
    rest = message.copy()
    first = str(rest.pop(0)).lstrip()
    arg = first[len(raw_command) :] if first.startswith(raw_command) else first
    while not arg.strip() and rest and rest[0].type == "text":
        arg += str(rest.pop(0))
    if arg.strip():
        for segment in reversed(message.__class__(arg.lstrip())):
            rest.insert(0, segment)
    return rest


def _keep_segments(event: Event, state: T_State) -> None:
    """The command's argument with its mentions kept as mentions (core.commands.command_arg)."""
    prefix = state.get(PREFIX_KEY)
    raw = prefix.get(RAW_CMD_KEY) if isinstance(prefix, dict) else None
    if isinstance(prefix, dict) and isinstance(raw, str):
        prefix[CMD_ARG_KEY] = command_arg(event.get_message(), raw)


async def _run_chosen(bot: Bot, event: Event, state: T_State) -> None:
    for matcher in state.pop(_CHOSEN, ()):
        try:
            await check_and_run_matcher(matcher, bot, event, state.copy())
        except StopPropagation:
            break


gate = Matcher.new("", _GateRule(), Permission(), handlers=[_run_chosen], priority=1)
