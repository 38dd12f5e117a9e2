"""The handover's pure decisions: arguments, refusals, the outgoing admin, checks, expiry, rights."""

from datetime import UTC, datetime, timedelta

import pytest

from adapters.events import Args
from models.handover import HandoverStatus
from plugins.handover.decide import (
    Check,
    OpenArgs,
    Refusal,
    RightsPlan,
    confirm_verdict,
    expires_at,
    failed_checks,
    is_expired,
    on_unit_roster,
    outgoing,
    parse_open,
    refusal,
    rights_plan,
    street_time,
)
from plugins.realname.roster import RosterEntry

NOW = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
NEW, OLD, OTHER, BOT = 50001, 40001, 40003, 99999


@pytest.mark.parametrize(
    ("words", "mentions", "expected"),
    [
        ((), (NEW,), OpenArgs(NEW, None, "", False)),
        (("調崗", "到街道"), (NEW,), OpenArgs(NEW, None, "調崗 到街道", False)),
        (("強制", "調崗"), (NEW,), OpenArgs(NEW, None, "調崗", True)),
        (("調崗", "强制"), (NEW,), OpenArgs(NEW, None, "調崗", True)),
        (("FORCE",), (NEW,), OpenArgs(NEW, None, "", True)),
        (("調崗",), (NEW, OLD), OpenArgs(NEW, OLD, "調崗", False)),
        ((str(NEW), "調崗"), (), OpenArgs(NEW, None, "調崗", False)),
        ((str(NEW), str(OLD), "2024年調崗"), (), OpenArgs(NEW, OLD, "2024年調崗", False)),
        (("強制調崗",), (NEW,), OpenArgs(NEW, None, "強制調崗", False)),  # not the word alone
    ],
)
def test_parse_open_reads_targets_reason_and_force(
    words: tuple[str, ...], mentions: tuple[int, ...], expected: OpenArgs
) -> None:
    assert parse_open(Args(words, mentions)) == expected


@pytest.mark.parametrize(
    ("words", "mentions"),
    [
        ((), ()),
        (("某人",), ()),
        (("1234",), ()),  # too short for an account
        ((), (NEW, OLD, OTHER)),
        ((), (NEW, NEW)),
    ],
)
def test_parse_open_without_a_clear_target_is_none(
    words: tuple[str, ...], mentions: tuple[int, ...]
) -> None:
    assert parse_open(Args(words, mentions)) is None


def _refusal(parsed: OpenArgs, department: bool = False, active: tuple[int, ...] = (OLD,)):  # type: ignore[no-untyped-def]
    return refusal(parsed, department=department, bot_id=BOT, active=list(active))


def test_refusals_before_anyone_is_looked_up() -> None:
    assert _refusal(OpenArgs(NEW, None, "", False)) is None
    assert _refusal(OpenArgs(NEW, None, "", True), department=True) is None
    assert _refusal(OpenArgs(NEW, None, "", True)) == Refusal.FORCE_NOT_DEPARTMENT
    assert _refusal(OpenArgs(NEW, None, "長" * 201, False)) == Refusal.REASON_TOO_LONG
    assert _refusal(OpenArgs(NEW, None, "長" * 200, False)) is None
    assert _refusal(OpenArgs(BOT, None, "", False)) == Refusal.SELF
    assert _refusal(OpenArgs(NEW, BOT, "", False)) == Refusal.SELF
    assert _refusal(OpenArgs(OLD, None, "", False)) == Refusal.ALREADY_ADMIN
    assert _refusal(OpenArgs(NEW, OTHER, "", False)) == Refusal.OLD_NOT_ADMIN


def test_the_outgoing_admin() -> None:
    plain = OpenArgs(NEW, None, "", False)
    assert outgoing(OpenArgs(NEW, OTHER, "", False), OLD, [OLD, OTHER]) == OTHER  # named
    assert outgoing(plain, OTHER, [OLD, OTHER]) == OTHER  # the opener is one of them
    assert outgoing(plain, 20001, [OLD]) == OLD  # the only one
    assert outgoing(plain, 20001, []) is None  # none to hand over from
    assert outgoing(plain, 20001, [OLD, OTHER]) == Refusal.WHICH_ADMIN


def test_failed_checks_name_each_failure() -> None:
    def checks(member: bool, black: bool, card: bool, roster: bool) -> tuple[Check, ...]:
        return failed_checks(
            is_member=member, blacklisted=black, card_accepted=card, on_unit_roster=roster
        )

    assert checks(True, False, True, False) == ()
    assert checks(True, False, False, True) == ()  # the roster says who they are
    assert checks(True, False, False, False) == (Check.NOT_REAL_NAMED,)
    assert checks(False, False, False, False) == (Check.NOT_MEMBER,)
    assert checks(False, True, False, True) == (Check.NOT_MEMBER, Check.BLACKLISTED)
    assert checks(True, True, False, False) == (Check.BLACKLISTED, Check.NOT_REAL_NAMED)


def test_on_unit_roster_needs_the_unit_and_the_post() -> None:
    assert on_unit_roster(RosterEntry("XX社区", "張三", NEW, "在崗"), "XX社區")
    assert not on_unit_roster(RosterEntry("XX社區", "張三", NEW, "調離"), "XX社區")
    assert not on_unit_roster(RosterEntry("XX村", "張三", NEW, "在崗"), "XX社區")
    assert not on_unit_roster(None, "XX社區")


def test_expiry_after_24_hours() -> None:
    due = expires_at(NOW)
    assert due == NOW + timedelta(hours=24)
    assert not is_expired(HandoverStatus.PENDING, due, due - timedelta(seconds=1))
    assert is_expired(HandoverStatus.PENDING, due, due)
    assert is_expired(HandoverStatus.EXPIRED, due, NOW)
    assert not is_expired(HandoverStatus.DONE, due, due + timedelta(days=1))


def test_confirm_verdicts() -> None:
    due = NOW + timedelta(hours=1)
    assert confirm_verdict(HandoverStatus.PENDING, NEW, due, NEW, NOW) == "confirm"
    assert confirm_verdict(HandoverStatus.PENDING, NEW, due, OTHER, NOW) == "not_named"
    assert confirm_verdict(HandoverStatus.PENDING, NEW, NOW, NEW, NOW) == "expired"
    assert confirm_verdict(HandoverStatus.EXPIRED, NEW, due, OTHER, NOW) == "expired"
    assert confirm_verdict(HandoverStatus.DONE, NEW, due, NEW, NOW) == "none"
    assert confirm_verdict(HandoverStatus.CANCELLED, NEW, due, NEW, NOW) == "none"


def test_rights_plan_never_touches_an_owner() -> None:
    assert rights_plan("member", "admin") == RightsPlan(grant=True, revoke=True)
    assert rights_plan("admin", "member") == RightsPlan(grant=False, revoke=False)
    assert not rights_plan("owner", "owner").needed
    assert rights_plan(None, None) == RightsPlan(grant=True, revoke=False)


def test_street_time_is_local() -> None:
    assert street_time(NOW, "Asia/Shanghai") == "2025-03-01 09:00"
    assert street_time(NOW, "UTC") == "2025-03-01 01:00"
