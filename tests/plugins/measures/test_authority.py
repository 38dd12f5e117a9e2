"""Whether the bot may act itself, by its role and the target's (QQ's rules), and whom it asks."""

import pytest

from adapters.actions import Kick, Mute, Recall, SendGroup, SetAdmin
from adapters.message import text
from adapters.port import outranks
from plugins.measures.authority import Referral, may_act, referral


@pytest.mark.parametrize(
    ("bot", "target", "allowed"),
    [
        ("owner", "admin", True),
        ("owner", "member", True),
        ("owner", "owner", False),
        ("admin", "member", True),
        ("admin", "admin", False),
        ("admin", "owner", False),
        ("member", "member", False),
        (None, "member", False),
    ],
)
def test_qq_lets_a_role_act_only_below_itself(bot: str | None, target: str, allowed: bool) -> None:
    assert outranks(bot, target) is allowed  # type: ignore[arg-type]
    for action in (Recall(1, 1), Mute(1, 2, 60), Kick(1, 2)):
        assert may_act(action, bot, target) is allowed  # type: ignore[arg-type]


def test_an_unknown_target_is_taken_as_a_member_and_sends_need_no_rank() -> None:
    assert may_act(Recall(1, 1), "admin", None)
    assert not may_act(Recall(1, 1), "member", None)
    assert may_act(SendGroup(1, text("x")), "member", "owner")


def test_only_the_owner_moves_admin_rights() -> None:
    assert may_act(SetAdmin(1, 2, True), "owner", None)
    assert not may_act(SetAdmin(1, 2, True), "admin", None)


def test_the_owner_is_asked_unless_it_is_the_owner_and_a_sender_for_a_recall() -> None:
    assert referral(Recall(1, 1), "admin") == Referral(ask_owner=True, ask_sender=True)
    assert referral(Recall(1, 1), "owner") == Referral(ask_owner=False, ask_sender=True)
    assert referral(Kick(1, 2), "admin") == Referral(ask_owner=True, ask_sender=False)
