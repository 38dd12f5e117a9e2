"""The scorecard's pure readings: findings, their time to measure, categories, problems."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from models.registry import GroupType
from plugins.reports.scorecard import (
    GroupFacts,
    Realname,
    RecordFact,
    by_category,
    estimated,
    findings_of,
    scorecard,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def rec(
    ident: int,
    *,
    action: str = "recall",
    category: str = "rumor",
    message_id: int | None = None,
    group_id: int = 700100,
    after: float = 0,
    took: float | None = 2.0,
    status: str = "done",
    follows: bool = False,
) -> RecordFact:
    created = T0 + timedelta(seconds=after)
    return RecordFact(
        id=ident,
        created_at=created,
        finished_at=None if took is None else created + timedelta(seconds=took),
        platform="qq",
        group_id=group_id,
        unit="XX社區",
        action=action,
        article=8,
        category=category,
        actor=None,
        target=50001,
        reason="",
        status=status,
        message_id=message_id,
        follows=follows,
    )


def facts(**changes: object) -> GroupFacts:
    base = GroupFacts(
        platform="qq",
        group_id=700100,
        name="測試群",
        unit="XX社區",
        type=GroupType.INTERNAL,
        status="已備案",
        member_count=30,
        messages_7d=10,
        admins=(40001,),
        activity="active",
        silent_days=1,
        finished_at=None,
        realname=Realname(30, 30, "checked"),
        open_clearance=0,
        handovers_done=0,
        handovers_pending=0,
        duties_off=(),
        records=(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_recall_and_the_mute_it_led_to_are_one_finding_timed_first_to_last() -> None:
    records = [
        rec(1, message_id=77, took=1.0),
        rec(2, action="mute", message_id=77, after=1.5, took=3.0),  # done at 4.5 s
    ]
    (finding,) = findings_of(records)
    assert (finding.category, finding.group_id, finding.found_at) == ("rumor", 700100, T0)
    assert finding.seconds == 4.5


def test_a_removal_elsewhere_joins_its_finding_but_never_makes_one() -> None:
    sweep = rec(3, action="kick", message_id=77, group_id=700200, after=10, took=2.0, follows=True)
    assert findings_of([sweep]) == []
    (finding,) = findings_of([rec(1, message_id=77), sweep])
    assert finding.group_id == 700100
    assert finding.seconds == 12.0


def test_records_without_a_message_are_findings_of_their_own_and_approvals_none() -> None:
    records = [
        rec(1, action="join_refuse", category="blacklisted"),
        rec(2, action="join_refuse", category="blacklisted"),
        rec(3, action="join_approve", category="roster_match"),
        rec(4, action="warning", category=""),  # by hand: a measure, no finding
    ]
    assert [f.category for f in findings_of(records)] == ["blacklisted", "blacklisted"]


def test_a_finding_still_pending_has_no_time_yet() -> None:
    (finding,) = findings_of([rec(1, message_id=5), rec(2, message_id=5, took=None)])
    assert finding.seconds is None


def test_by_category_counts_findings_and_measures_most_findings_first() -> None:
    records = [
        rec(1, message_id=1, took=2.0),
        rec(2, action="mute", message_id=1, took=2.0),
        rec(3, category="state_secret", message_id=2, took=4.0),
        rec(4, category="state_secret", message_id=3, took=8.0),
        rec(5, action="warning", category=""),
        rec(6, action="content_policy", category=""),  # a setting, not a measure
    ]
    stats = {s.category: s for s in by_category(records)}
    assert [s.category for s in by_category(records)] == ["state_secret", "rumor", ""]
    assert (stats["state_secret"].findings, stats["state_secret"].measures) == (2, 2)
    assert (stats["state_secret"].mean_seconds, stats["state_secret"].max_seconds) == (6.0, 8.0)
    assert (stats["rumor"].findings, stats["rumor"].measures) == (1, 2)
    assert (stats[""].findings, stats[""].measures) == (0, 1)


def test_the_estimate_counts_open_deadlines_as_missing() -> None:
    assert estimated(40, 3) == Realname(40, 37, "estimated")
    assert estimated(40, 3).rate == 37 / 40
    assert estimated(2, 5).missing == 2
    assert estimated(0, 0).rate is None
    assert Realname(0, 0, "unknown").rate is None


def test_a_group_in_order_has_no_problems() -> None:
    card = scorecard(facts(records=(rec(1, message_id=1),)))
    assert card.problems == ()
    assert (card.findings, card.measures, card.unsettled, card.activity) == (1, 1, 0, "active")
    assert card.grade == "三級"


def test_each_shortcoming_is_named() -> None:
    card = scorecard(
        facts(
            status="待批准",
            admins=(),
            realname=Realname(30, 27, "checked"),
            open_clearance=2,
            handovers_pending=1,
            activity="dormant",
            silent_days=61,
            records=(rec(1, status="failed"), rec(2, status="unconfirmed", category="")),
        )
    )
    assert card.problems == (
        "not_filed",
        "no_admin",
        "realname",
        "clearance",
        "unsettled",
        "handover",
        "dormant",
    )
    assert (card.unsettled, card.silent_days) == (2, 61)


def test_a_member_list_that_could_not_be_read_needs_looking_at() -> None:
    card = scorecard(facts(realname=Realname(0, 0, "unknown")))
    assert card.problems == ("realname",)


def test_a_finished_group_is_to_be_dissolved() -> None:
    done = scorecard(facts(activity="finished", finished_at=T0 - timedelta(days=2)))
    assert (done.activity, done.problems) == ("finished", ("finished",))


def test_findings_of_other_groups_are_not_this_group_s() -> None:
    card = scorecard(facts(records=(rec(1, message_id=9, group_id=700200),)))
    assert card.findings == 0
