"""The content duty on messages: each branch, one record per measure, statuses as answered."""

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from plugins.content import texts
from plugins.content.categories import by_key
from tests import accounts
from tests.factories import expect_gone, make_bot
from tests.plugins.content.helpers import (
    CHAIN,
    expect_notice,
    expect_private,
    expect_report,
    leaders,
    posted,
)
from tests.plugins.registry.helpers import filed_group


async def records() -> list[tuple[str, str, int | None]]:
    rows = await MeasureRecord.all().order_by("id")
    return [(r.action, r.status.value, r.group_id) for r in rows]


async def test_illegal_information_is_recalled_muted_reported_up_and_written_down(app: App) -> None:
    await filed_group()
    event = posted("内部消息：人民币即将作废，赶紧换美元")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
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
        expect_private(
            ctx,
            CHAIN,
            leaders("rumor", event, "人民币即将作废", ["撤回（已執行）", "禁言1天（已執行）"]),
        )
        path = expect_report(ctx, record_id=1)

    assert await records() == [
        ("recall", "done", accounts.GROUP),
        ("mute", "done", accounts.GROUP),
    ]
    recall = await MeasureRecord.get(id=1)
    assert (recall.article, recall.category, recall.target) == (8, "rumor", accounts.MEMBER)
    assert "人民币即将作废" not in recall.evidence
    assert recall.evidence.startswith(f"#{event.message_id} 人*****废 sha256:")
    report = path.read_text("utf-8")
    assert "散布謠言（第七條第（八）項" in report
    assert f"發布帳號：{accounts.MEMBER}" in report
    assert "撤回（已執行）、禁言1天（已執行）" in report
    assert "公安分局、區委網信辦" in report
    assert "人民币即将作废" not in report
    assert "赶紧换美元" not in report


async def test_a_blacklisting_category_removes_the_sender_here_and_in_other_groups(
    app: App,
) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    event = posted("首充送彩金，真人百家乐24小时在线")
    member = {"group_id": accounts.OTHER_GROUP, "user_id": accounts.MEMBER, "nickname": "x"}
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": True},
            None,
        )
        expect_gone(ctx, accounts.GROUP, accounts.MEMBER)
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.OTHER_GROUP, "user_id": accounts.MEMBER, "no_cache": True},
            member,
        )
        ctx.should_call_api(
            "set_group_kick",
            {
                "group_id": accounts.OTHER_GROUP,
                "user_id": accounts.MEMBER,
                "reject_add_request": True,
            },
            exception=ActionFailed(retcode=1200, wording="get Uid Error"),
        )
        expect_notice(
            ctx,
            accounts.MEMBER,
            texts.group_notice(by_key()["vice"], ["撤回", "列入全街黑名單", "移出本群"], []),
        )
        outcomes = [
            "撤回（已執行）",
            "列入全街黑名單（已執行）",
            "移出本群（已執行）",
            f"移出群 {accounts.OTHER_GROUP}（未執行：不在群中：get Uid Error）",
        ]
        expect_private(ctx, CHAIN, leaders("vice", event, "首充送彩金", outcomes))
        expect_report(ctx, record_id=1)

    assert await records() == [
        ("recall", "done", accounts.GROUP),
        ("blacklist", "done", accounts.GROUP),
        ("kick", "done", accounts.GROUP),
        ("kick", "failed", accounts.OTHER_GROUP),
    ]
    entry = await BlacklistEntry.get(user_id=accounts.MEMBER)
    assert (entry.lifted_at, entry.source_group, entry.added_by) == (None, accounts.GROUP, None)


async def test_harmful_information_climbs_the_ladder_over_three_messages(app: App) -> None:
    await filed_group()
    events = [posted("你个傻逼") for _ in range(3)]
    rungs = [
        ("warning", None, ["撤回", "予以警告"], "警告（已執行）"),
        ("mute", 3600, ["撤回", "禁言1小時"], "禁言1小時（已執行）"),
        ("mute", 86400, ["撤回", "禁言1天"], "禁言1天（已執行）"),
    ]
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for number, (event, (_, seconds, done, outcome)) in enumerate(
            zip(events, rungs, strict=True), start=1
        ):
            ctx.receive_event(bot, event)
            ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
            if seconds:
                ctx.should_call_api(
                    "set_group_ban",
                    {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": seconds},
                    None,
                )
            expect_notice(ctx, accounts.MEMBER, texts.group_notice(by_key()["vulgar"], done, []))
            notice = leaders(
                "vulgar",
                event,
                "傻逼",
                ["撤回（已執行）", outcome],
                rung=texts.rung_line(number, 30),
            )
            expect_private(ctx, (accounts.STREET_LEADER,), notice)

    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.status, r.article) for r in rows] == [
        ("recall", RecordStatus.DONE, 10),
        ("warning", RecordStatus.DONE, 10),
        ("recall", RecordStatus.DONE, 10),
        ("mute", RecordStatus.DONE, 10),
        ("recall", RecordStatus.DONE, 10),
        ("mute", RecordStatus.DONE, 10),
    ]
    assert [r.detail.get("rung") for r in rows[1::2]] == [1, 2, 3]


