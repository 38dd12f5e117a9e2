"""Which missed messages are handed to the duties after a reconnect."""

from datetime import UTC, datetime, timedelta

from adapters.port import PastMessage
from plugins.catchup.plan import to_replay

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
BOT = 99999


def past(ident: int, minutes: int, user: int = 50001, text: str = "你好") -> PastMessage:
    return PastMessage(700100, ident, user, T0 + timedelta(minutes=minutes), text, raw={})


def test_only_what_came_after_the_last_seen_moment_oldest_first() -> None:
    messages = [past(3, 5), past(1, -5), past(4, 2)]
    assert [p.message_id for p in to_replay(messages, T0, BOT, {"/"})] == [4, 3]


def test_the_second_of_the_last_seen_moment_counts_but_what_was_handled_does_not() -> None:
    """Message times are whole seconds; the bot's last moment has its fraction."""
    seen_at = T0 + timedelta(milliseconds=400)
    same_second = [past(1, 0), past(2, 0)]
    kept = to_replay(same_second, seen_at, BOT, {"/"}, handled={1})
    assert [p.message_id for p in kept] == [2]


def test_the_bots_own_messages_and_commands_are_left_out() -> None:
    messages = [past(1, 1, user=BOT), past(2, 2, text=" /清理確認 3"), past(3, 3)]
    assert [p.message_id for p in to_replay(messages, T0, BOT, {"/"})] == [3]


def test_a_group_never_seen_speaking_has_nothing_missed() -> None:
    assert to_replay([past(1, 1)], None, BOT, {"/"}) == []


def test_an_empty_command_start_does_not_swallow_every_message() -> None:
    assert [p.message_id for p in to_replay([past(1, 1)], T0, BOT, {""})] == [1]
