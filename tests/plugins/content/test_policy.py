"""The content policy as a pure function: facts and a ladder in, measures (as values) out; and a
group's own policy, its differences from the rulebook's ladders."""

from dataclasses import replace

import pytest

from adapters.actions import Kick, Mute, Recall
from core import runtime
from core.rulebook import Step
from plugins.content.categories import category
from plugins.content.overrides import ContentPolicy
from plugins.content.policy import Offence, Verdict, decide, gravest, rung_articles
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.scanner.findings import Finding

GROUP, USER, MESSAGE = 700100, 50001, 4242
WARN, KICK, BAN = Step(kind="warning"), Step(kind="kick"), Step(kind="blacklist")


def mute(seconds: int) -> Step:
    return Step(kind="mute", seconds=seconds)


def finding(key: str, kind: str = "illegal", severity: int = 4, start: int = 0) -> Finding:
    article = 7 if kind == "illegal" else 9
    return Finding(kind, key, article, severity, start, start + 3, 0, "詞語")  # type: ignore[arg-type]


def offence(*findings: Finding, **facts: object) -> Offence:
    base = Offence(
        platform="qq",
        group_id=GROUP,
        unit="XX社區",
        user_id=USER,
        message_id=MESSAGE,
        findings=findings,
        evidence="#4242 謠**語 sha256:ab",
    )
    return replace(base, **facts)  # type: ignore[arg-type]


def verdict(*findings: Finding, policy: ContentPolicy | None = None, **facts: object) -> Verdict:
    """Decided on the ladder the group's policy (the rulebook's by default) gives the gravest."""
    book = runtime.rulebook()
    ladder = (policy or ContentPolicy()).ladder_for(book, category(gravest(findings).category))
    return decide(offence(*findings, **facts), ladder)


def kinds(measures: tuple[Measure, ...]) -> list[tuple[str, object]]:
    return [(m.kind, m.action) for m in measures]


def test_illegal_information_is_recalled_and_the_sender_muted_a_day() -> None:
    found = verdict(finding("rumor"))
    assert kinds(found.measures) == [
        ("recall", Recall(GROUP, MESSAGE)),
        ("mute", Mute(GROUP, USER, 86400)),
    ]
    assert found.levels == (Level.UNIT, Level.STREET, Level.COMMITTEE)
    assert found.report
    assert not found.blacklists
    assert found.rung is None
    recall, muted = found.measures
    assert (recall.article, recall.category, recall.target, recall.actor) == (
        8,
        "rumor",
        USER,
        None,
    )
    assert recall.evidence == "#4242 謠**語 sha256:ab"
    assert recall.reason == "違法信息：散布謠言（第七條第（八）項）"
    assert muted.detail == {
        "duty": "content",
        "message_id": MESSAGE,
        "categories": ["rumor"],
        "seconds": 86400,
    }


def test_a_blacklisting_category_blacklists_and_removes_instead_of_muting() -> None:
    found = verdict(finding("cult"))
    assert kinds(found.measures) == [
        ("recall", Recall(GROUP, MESSAGE)),
        ("blacklist", None),
        ("kick", Kick(GROUP, USER, refuse_future=True)),
    ]
    assert found.blacklists
    assert found.measures[1].article == 8
    listed = verdict(finding("cult"), listed=True)
    assert kinds(listed.measures)[1:] == [("kick", Kick(GROUP, USER, refuse_future=True))]


def test_a_one_step_ladder_takes_its_step_whatever_the_count() -> None:
    found = verdict(finding("rumor"), prior=5)
    assert kinds(found.measures)[1] == ("mute", Mute(GROUP, USER, 86400))
    assert found.rung is None
    assert "rung" not in found.measures[1].detail


def test_a_group_may_mute_longer_and_move_categories_between_illegal_ladders() -> None:
    policy = ContentPolicy(
        steps={"illegal": (mute(3 * 86400),)},
        ladders={"cult": "illegal", "rumor": "illegal_blacklist"},
    )
    assert kinds(verdict(finding("cult"), policy=policy).measures)[1] == (
        "mute",
        Mute(GROUP, USER, 3 * 86400),
    )
    assert verdict(finding("rumor"), policy=policy).blacklists


@pytest.mark.parametrize(
    ("prior", "expected"),
    [
        (0, ("warning", None)),
        (1, ("mute", Mute(GROUP, USER, 3600))),
        (2, ("mute", Mute(GROUP, USER, 86400))),
        (3, ("kick", Kick(GROUP, USER, False))),
        (7, ("kick", Kick(GROUP, USER, False))),
    ],
)
def test_harmful_information_climbs_the_ladder(prior: int, expected: tuple[str, object]) -> None:
    found = verdict(finding("vulgar", "harmful", 2), prior=prior)
    assert kinds(found.measures) == [("recall", Recall(GROUP, MESSAGE)), expected]
    assert found.rung == prior + 1
    assert found.measures[1].detail["rung"] == prior + 1
    assert found.measures[1].article == 10
    assert found.levels == (Level.STREET,)
    assert not found.report


def test_a_ladder_may_end_in_the_blacklist() -> None:
    policy = ContentPolicy(steps={"harmful": (WARN, BAN)})
    found = verdict(finding("gore", "harmful"), policy=policy, prior=1)
    assert [m.kind for m in found.measures] == ["recall", "blacklist", "kick"]
    assert found.blacklists


