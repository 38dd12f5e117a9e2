"""The content duty under another street's rulebook: its categories, ladders and articles.

That rulebook numbers in digits, merges defamation into rumours (two lexicon files, one
category), puts vulgar content on a stricter ladder of its own, and files the measures on illegal
information under its Art. 12 (which tells the same people as the default's Art. 8).
"""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from nonebug import App

from adapters.actions import Kick, Mute, Recall
from core.rulebook import DEFAULT_FILE, Rulebook, parse_rulebook
from models.measures import MeasureRecord
from plugins.content import texts
from plugins.content.categories import by_key, category, find_category, reference
from plugins.content.commands import shown
from plugins.content.lexicons import Lexicon, load
from plugins.content.overrides import ContentPolicy
from plugins.content.parse import parse_change
from plugins.content.policy import Offence, decide, rung_articles
from plugins.measures.escalation import Level
from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.scan import Scanner
from tests import accounts
from tests.factories import make_bot
from tests.plugins.content.helpers import (
    CHAIN,
    expect_notice,
    expect_private,
    expect_report,
    leaders,
    posted,
)
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install

GROUP, USER, MESSAGE = 700100, 50001, 4242
DEFAMATION_BLOCK = """[[category]]
key = "defamation"
name = "侮辱誹謗他人"
kind = "illegal"
article = 7
clause = 10
words = "侮辱或者誹謗他人，侵害他人名譽、隱私和其他合法權益的"
lexicon = ["illegal/defamation.txt"]
ladder = "illegal"

"""
STRICT = """[ladder.strict]
name = "嚴重不良信息"
article = 10
steps = ["禁言 1天", "移出"]
window_days = 90

"""


def _edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, old
    return text.replace(old, new)


def another_rulebook() -> Rulebook:
    text = DEFAULT_FILE.read_text("utf-8")
    text = _edit(text, 'numbering = "漢字"', 'numbering = "數字"')
    text = _edit(
        text,
        '規范網絡行為。"\n',
        '規范網絡行為。對違法信息應當立即處置并報告。"\n'
        'duties = ["content"]\n'
        'tell = ["unit_leaders", "street_leaders", "party_committee", "outside_bodies"]\n',
    )
    text = _edit(text, '"違法信息"\narticle = 8', '"違法信息"\narticle = 12')
    text = _edit(text, '"違法信息（拉黑）"\narticle = 8', '"違法信息（拉黑）"\narticle = 12')
    text = _edit(text, "# 內容類別", STRICT + "# 內容類別")
    text = _edit(text, DEFAMATION_BLOCK, "")
    text = _edit(text, 'name = "散布謠言"', 'name = "散布謠言、侮辱誹謗"')
    text = _edit(
        text,
        'lexicon = ["illegal/rumor.txt"]',
        'lexicon = ["illegal/rumor.txt", "illegal/defamation.txt"]',
    )
    text = _edit(
        text,
        'lexicon = ["harmful/vulgar.txt"]\nladder = "harmful"',
        'lexicon = ["harmful/vulgar.txt"]\nladder = "strict"',
    )
    return parse_rulebook(text.encode("utf-8"), "another.toml")


@pytest.fixture
def another(monkeypatch: pytest.MonkeyPatch) -> Iterator[Rulebook]:
    """That rulebook in force, its lexicon loaded; the default one and its lexicon afterwards."""
    from plugins.content import reload

    book = another_rulebook()
    install(monkeypatch, book)
    reload.reload(force=True)
    yield book
    monkeypatch.undo()
    reload.reload(force=True)


def finding(key: str, kind: str = "illegal", severity: int = 4) -> Finding:
    return Finding(kind, key, 7 if kind == "illegal" else 9, severity, 0, 3, 0, "詞語")  # type: ignore[arg-type]


def offence(*findings: Finding, **facts: object) -> Offence:
    base = Offence("qq", GROUP, "XX社區", USER, MESSAGE, findings, "#4242 謠**語 sha256:ab")
    return replace(base, **facts)  # type: ignore[arg-type]


def found(lexicon: Lexicon, text: str) -> set[str]:
    pieces = [TextPiece("text", text)]
    return {f.category for f in lexicon.relevant(pieces, Scanner(lexicon.terms).scan(pieces))}


def test_a_merged_category_reads_both_its_files(another: Rulebook) -> None:
    assert len(by_key()) == 19
    assert find_category("defamation") is None
    assert find_category("散布謠言、侮辱誹謗") is category("rumor")
    lexicon = load(None)
    assert lexicon.errors == ()
    terms = {t.term: t for t in lexicon.terms}
    assert (terms["操你全家"].category, terms["操你全家"].article) == ("rumor", 7)
    assert {t.category for t in lexicon.terms} == set(by_key())
    assert found(lexicon, "操你全家") == {"rumor"}
    assert reference(category("rumor")) == "第7條第（8）項"


