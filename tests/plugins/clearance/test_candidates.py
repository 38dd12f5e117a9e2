"""The weekly check as a pure function: each reason, the exemptions, and who is never removed."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from adapters.port import Member, Role
from core import runtime
from plugins.clearance.candidates import (
    Candidate,
    CardMemo,
    Facts,
    article_for,
    last_seen,
    sweep,
)
from plugins.realname.card import DEFAULT_CARD_PATTERN, CardVerdict, compile_card_rule
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

from .people import AT, LATELY, LI, LONG_AGO, ROSTER, SUN, WANG, ZHANG, ZHAO

SELF = 99999
STRANGER = 50002
RULE = compile_card_rule(DEFAULT_CARD_PATTERN, "test")


def person(
    user_id: int,
    card: str,
    role: Role = "member",
    *,
    spoke: datetime | None = LATELY,
    joined: datetime | None = LONG_AGO,
) -> Member:
    return Member(user_id, f"u{user_id}", card, role, join_time=joined, last_sent_time=spoke)


def facts(*members: Member, **changes: object) -> Facts:
    base = Facts(
        members=members,
        self_id=SELF,
        group_unit="XX社區",
        rule=RULE,
        roster=RosterIndex(ROSTER),
        now=AT,
        silent_days=90,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def reasons(result_of: Facts) -> dict[int, tuple[str, ...]]:
    result = sweep(result_of)
    return {c.user_id: c.reasons for c in (*result.remove, *result.kept)}


def test_each_reason_is_found_and_a_compliant_member_is_not_listed() -> None:
    found = reasons(
        facts(
            person(ZHANG.account, "XX社區-張三"),  # compliant, spoke lately
            person(LI.account, "XX社區-李四"),  # 調離 on the roster
            person(STRANGER, "路人甲"),  # bad card, on no roster
            person(WANG.account, "YY村-王五"),  # a visitor of YY村, 在崗: accepted
            person(ZHAO.account, "XX社區-趙六", spoke=AT - timedelta(days=120)),
            person(SUN.account, "XX社區-孫七"),
            blacklisted={SUN.account},
        )
    )
    assert found == {
        LI.account: ("departed",),  # no card to fix for someone who left the post
        STRANGER: ("card", "not_on_roster"),
        ZHAO.account: ("silent",),
        SUN.account: ("blacklisted",),
    }


def test_the_bot_is_never_looked_at_and_exempted_members_are_left_out() -> None:
    result = sweep(
        facts(
            person(SELF, "機器人", "admin"),
            person(STRANGER, "路人甲"),
            person(50003, "路人乙"),
            exempt={50003},
        )
    )
    assert result.total == 2
    assert [c.user_id for c in result.remove] == [STRANGER]
    assert result.exempted == 1
    assert result.to_fix_card == (STRANGER,)


def test_owners_admins_and_protected_people_are_kept_not_removed() -> None:
    result = sweep(
        facts(
            person(40002, "群主", "owner"),
            person(LI.account, "XX社區-李四", "admin"),  # a departed admin: flagged
            person(40001, "管理"),  # a registered admin, a plain member on the platform
            person(STRANGER, "路人甲"),
            protected={40001},
        )
    )
    assert [c.user_id for c in result.remove] == [STRANGER]
    assert [c.user_id for c in result.kept] == [40002, LI.account, 40001]
    assert [c.user_id for c in result.departed_admins] == [LI.account]
    assert result.to_fix_card == (40002, 40001, STRANGER)


def test_a_blacklisted_member_is_not_asked_to_fix_their_card() -> None:
    result = sweep(facts(person(STRANGER, "路人甲"), blacklisted={STRANGER}))
    assert result.remove == (
        Candidate(STRANGER, "路人甲", ("card", "not_on_roster", "blacklisted")),
    )
    assert result.to_fix_card == ()


def test_a_member_whose_card_deadline_still_runs_is_not_listed_for_the_card() -> None:
    found = reasons(facts(person(STRANGER, "路人甲"), running_deadlines={STRANGER}))
    assert found == {STRANGER: ("not_on_roster",)}


def test_without_the_real_name_duty_cards_are_not_judged() -> None:
    found = reasons(facts(person(ZHANG.account, "亂寫"), person(STRANGER, "亂寫"), rule=None))
    assert found == {STRANGER: ("not_on_roster",)}


def test_a_unit_without_a_roster_lists_nobody_as_not_on_it() -> None:
    other = RosterIndex([RosterEntry("YY村", "王五", WANG.account, "在崗")])
    found = reasons(facts(person(STRANGER, "XX社區-路人"), roster=other))
    assert found == {}


def test_silence_counts_the_latest_sign_of_life() -> None:
    old = AT - timedelta(days=91)
    member = person(ZHAO.account, "XX社區-趙六", spoke=old, joined=LONG_AGO)
    assert reasons(facts(member)) == {ZHAO.account: ("silent",)}
    # The bot saw them speak since: not silent.
    assert reasons(facts(member, seen={ZHAO.account: LATELY})) == {}
    # Never spoke: the join time stands in; joined lately is not silent.
    assert reasons(facts(person(ZHAO.account, "XX社區-趙六", spoke=None, joined=LATELY))) == {}
    never = person(ZHAO.account, "XX社區-趙六", spoke=None, joined=old)
    assert reasons(facts(never)) == {ZHAO.account: ("silent",)}
    # Nothing known at all: not listed as silent.
    assert reasons(facts(person(ZHAO.account, "XX社區-趙六", spoke=None, joined=None))) == {}
    # Exactly N days is silent; a minute less is not.
    edge = AT - timedelta(days=90)
    assert last_seen(person(1, "", spoke=edge), {}) == edge
    assert reasons(facts(person(ZHAO.account, "XX社區-趙六", spoke=edge))) == {
        ZHAO.account: ("silent",)
    }
    recent = person(ZHAO.account, "XX社區-趙六", spoke=edge + timedelta(minutes=1))
    assert reasons(facts(recent)) == {}


def test_a_handover_record_counts_only_since_the_member_last_joined() -> None:
    member = person(ZHAO.account, "XX社區-趙六", joined=AT - timedelta(days=10))
    before = {ZHAO.account: AT - timedelta(days=30)}
    after = {ZHAO.account: AT - timedelta(days=5)}
    assert reasons(facts(member, departed_admins=before)) == {}
    assert reasons(facts(member, departed_admins=after)) == {ZHAO.account: ("departed",)}


def test_counts_follow_the_reason_order_and_the_article_fits() -> None:
    result = sweep(
        facts(
            person(STRANGER, "路人甲"),
            person(LI.account, "XX社區-李四", "admin"),
            person(SUN.account, "XX社區-孫七"),
            blacklisted={SUN.account},
        )
    )
    assert result.counts() == [
        ("card", 1),
        ("not_on_roster", 1),
        ("departed", 1),
        ("blacklisted", 1),
    ]
    assert article_for(("card", "departed"), runtime.rulebook()) == 14
    assert article_for(("not_on_roster", "silent"), runtime.rulebook()) == 4
    # The name on the admins' list is the card, else the nickname.
    assert sweep(facts(person(1, "亂寫"), person(2, ""))).remove == (
        Candidate(1, "亂寫", ("card", "not_on_roster")),
        Candidate(2, "u2", ("card", "not_on_roster")),
    )


def test_a_shared_card_memo_judges_a_card_once_and_changes_no_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plugins.clearance import candidates

    judged: list[int] = []
    real = candidates.judge_members

    def counting(members: Iterable[tuple[int, str]], *args: Any) -> dict[int, CardVerdict]:
        listed = list(members)
        judged.extend(uid for uid, _ in listed)
        return real(listed, *args)

    monkeypatch.setattr(candidates, "judge_members", counting)
    group = (person(ZHANG.account, "XX社區-張三"), person(STRANGER, "路人甲"))
    roster = RosterIndex(ROSTER)
    memo: CardMemo = {}
    first = sweep(facts(*group, roster=roster, card_memo=memo))
    sun = person(SUN.account, "XX社區-孫七")
    again = sweep(facts(*group, sun, roster=roster, card_memo=memo))
    assert judged == [ZHANG.account, STRANGER, SUN.account]  # the second group judged only SUN
    assert first.remove == again.remove == sweep(facts(*group)).remove
    # Another card of the same person, or another roster, is judged again.
    sweep(facts(person(ZHANG.account, "亂寫"), roster=roster, card_memo=memo))
    sweep(facts(sun, card_memo=memo))
    assert judged[-2:] == [ZHANG.account, SUN.account]
