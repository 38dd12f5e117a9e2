"""core.dispatch: one NoneBot matcher, the gate, runs every duty's and command's matcher."""

import pytest
from nonebot.adapters import Bot, Event
from nonebot.matcher import Matcher, matchers
from nonebug import App

from core import dispatch
from tests.factories import group_msg, make_bot, mark_for_nonebug


@pytest.fixture
def scratch(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dispatch tables as the plugins left them, restored after the test; what ran, in order."""
    monkeypatch.setattr(dispatch, "_watchers", list(dispatch._watchers))
    monkeypatch.setattr(
        dispatch, "_entries", {kind: list(e) for kind, e in dispatch._entries.items()}
    )
    monkeypatch.setattr(dispatch, "_commands", dict(dispatch._commands))
    return []


def recorder(
    ran: list[str], name: str, monkeypatch: pytest.MonkeyPatch, matcher: type[Matcher]
) -> type[Matcher]:
    mark_for_nonebug(matcher, monkeypatch)

    async def handler() -> None:
        ran.append(name)

    matcher.append_handler(handler)
    return matcher


def says(answer: bool, seen: list[str] | None = None) -> dispatch.Check:
    async def check(bot: Bot, event: Event) -> bool:
        if seen is not None:
            seen.append(event.get_plaintext())
        return answer

    return check


def test_nonebot_itself_holds_only_the_gate() -> None:
    """A matcher made with NoneBot's own on_message would cost every message a task."""
    assert [m for group in matchers.values() for m in group] == [dispatch.gate]
    assert len(dispatch.registered()) > 30  # every plugin's commands and duty matchers


async def test_matchers_run_in_priority_order_and_only_when_their_check_passes(
    app: App, scratch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder(scratch, "late", monkeypatch, dispatch.on_message(says(True), priority=8))
    recorder(scratch, "no", monkeypatch, dispatch.on_message(says(False), priority=2))
    recorder(scratch, "early", monkeypatch, dispatch.on_message(says(True), priority=3))
    recorder(scratch, "notice", monkeypatch, dispatch.on_notice(says(True), priority=1))
    async with app.test_matcher() as ctx:
        ctx.receive_event(make_bot(ctx), group_msg("今天下午開會"))
    assert scratch == ["early", "late"]


async def test_a_command_is_found_by_name_and_ends_the_run(
    app: App, scratch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder(scratch, "duty", monkeypatch, dispatch.on_message(says(True), priority=4))
    recorder(scratch, "command", monkeypatch, dispatch.on_command({"調度測試", "dispatch_test"}))
    recorder(scratch, "after", monkeypatch, dispatch.on_message(says(True), priority=20))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/dispatch_test 參數"))
        ctx.receive_event(bot, group_msg("調度測試 不帶斜線的不是命令"))
    assert scratch == ["duty", "command", "duty", "after"]


def test_a_command_name_is_taken_once(scratch: list[str]) -> None:
    dispatch.on_command({"調度重名"})
    with pytest.raises(ValueError, match="registered twice"):
        dispatch.on_command({"調度重名", "other"})


async def test_watchers_see_every_event_and_a_failing_one_or_a_failing_check_stops_nothing(
    app: App, scratch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    @dispatch.watch
    def _broken(event: Event) -> None:
        raise RuntimeError("watcher bug")

    @dispatch.watch
    def _count(event: Event) -> None:
        scratch.append(f"saw {event.get_plaintext()}")

    async def broken(bot: Bot, event: Event) -> bool:
        raise RuntimeError("check bug")

    dispatch.on_message(broken, priority=2)
    recorder(scratch, "ran", monkeypatch, dispatch.on_message(says(True), priority=3))
    async with app.test_matcher() as ctx:
        ctx.receive_event(make_bot(ctx), group_msg("甲"))
    assert scratch == ["saw 甲", "ran"]


async def test_checks_read_the_event_before_any_handler_runs(
    app: App, scratch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder(scratch, "first", monkeypatch, dispatch.on_message(says(True, scratch), priority=2))
    recorder(scratch, "second", monkeypatch, dispatch.on_message(says(True, scratch), priority=3))
    async with app.test_matcher() as ctx:
        ctx.receive_event(make_bot(ctx), group_msg("乙"))
    assert scratch == ["乙", "乙", "first", "second"]
