"""The content policy as a pure function: facts in, measures (as values) out."""

from dataclasses import replace

import pytest

from adapters.actions import Kick, Mute, Recall
from plugins.content.policy import (
    DEFAULT_BLACKLIST,
    ContentPolicy,
    Offence,
    Rung,
    decide,
    gravest,
)
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.scanner.findings import Finding

GROUP, USER, MESSAGE = 700100, 50001, 4242


def finding(category: str, kind: str = "illegal", severity: int = 4, start: int = 0) -> Finding:
    article = 7 if kind == "illegal" else 9
    return Finding(kind, category, article, severity, start, start + 3, 0, "詞語")  # type: ignore[arg-type]


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


def kinds(measures: tuple[Measure, ...]) -> list[tuple[str, object]]:
    return [(m.kind, m.action) for m in measures]


def test_illegal_information_is_recalled_and_the_sender_muted_a_day() -> None:
    verdict = decide(offence(finding("rumor")), ContentPolicy())
    assert kinds(verdict.measures) == [
        ("recall", Recall(GROUP, MESSAGE)),
        ("mute", Mute(GROUP, USER, 86400)),
    ]
    assert verdict.levels == (Level.UNIT, Level.STREET, Level.COMMITTEE)
    assert verdict.report
    assert not verdict.blacklists
    assert verdict.rung is None
    recall, mute = verdict.measures
    assert (recall.article, recall.category, recall.target, recall.actor) == (
        8,
        "rumor",
        USER,
        None,
    )
    assert recall.evidence == "#4242 謠**語 sha256:ab"
    assert recall.reason == "違法信息：散布謠言（第七條第（八）項）"
    assert mute.detail == {
        "duty": "content",
        "message_id": MESSAGE,
        "categories": ["rumor"],
        "seconds": 86400,
    }


def test_a_blacklisting_category_blacklists_and_removes_instead_of_muting() -> None:
    verdict = decide(offence(finding("cult")), ContentPolicy())
    assert kinds(verdict.measures) == [
        ("recall", Recall(GROUP, MESSAGE)),
        ("blacklist", None),
        ("kick", Kick(GROUP, USER, refuse_future=True)),
    ]
    assert verdict.blacklists
    listed = decide(offence(finding("cult"), listed=True), ContentPolicy())
    assert kinds(listed.measures)[1:] == [("kick", Kick(GROUP, USER, refuse_future=True))]


def test_a_group_may_mute_longer_and_choose_its_blacklisting_categories() -> None:
    policy = ContentPolicy(illegal_mute_seconds=3 * 86400, blacklist=frozenset({"rumor"}))
    assert kinds(decide(offence(finding("cult")), policy).measures)[1] == (
        "mute",
        Mute(GROUP, USER, 3 * 86400),
    )
    assert decide(offence(finding("rumor")), policy).blacklists


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
    verdict = decide(offence(finding("vulgar", "harmful", 2), prior=prior), ContentPolicy())
    assert kinds(verdict.measures) == [("recall", Recall(GROUP, MESSAGE)), expected]
    assert verdict.rung == prior + 1
    assert verdict.measures[1].detail["rung"] == prior + 1
    assert verdict.measures[1].article == 10
    assert verdict.levels == (Level.STREET,)
    assert not verdict.report


def test_a_ladder_may_end_in_the_blacklist() -> None:
    policy = ContentPolicy(ladder=(Rung("warning"), Rung("blacklist")))
    verdict = decide(offence(finding("gore", "harmful"), prior=1), policy)
    assert [m.kind for m in verdict.measures] == ["recall", "blacklist", "kick"]
    assert verdict.blacklists


def test_admins_are_recalled_and_recorded_but_not_sanctioned() -> None:
    for found in (finding("cult"), finding("vulgar", "harmful")):
        verdict = decide(offence(found, exempt=True, prior=3), ContentPolicy())
        assert kinds(verdict.measures) == [("recall", Recall(GROUP, MESSAGE))]
        assert verdict.rung is None
        assert not verdict.blacklists
    assert decide(offence(finding("cult"), exempt=True), ContentPolicy()).report


def test_a_message_another_duty_recalled_is_not_recalled_again() -> None:
    verdict = decide(offence(finding("rumor"), recalled_by="confidential"), ContentPolicy())
    recall = verdict.measures[0]
    assert (recall.kind, recall.action) == ("recall", None)
    assert recall.detail["recalled_by"] == "confidential"
    assert verdict.measures[1].kind == "mute"


def test_the_gravest_finding_decides_and_the_others_are_named() -> None:
    findings = (
        finding("vulgar", "harmful", 5, start=0),
        finding("rumor", "illegal", 3, start=9),
        finding("vice", "illegal", 5, start=20),
        finding("cult", "illegal", 5, start=5),
    )
    assert gravest(findings).category == "cult"
    verdict = decide(offence(*findings), ContentPolicy())
    assert verdict.category.key == "cult"
    assert set(verdict.others) == {"低俗庸俗", "散布謠言", "淫穢色情、賭博、暴力或教唆犯罪"}
    assert verdict.measures[0].detail["categories"] == ["cult", "rumor", "vice", "vulgar"]
    with pytest.raises(ValueError, match="no findings"):
        decide(offence(), ContentPolicy())


def test_policies_round_trip_through_a_record_and_refuse_nonsense() -> None:
    policy = ContentPolicy(
        illegal_mute_seconds=7200,
        blacklist=frozenset({"rumor"}),
        ladder=(Rung("mute", 600), Rung("kick")),
        window_days=7,
    )
    assert ContentPolicy.from_detail(policy.to_detail()) == policy
    assert ContentPolicy.from_detail(None) == ContentPolicy()
    assert ContentPolicy.from_detail({"window_days": "x"}) == ContentPolicy()
    assert ContentPolicy.from_detail({"ladder": [["mute", 0]]}) == ContentPolicy()
    assert ContentPolicy().blacklist == DEFAULT_BLACKLIST
    with pytest.raises(ValueError, match="not illegal"):
        ContentPolicy(blacklist=frozenset({"vulgar"}))
    with pytest.raises(ValueError, match="30 days"):
        ContentPolicy(illegal_mute_seconds=30 * 86400)
    with pytest.raises(ValueError, match="ladder"):
        ContentPolicy(ladder=())
    with pytest.raises(ValueError, match="mute rung"):
        Rung("warning", 60)