def test_admins_are_recalled_and_recorded_but_not_sanctioned() -> None:
    for found in (finding("cult"), finding("vulgar", "harmful")):
        decided = verdict(found, exempt=True, prior=3)
        assert kinds(decided.measures) == [("recall", Recall(GROUP, MESSAGE))]
        assert decided.rung is None
        assert not decided.blacklists
    assert verdict(finding("cult"), exempt=True).report


def test_a_message_another_duty_recalled_is_not_recalled_again() -> None:
    found = verdict(finding("rumor"), recalled_by="confidential")
    recall = found.measures[0]
    assert (recall.kind, recall.action) == ("recall", None)
    assert recall.detail["recalled_by"] == "confidential"
    assert found.measures[1].kind == "mute"


def test_the_gravest_finding_decides_and_the_others_are_named() -> None:
    findings = (
        finding("vulgar", "harmful", 5, start=0),
        finding("rumor", "illegal", 3, start=9),
        finding("vice", "illegal", 5, start=20),
        finding("cult", "illegal", 5, start=5),
    )
    assert gravest(findings).category == "cult"
    found = verdict(*findings)
    assert found.category.key == "cult"
    assert set(found.others) == {"低俗庸俗", "散布謠言", "淫穢色情、賭博、暴力或教唆犯罪"}
    assert found.measures[0].detail["categories"] == ["cult", "rumor", "vice", "vulgar"]
    with pytest.raises(ValueError, match="no findings"):
        decide(offence(), runtime.rulebook().ladder["illegal"])


def test_rungs_count_under_every_ladders_article_and_the_measures_duty() -> None:
    assert rung_articles(runtime.rulebook()) == (8, 10)


def test_a_policy_keeps_only_its_differences_and_round_trips_through_a_record() -> None:
    book = runtime.rulebook()
    policy = ContentPolicy(
        steps={"harmful": (mute(600), KICK), "illegal": (mute(86400),)},  # the latter: as is
        windows={"harmful": 7, "illegal_blacklist": 30},  # the latter: as is
        ladders={"rumor": "illegal_blacklist", "cult": "illegal_blacklist"},  # cult: as is
    )
    own = policy.compact(book)
    assert own == ContentPolicy(
        steps={"harmful": (mute(600), KICK)},
        windows={"harmful": 7},
        ladders={"rumor": "illegal_blacklist"},
    )
    assert own.to_detail() == {
        "steps": {"harmful": [["mute", 600], ["kick", 0]]},
        "windows": {"harmful": 7},
        "ladders": {"rumor": "illegal_blacklist"},
    }
    assert ContentPolicy.from_detail(own.to_detail(), book) == own
    assert policy.ladder(book, "harmful").window_days == 7
    assert policy.ladder(book, "harmful").article == 10
    assert [c.key for c in own.on_ladder(book, "illegal")] == [
        "constitution",
        "national_honor",
        "heroes",
        "ethnic_hatred",
        "defamation",
    ]
    assert own.changes(book, "harmful")
    assert not own.changes(book, "illegal")
    assert ContentPolicy().empty
    assert ContentPolicy().compact(book).empty


def test_what_the_rulebook_no_longer_has_and_what_cannot_be_read_is_ignored() -> None:
    book = runtime.rulebook()
    detail = {
        "steps": {"gone": [["warning", 0]]},
        "windows": {"gone": 9},
        "ladders": {"gone": "harmful", "rumor": "gone"},
    }
    assert ContentPolicy.from_detail(detail, book).empty
    assert ContentPolicy.from_detail(None, book).empty
    assert ContentPolicy.from_detail({"windows": {"harmful": "x"}}, book).empty
    assert ContentPolicy.from_detail({"steps": {"harmful": [["mute", 0]]}}, book).empty


def test_a_policy_stored_before_the_rulebook_is_read_onto_its_ladders() -> None:
    book = runtime.rulebook()
    old = {
        "illegal_mute_seconds": 7200,
        "blacklist": ["rumor", "cult"],
        "ladder": [["mute", 600], ["kick", 0]],
        "window_days": 7,
    }
    assert ContentPolicy.from_detail(old, book) == ContentPolicy(
        steps={"illegal": (mute(7200),), "harmful": (mute(600), KICK)},
        windows={"harmful": 7},
        ladders={
            "state_security": "illegal",
            "terrorism": "illegal",
            "rumor": "illegal_blacklist",
            "vice": "illegal",
            "other_illegal": "illegal",
        },
    )
    as_was = {
        "illegal_mute_seconds": 86400,
        "blacklist": ["state_security", "terrorism", "cult", "vice", "other_illegal"],
        "ladder": [["warning", 0], ["mute", 3600], ["mute", 86400], ["kick", 0]],
        "window_days": 30,
    }
    assert ContentPolicy.from_detail(as_was, book).empty


def test_a_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="1 to 8 steps"):
        ContentPolicy(steps={"harmful": ()})
    with pytest.raises(ValueError, match="1 to 8 steps"):
        ContentPolicy(steps={"harmful": (WARN,) * 9})
    with pytest.raises(ValueError, match="30 days"):
        ContentPolicy(steps={"illegal": (mute(30 * 86400),)})
    with pytest.raises(ValueError, match="window"):
        ContentPolicy(windows={"harmful": 0})
    with pytest.raises(ValueError, match="禁言有時長"):
        Step(kind="warning", seconds=60)