def test_the_deployments_file_of_one_path_of_a_merged_category_changes_its_terms(
    another: Rulebook, lexicon_dir: Path
) -> None:
    (lexicon_dir / "illegal" / "defamation.txt").write_text("-操你全家\n新的誹謗詞語\t5\n", "utf-8")
    (lexicon_dir / "illegal" / "slander.txt").write_text("誹謗詞語\n", "utf-8")
    lexicon = load(lexicon_dir)
    terms = {t.term: t for t in lexicon.terms}
    assert "操你全家" not in terms
    assert (terms["新的誹謗詞語"].category, terms["新的誹謗詞語"].severity) == ("rumor", 5)
    assert "你全家死光" in terms  # the rest of the plugin's file stays
    [error] = lexicon.errors
    assert "slander.txt" in error
    assert "unknown illegal category" in error


def test_the_merged_category_is_dealt_with_under_the_ladders_article(another: Rulebook) -> None:
    rumor = category("rumor")
    ladder = ContentPolicy().ladder_for(another, rumor)
    verdict = decide(offence(finding("rumor")), ladder)
    assert [(m.kind, m.action, m.article) for m in verdict.measures] == [
        ("recall", Recall(GROUP, MESSAGE), 12),
        ("mute", Mute(GROUP, USER, 86400), 12),
    ]
    assert verdict.levels == (Level.UNIT, Level.STREET, Level.COMMITTEE)
    assert verdict.report
    assert verdict.measures[0].reason == "違法信息：散布謠言、侮辱誹謗（第7條第（8）項）"
    notice = texts.leaders_notice(
        category=rumor,
        group_id=GROUP,
        unit="XX社區",
        user_id=USER,
        message_id=MESSAGE,
        evidence="e",
        outcomes=["撤回（已執行）"],
        exempt=False,
        rung=None,
        report_to=["公安分局"],
    )
    assert "「散布謠言、侮辱誹謗」（第7條第（8）項）" in notice
    assert notice.endswith("供報黨工委主要負責人及公安分局（第12條）。")
    report = texts.incident_report(
        street="XX街道",
        when="2026-05-01 09:00:00",
        group_id=GROUP,
        group_name="測試群",
        unit="XX社區",
        user_id=USER,
        category=rumor,
        others=(),
        message_id=MESSAGE,
        evidence="e",
        outcomes=["撤回（已執行）"],
        exempt=False,
        outside_bodies=["公安分局"],
        record_ids=[1],
        article=ladder.article,
    )
    assert "已採取措施（第12條）：撤回（已執行）" in report
    assert "依第12條，請街道分管負責人" in report
    assert "第8條" not in report


@pytest.mark.parametrize(
    ("prior", "expected"),
    [
        (0, ("mute", Mute(GROUP, USER, 86400))),
        (1, ("kick", Kick(GROUP, USER, False))),
        (4, ("kick", Kick(GROUP, USER, False))),
    ],
)
def test_a_category_on_its_own_stricter_ladder(
    another: Rulebook, prior: int, expected: tuple[str, object]
) -> None:
    ladder = ContentPolicy().ladder_for(another, category("vulgar"))
    assert (ladder.name, ladder.window_days) == ("嚴重不良信息", 90)
    verdict = decide(offence(finding("vulgar", "harmful"), prior=prior), ladder)
    assert [(m.kind, m.action) for m in verdict.measures][1] == expected
    assert verdict.rung == prior + 1
    assert {m.article for m in verdict.measures} == {10}
    assert verdict.levels == (Level.STREET,)
    assert not verdict.report
    gore = decide(offence(finding("gore", "harmful")), another.ladder["harmful"])
    assert gore.measures[1].kind == "warning"  # the other harmful ones: the usual ladder
    said = texts.group_notice(category("gore"), ["撤回", texts.done_part("warning")], [])
    assert said.endswith("再犯將被禁言或移出（第10條）。")
    assert rung_articles(another) == (10, 12)


def test_a_group_puts_a_category_on_that_stricter_ladder(another: Rulebook) -> None:
    policy = parse_change(("類別", "性暗示", "嚴重不良信息"), ContentPolicy(), another)
    assert policy == ContentPolicy(ladders={"sexual_innuendo": "strict"})
    assert isinstance(policy, ContentPolicy)
    text = shown(policy, another)
    assert "違法信息（第12條）：禁言1天；期限30天" in text
    assert "嚴重不良信息（第10條）：禁言1天 → 移出本群；期限90天\n　類別：性暗示、低俗庸俗" in text
    assert "（第10條）" in texts.burst_notice(GROUP, "XX社區", 5, 10)


async def test_the_duty_applies_that_rulebook_to_a_message(app: App, another: Rulebook) -> None:
    await filed_group()
    event = posted("操你全家")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 86400},
            None,
        )
        said = texts.group_notice(category("rumor"), ["撤回", "禁言1天"], [])
        assert "（第7條第（8）項：散布謠言、侮辱誹謗）" in said
        expect_notice(ctx, accounts.MEMBER, said)
        outcomes = ["撤回（已執行）", "禁言1天（已執行）"]
        expect_private(ctx, CHAIN, leaders("rumor", event, "操你全家", outcomes))
        path = expect_report(ctx, record_id=1)
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.category, r.article) for r in rows] == [
        ("recall", "rumor", 12),
        ("mute", "rumor", 12),
    ]
    report = path.read_text("utf-8")
    assert "散布謠言、侮辱誹謗（第7條第（8）項" in report
    assert "依第12條" in report
