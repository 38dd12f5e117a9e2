"""/群檔案, /功能, /開啟, /關閉, /群規, /任務完結: what a filed group shows and switches."""

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from models.registry import DutySwitch, Group, GroupStatus, GroupType
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    private_msg,
)
from tests.plugins.registry.helpers import filed_group

LOCAL = ZoneInfo("Asia/Shanghai")  # the test organisation's street.timezone (the default)


def member_info(user_id: int, *, card: str = "", nickname: str = "") -> dict[str, Any]:
    """`get_group_member_info` as NapCat answers it."""
    return {
        "group_id": accounts.GROUP,
        "user_id": user_id,
        "nickname": nickname or f"u{user_id}",
        "card": card,
        "sex": "unknown",
        "age": 0,
        "area": "",
        "level": "0",
        "qq_level": 0,
        "join_time": 1_700_000_000,
        "last_sent_time": 1_700_000_100,
        "title_expire_time": 0,
        "unfriendly": False,
        "card_changeable": True,
        "is_robot": False,
        "shut_up_timestamp": 0,
        "role": "member",
        "title": "",
    }


def expect_member_info(ctx: ApiContext, user_id: int, **answer: Any) -> None:
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": accounts.GROUP, "user_id": user_id, "no_cache": True},
        member_info(user_id, **answer),
    )


async def switch_off(duty: str) -> None:
    group = await Group.get(group_id=accounts.GROUP)
    await DutySwitch.create(group=group, duty=duty, enabled=False, changed_by=accounts.ADMIN)


# --- /群檔案 -------------------------------------------------------------------------------


async def test_profile_of_an_unfiled_group_says_how_to_file(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_send(ctx, texts.NOT_FILED)

    assert await Group.all().count() == 0


async def test_profile_shows_unit_type_status_grade_and_admins_by_card(app: App) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    await Group.filter(group_id=accounts.GROUP).update(purpose="社區工作通知")
    await switch_off("privacy")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案", accounts.MEMBER))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="XX社區-張三")
        expect_member_info(ctx, accounts.OWNER, nickname="李四")  # no card: the nickname
        expect_group_send(
            ctx,
            "\n".join(
                [
                    "【群檔案】",
                    "建群單位：XX社區",
                    "類型：內部　狀態：已備案　分級：三級",
                    "用途：社區工作通知",
                    "群組管理員：XX社區-張三、李四",
                    "開啟的功能：實名、清理、保密、內容",
                    "關閉的功能：隱私",
                ]
            ),
        )


async def test_profile_grade_follows_type_and_live_member_count(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.APPROVED, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/profile"))
        # 群眾 +2, 500 members +2: 一級, from the platform's count, not the stored 30.
        expect_group_info(ctx, members=500)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        expect_group_send(
            ctx,
            texts.profile(
                unit="XX社區",
                group_type="群眾",
                status="已批准",
                grade="一級",
                admins=["張三"],
                duties_on=["實名", "清理", "保密", "內容", "隱私"],
                duties_off=[],
                purpose="",
                finished=None,
            ),
        )


async def test_an_admin_the_platform_cannot_describe_is_shown_masked(app: App) -> None:
    from plugins.registry import texts
    from plugins.registry.people import masked_account

    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.OWNER, "no_cache": True},
            exception=ActionFailed(retcode=100),
        )
        masked = masked_account(accounts.OWNER)
        text = texts.profile(
            unit="XX社區",
            group_type="內部",
            status="已備案",
            grade="三級",
            admins=["張三", masked],
            duties_on=["實名", "清理", "保密", "內容", "隱私"],
            duties_off=[],
            purpose="",
            finished=None,
        )
        expect_group_send(ctx, text)

    assert masked == "40*02"
    assert str(accounts.OWNER) not in text
    assert "群組管理員：張三、40*02" in text


async def test_a_finished_group_shows_when_in_local_time(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    # 20:00 UTC on 1 March is already 2 March in Asia/Shanghai.
    await Group.filter(group_id=accounts.GROUP).update(
        finished_at=datetime(2025, 3, 1, 20, 0, tzinfo=UTC), finished_reason="活動結束"
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        expect_group_send(
            ctx,
            texts.profile(
                unit="XX社區",
                group_type="內部",
                status="已備案",
                grade="三級",
                admins=["張三"],
                duties_on=["實名", "清理", "保密", "內容", "隱私"],
                duties_off=[],
                purpose="",
                finished="2025-03-02 活動結束",
            ),
        )


# --- /功能 /開啟 /關閉 ---------------------------------------------------------------------


def duty_list(off: set[str]) -> str:
    from plugins.registry import texts
    from plugins.registry.duties import DUTIES

    return texts.duties([texts.duty_line(d, d.key not in off) for d in DUTIES])


async def test_duties_list_marks_each_duty_on_or_off_with_its_articles(app: App) -> None:
    await filed_group()
    await switch_off("confidential")
    listing = duty_list({"confidential"})
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, listing)

    lines = listing.splitlines()
    assert "● 實名（第4條、第7條）" in listing
    assert any(line.startswith("○ 保密（第11條）") for line in lines)
    assert sum(line.startswith("●") for line in lines) == 4


async def test_duties_list_in_an_unfiled_group(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/duties"))
        expect_group_send(ctx, texts.NOT_FILED)


async def test_switching_a_duty_off_writes_it_and_the_list_follows(app: App) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    # Warm the cache: the switch must replace it.
    assert "privacy" in await store.enabled_duties("qq", accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list(set()))
        ctx.receive_event(bot, group_msg("/關閉 隱私", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], False))
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list({"privacy"}))

    row = await DutySwitch.get(duty="privacy").prefetch_related("group")
    assert (row.group.group_id, row.enabled, row.changed_by) == (
        accounts.GROUP,
        False,
        accounts.ADMIN,
    )
    assert "privacy" not in await store.enabled_duties("qq", accounts.GROUP)
    assert texts.switched(BY_KEY["privacy"], False) == "已關閉「隱私」（第4條）。"


