"""/內容設定 (a group's own ladders, on record) and /重載詞庫 (lexicons reloaded without a restart)."""

import os
from pathlib import Path

from nonebug import App

from core import runtime
from core.rulebook import Step
from models.measures import MeasureRecord
from plugins.content import store, texts
from plugins.content.categories import by_key
from plugins.content.commands import shown
from plugins.content.lexicons import load
from plugins.content.overrides import ContentPolicy
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_gone,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    private_msg,
)
from tests.plugins.content.helpers import (
    CHAIN,
    expect_notice,
    expect_private,
    expect_report,
    leaders,
    posted,
)
from tests.plugins.registry.helpers import filed_group


def shown_now(policy: ContentPolicy) -> str:
    return shown(policy, runtime.rulebook())


def test_the_policy_shows_every_ladder_with_its_article_window_steps_and_categories() -> None:
    text = shown_now(ContentPolicy())
    assert text.splitlines()[0] == "【內容設定】（預設）"
    assert "違法信息（第八條）：禁言1天；期限30天\n　類別：反對憲法基本原則、損害國家榮譽、" in text
    assert "違法信息（拉黑）（第八條）：列入全街黑名單；期限30天\n　類別：危害國家安全、" in text
    assert "不良信息（第十條）：警告 → 禁言1小時 → 禁言1天 → 移出本群；期限30天\n" in text
    own = shown_now(ContentPolicy(windows={"harmful": 7}, ladders={"rumor": "illegal_blacklist"}))
    assert own.splitlines()[0] == "【內容設定】（本群自訂）"
    assert "移出本群；期限7天（本群自訂）" in own
    assert "違法信息（第八條）：禁言1天；期限30天\n" in own  # not changed itself
    assert "散布謠言" in own.split("違法信息（拉黑）")[1].split("不良信息")[0]


async def test_a_group_sets_its_own_mute_and_the_duty_follows_it(app: App) -> None:
    await filed_group()
    event = posted("自来水被投毒了，千万别喝")
    changed = ContentPolicy(steps={"illegal": (Step(kind="mute", seconds=7200),)})
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/內容設定", accounts.ADMIN))
        expect_group_send(ctx, shown_now(ContentPolicy()))
        ctx.receive_event(bot, group_msg("/内容设定 阶梯 违法信息 2h", accounts.ADMIN))
        expect_group_send(ctx, texts.POLICY_SAVED + "\n" + shown_now(changed))
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 7200},
            None,
        )
        expect_notice(
            ctx, accounts.MEMBER, texts.group_notice(by_key()["rumor"], ["撤回", "禁言2小時"], [])
        )
        outcomes = ["撤回（已執行）", "禁言2小時（已執行）"]
        expect_private(ctx, CHAIN, leaders("rumor", event, "自来水被投毒", outcomes))
        expect_report(ctx, record_id=2)
        ctx.receive_event(bot, group_msg("/內容設定 預設", accounts.LEADER))
        expect_group_send(ctx, texts.POLICY_RESET + "\n" + shown_now(ContentPolicy()))

    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.actor, r.article) for r in rows] == [
        ("content_policy", accounts.ADMIN, 10),
        ("recall", None, 8),
        ("mute", None, 8),
        ("content_policy", accounts.LEADER, 10),
    ]
    assert rows[0].detail["policy"] == {"steps": {"illegal": [["mute", 7200]]}}
    assert rows[-1].detail == {"policy": None}


async def test_a_group_moves_a_category_to_another_ladder(app: App) -> None:
    await filed_group()
    event = posted("自来水被投毒了，千万别喝")
    moved = ContentPolicy(ladders={"rumor": "illegal_blacklist"})
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg("/內容設定 類別 散布謠言 違法信息（拉黑）", accounts.ADMIN)
        )
        expect_group_send(ctx, texts.POLICY_SAVED + "\n" + shown_now(moved))
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": True},
            None,
        )
        expect_gone(ctx, accounts.GROUP, accounts.MEMBER)
        done = ["撤回", "列入全街黑名單", "移出本群"]
        expect_notice(ctx, accounts.MEMBER, texts.group_notice(by_key()["rumor"], done, []))
        outcomes = ["撤回（已執行）", "列入全街黑名單（已執行）", "移出本群（已執行）"]
        expect_private(ctx, CHAIN, leaders("rumor", event, "自来水被投毒", outcomes))
        expect_report(ctx, record_id=2)
    rows = await MeasureRecord.all().order_by("id")
    assert [r.action for r in rows] == ["content_policy", "recall", "blacklist", "kick"]
    assert rows[0].detail["policy"] == {"ladders": {"rumor": "illegal_blacklist"}}


