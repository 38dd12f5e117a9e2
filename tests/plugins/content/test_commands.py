"""/內容設定 (a group's own policy, on record) and /重載詞庫 (lexicons reloaded without a restart)."""

import os
from pathlib import Path

from nonebug import App

from models.measures import MeasureRecord
from plugins.content import texts
from plugins.content.categories import BY_KEY
from plugins.content.commands import _shown
from plugins.content.lexicons import load
from plugins.content.policy import ContentPolicy
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot, private_msg
from tests.plugins.content.helpers import (
    CHAIN,
    expect_notice,
    expect_private,
    expect_report,
    leaders,
    posted,
)
from tests.plugins.registry.helpers import filed_group


async def test_a_group_sets_its_own_mute_and_the_duty_follows_it(app: App) -> None:
    await filed_group()
    event = posted("自来水被投毒了，千万别喝")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/內容設定", accounts.ADMIN))
        expect_group_send(ctx, _shown(ContentPolicy(), False))
        ctx.receive_event(bot, group_msg("/内容设定 禁言 2h", accounts.ADMIN))
        changed = ContentPolicy(illegal_mute_seconds=7200)
        expect_group_send(ctx, texts.POLICY_SAVED + "\n" + _shown(changed, True))
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 7200},
            None,
        )
        expect_notice(
            ctx, accounts.MEMBER, texts.group_notice(BY_KEY["rumor"], ["撤回", "禁言2小時"], [])
        )
        outcomes = ["撤回（已執行）", "禁言2小時（已執行）"]
        expect_private(ctx, CHAIN, leaders("rumor", event, "自来水被投毒", outcomes))
        expect_report(ctx, record_id=2)
        ctx.receive_event(bot, group_msg("/內容設定 預設", accounts.LEADER))
        expect_group_send(ctx, texts.POLICY_RESET + "\n" + _shown(ContentPolicy(), False))

    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.actor) for r in rows] == [
        ("content_policy", accounts.ADMIN),
        ("recall", None),
        ("mute", None),
        ("content_policy", accounts.LEADER),
    ]
    assert rows[0].detail["policy"]["illegal_mute_seconds"] == 7200
    assert rows[-1].detail == {"policy": None}


async def test_policy_changes_need_an_admin_and_good_arguments(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/內容設定 禁言 2h", accounts.MEMBER))
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        ctx.receive_event(bot, group_msg("/content_policy 期限 0", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_POLICY)
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
            ctx, accounts.MEMBER, texts.group_notice(BY_KEY["rumor"], ["撤回", "禁言1天"], [])
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