async def test_switching_back_on_updates_the_same_row(app: App) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    await switch_off("content")
    assert "content" not in await store.enabled_duties("qq", accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/開啟 內容", accounts.LEADER))
        expect_group_send(ctx, texts.switched(BY_KEY["content"], True))
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list(set()))

    rows = await DutySwitch.filter(duty="content")
    assert [(r.enabled, r.changed_by) for r in rows] == [(True, accounts.LEADER)]
    assert "content" in await store.enabled_duties("qq", accounts.GROUP)


async def test_simplified_and_latin_aliases_switch_too(app: App) -> None:
    from plugins.registry import texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/关闭 实名", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["realname"], False))
        ctx.receive_event(bot, group_msg("/disable clearance", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["clearance"], False))
        ctx.receive_event(bot, group_msg("/开启 实名", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["realname"], True))
        ctx.receive_event(bot, group_msg("/enable privacy", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], True))

    switched = {r.duty: r.enabled for r in await DutySwitch.all()}
    assert switched == {"realname": True, "clearance": False, "privacy": True}


async def test_an_unknown_duty_is_named_and_nothing_is_written(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/關閉 火星", accounts.ADMIN))
        expect_group_send(ctx, texts.unknown_duty("火星"))

    assert texts.unknown_duty("火星").startswith("未知功能「火星」")
    assert await DutySwitch.all().count() == 0


async def test_switch_with_bad_arguments_gets_the_usage_line(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/開啟", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SWITCH)
        ctx.receive_event(bot, group_msg("/關閉 實名 隱私", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SWITCH)

    assert await DutySwitch.all().count() == 0


async def test_switch_in_an_unfiled_group_says_it_is_not_filed(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/關閉 隱私", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.NOT_FILED)

    assert await DutySwitch.all().count() == 0


# --- /群規 ---------------------------------------------------------------------------------


async def test_rules_of_a_filed_group_name_the_duties_switched_off(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    await switch_off("privacy")
    await switch_off("clearance")
    by_duty = texts.RULES_BY_DUTY
    expected = "\n".join(
        [
            "【群規】本群依《工作互聯網群組管理辦法（試行）》管理：",
            *texts.RULES_ALWAYS,
            by_duty["realname"],
            by_duty["confidential"],
            by_duty["content"],
            "本群關閉的功能：清理、隱私。",
        ]
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群規"))
        expect_group_send(ctx, expected)

    assert by_duty["privacy"] not in expected
    assert by_duty["clearance"] not in expected


async def test_rules_of_an_unfiled_group_list_everything_and_say_so(app: App) -> None:
    from plugins.registry import texts

    expected = "\n".join(
        [
            "【群規】本群依《工作互聯網群組管理辦法（試行）》管理：",
            *texts.RULES_ALWAYS,
            *texts.RULES_BY_DUTY.values(),
            texts.RULES_NOT_FILED,
        ]
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群规"))
        expect_group_send(ctx, expected)
        ctx.receive_event(bot, private_msg("/rules", accounts.STRANGER))
        expect_private_send(ctx, accounts.STRANGER, expected)


# --- /任務完結 ------------------------------------------------------------------------------


async def test_done_marks_the_group_and_tells_leaders_and_department(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    before = datetime.now(UTC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結 活動 結束", accounts.ADMIN))
        expect_group_send(ctx, texts.finished("活動 結束"))
        notice = texts.department_finished(accounts.GROUP, "XX社區", "活動 結束")
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)

    group = await Group.get(group_id=accounts.GROUP)
    assert group.finished_at is not None
    assert before <= group.finished_at <= datetime.now(UTC)
    assert group.finished_reason == "活動 結束"
    assert notice == "【任務完結】XX社區 的群 700100 已標記任務完結。活動 結束"


async def test_done_a_second_time_says_it_is_already_finished(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/done", accounts.ADMIN))
        expect_group_send(ctx, texts.finished(""))
        notice = texts.department_finished(accounts.GROUP, "XX社區", "")
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
    first = (await Group.get(group_id=accounts.GROUP)).finished_at
    assert first is not None

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任务完结 再來一次", accounts.ADMIN))
        expect_group_send(
            ctx, texts.ALREADY_FINISHED.format(when=f"{first.astimezone(LOCAL):%Y-%m-%d}")
        )

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.finished_at, group.finished_reason) == (first, "")


async def test_already_finished_date_is_the_local_date(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    await Group.filter(group_id=accounts.GROUP).update(
        finished_at=datetime(2025, 3, 1, 20, 0, tzinfo=UTC)
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結", accounts.ADMIN))
        expect_group_send(ctx, texts.ALREADY_FINISHED.format(when="2025-03-02"))


async def test_done_with_a_reason_too_long_is_refused(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結 " + "長" * 201, accounts.ADMIN))
        expect_group_send(ctx, texts.REASON_TOO_LONG)

    assert (await Group.get(group_id=accounts.GROUP)).finished_at is None