async def test_registered_admins_are_recalled_and_recorded_not_sanctioned(app: App) -> None:
    await filed_group()
    event = posted("法輪大法好", accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        expect_notice(ctx, accounts.ADMIN, texts.group_notice(by_key()["cult"], ["撤回"], []))
        expect_private(
            ctx, CHAIN, leaders("cult", event, "法輪大法好", ["撤回（已執行）"], exempt=True)
        )
        expect_report(ctx, record_id=1)
    assert await records() == [("recall", "done", accounts.GROUP)]
    assert await BlacklistEntry.all().count() == 0


async def test_nobody_may_blacklist_a_leader_so_their_post_is_recalled_not_sanctioned(
    app: App,
) -> None:
    """XX村's leader is a plain member of this XX社區 group, but no one may blacklist a leader."""
    await filed_group()
    event = posted("首充送彩金，真人百家乐24小时在线", accounts.OTHER_LEADER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        expect_notice(
            ctx, accounts.OTHER_LEADER, texts.group_notice(by_key()["vice"], ["撤回"], [])
        )
        expect_private(
            ctx,
            CHAIN,
            leaders("vice", event, "首充送彩金", ["撤回（已執行）"], exempt=True),
        )
        expect_report(ctx, record_id=1)
    assert await records() == [("recall", "done", accounts.GROUP)]
    assert await BlacklistEntry.all().count() == 0


async def test_a_refused_recall_is_recorded_failed_and_the_group_told(app: App) -> None:
    await filed_group()
    event = posted("你个傻逼")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api(
            "delete_msg",
            {"message_id": event.message_id},
            exception=ActionFailed(retcode=200, wording="不是管理员"),
        )
        expect_notice(
            ctx, accounts.MEMBER, texts.group_notice(by_key()["vulgar"], ["予以警告"], ["撤回"])
        )
        notice = leaders(
            "vulgar",
            event,
            "傻逼",
            ["撤回（未執行：平台拒絕：不是管理员）", "警告（已執行）"],
            rung=texts.rung_line(1, 30),
        )
        expect_private(ctx, (accounts.STREET_LEADER,), notice)
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.status) for r in rows] == [
        ("recall", RecordStatus.FAILED),
        ("warning", RecordStatus.DONE),
    ]
    assert "平台拒絕" in rows[0].platform_answer


async def test_a_message_another_duty_recalled_is_dealt_with_but_not_recalled_twice(
    app: App,
) -> None:
    from plugins.scanner import service

    await filed_group()
    event = posted("大家起来打倒共产党")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        result = await service.scan_message(bot, event)
        assert result is not None
        assert result.claim_recall("confidential")
        ctx.receive_event(bot, event)
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 86400},
            None,
        )
        expect_notice(
            ctx, accounts.MEMBER, texts.group_notice(by_key()["constitution"], ["禁言1天"], [])
        )
        outcomes = ["撤回（已執行）（由其他職責撤回）", "禁言1天（已執行）"]
        expect_private(ctx, CHAIN, leaders("constitution", event, "打倒共产党", outcomes))
        expect_report(ctx, record_id=1)
    recall = await MeasureRecord.get(id=1)
    assert (recall.action, recall.detail["recalled_by"]) == ("recall", "confidential")


async def test_nothing_happens_for_clean_messages_notices_against_cults_or_a_duty_off(
    app: App,
) -> None:
    from plugins.registry import store

    group = await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村")
    await store.switch(group, "content", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, posted("法輪大法好"))  # the duty is off here
        ctx.receive_event(bot, posted("明天上午九点开会", group_id=accounts.OTHER_GROUP))
        notice = "社区开展反邪教宣传，揭批法轮功的欺骗性"
        ctx.receive_event(bot, posted(notice, group_id=accounts.OTHER_GROUP))
        ctx.receive_event(bot, posted("法輪大法好", group_id=800800))  # not filed
    assert await MeasureRecord.all().count() == 0


async def test_a_burst_of_findings_goes_to_the_cyberspace_contact(app: App) -> None:
    from plugins.content import duty
    from plugins.content.burst import BurstWatch

    await filed_group()
    duty._watch = BurstWatch(2, 10)
    first, second = posted("草泥马"), posted("你个傻逼", accounts.STRANGER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for event, word in ((first, "草泥马"), (second, "傻逼")):
            ctx.receive_event(bot, event)
            ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
            expect_notice(
                ctx, event.user_id, texts.group_notice(by_key()["vulgar"], ["撤回", "予以警告"], [])
            )
            notice = leaders(
                "vulgar",
                event,
                word,
                ["撤回（已執行）", "警告（已執行）"],
                rung=texts.rung_line(1, 30),
            )
            expect_private(ctx, (accounts.STREET_LEADER,), notice)
        burst = texts.burst_notice(accounts.GROUP, "XX社區", 2, 10)
        expect_private(ctx, (accounts.STREET_LEADER, 30003), burst)
    assert await MeasureRecord.all().count() == 4