async def test_a_policy_stored_before_the_rulebook_still_applies(app: App) -> None:
    group = await filed_group()
    old = {
        "illegal_mute_seconds": 7200,
        "blacklist": ["state_security", "terrorism", "cult", "vice", "other_illegal"],
        "ladder": [["warning", 0], ["kick", 0]],
        "window_days": 30,
    }
    await carry_out(
        None,
        Measure.in_group(
            group, kind="content_policy", article=10, actor=accounts.ADMIN, detail={"policy": old}
        ),
    )
    expected = ContentPolicy(
        steps={
            "illegal": (Step(kind="mute", seconds=7200),),
            "harmful": (Step(kind="warning"), Step(kind="kick")),
        }
    )
    assert await store.policy_of("qq", accounts.GROUP) == (expected, True)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/內容設定", accounts.ADMIN))
        expect_group_send(ctx, shown_now(expected))


async def test_policy_changes_need_an_admin_and_good_arguments(app: App) -> None:
    await filed_group()
    usage = texts.usage_policy(["違法信息", "違法信息（拉黑）", "不良信息"])
    assert usage.endswith("階梯名：違法信息、違法信息（拉黑）、不良信息")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/內容設定 期限 不良信息 7", accounts.MEMBER))
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        ctx.receive_event(bot, group_msg("/content_policy 期限 不良信息 0", accounts.ADMIN))
        expect_group_send(ctx, usage)
        ctx.receive_event(bot, group_msg("/內容設定 禁言 2h", accounts.ADMIN))
        expect_group_send(ctx, usage)
        ctx.receive_event(bot, group_msg("/內容設定 類別 低俗庸俗 違法信息", accounts.ADMIN))
        expect_group_send(ctx, usage)
    assert await MeasureRecord.all().count() == 0


async def test_the_department_reloads_the_lexicons_and_new_terms_count_at_once(
    app: App, lexicon_dir: Path
) -> None:
    await filed_group()
    (lexicon_dir / "illegal" / "rumor.txt").write_text("明天全城停水三天\t4\n", "utf-8")
    (lexicon_dir / "harmful" / "spam.txt").write_text("廣告詞語\n", "utf-8")
    expected = load(lexicon_dir)
    assert len(expected.errors) == 1
    event = posted("通知：明天全城停水三天，快囤水")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/重載詞庫", accounts.MEMBER))
        expect_private_send(ctx, accounts.MEMBER, registry_texts.refused(["黨群工作部"]))
        ctx.receive_event(bot, private_msg("/重载词库", accounts.DEPARTMENT))
        counts = expected.counts()
        reloaded = texts.lexicon_reloaded(counts["illegal"], counts["harmful"], expected.errors)
        expect_private_send(ctx, accounts.DEPARTMENT, reloaded)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 86400},
            None,
        )
        expect_notice(
            ctx, accounts.MEMBER, texts.group_notice(by_key()["rumor"], ["撤回", "禁言1天"], [])
        )
        outcomes = ["撤回（已執行）", "禁言1天（已執行）"]
        expect_private(ctx, CHAIN, leaders("rumor", event, "明天全城停水三天", outcomes))
        expect_report(ctx, record_id=1)
    assert await MeasureRecord.all().count() == 2


async def test_the_scheduled_check_reloads_a_changed_file_and_only_then(lexicon_dir: Path) -> None:
    from plugins.content import reload

    path = lexicon_dir / "harmful" / "vulgar.txt"
    path.write_text("新的粗話詞\n", "utf-8")
    await reload.check()
    assert "新的粗話詞" in {t.term for t in reload.current().terms}
    before = reload.current()
    await reload.check()
    assert reload.current() is before  # nothing changed: nothing reloaded
    path.write_text("-傻逼\n另一個粗話詞\n", "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    await reload.check()
    terms = {t.term for t in reload.current().terms}
    assert "另一個粗話詞" in terms
    assert "新的粗話詞" not in terms
    assert "傻逼" not in terms
