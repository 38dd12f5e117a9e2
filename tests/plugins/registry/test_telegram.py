"""The registry on Telegram: /備案 in a Telegram group, /功能 and /群規 with what Telegram lacks,
the department deciding a Telegram group by its (negative) number from QQ, and ambiguity."""

import pytest
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from adapters import telegram_people
from adapters.onebot_events import NAME as QQ
from adapters.telegram import TELEGRAM as CAN
from adapters.telegram_events import NAME as TELEGRAM
from core import runtime
from core.org import accounts_of
from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin
from plugins.registry import texts
from plugins.registry.abilities import limits
from plugins.registry.duties import DUTIES
from plugins.registry.people import department_accounts
from tests import accounts
from tests import telegram as tg
from tests.factories import expect_private_send, make_bot, private_msg
from tests.plugins.registry.helpers import filed_group
from tests.tg_calls import (
    expect,
    expect_member,
    expect_send,
    filed_tg_group,
    on_telegram,
    telegram_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.usefixtures("telegram_world")


def expect_chat(ctx: ApiContext, title: str = "XX社區工作群", members: int = 12) -> None:
    chat = {**tg.chat(title=title), "accent_color_id": 0, "max_reaction_count": 11}
    expect(ctx, "get_chat", chat, chat_id=tg.GROUP)
    expect(ctx, "get_chat_member_count", members, chat_id=tg.GROUP)


async def test_the_owner_files_a_telegram_group_once_the_platform_says_they_own_it(
    app: App,
) -> None:
    name = "XX社區工作群"
    telegram_people.forget()  # a new group: the bot knows nobody's role there yet
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/備案 內部 XX社區 社區工作", tg.OWNER)))
        # Telegram's message names no role, and the bot has not met the owner: it asks once.
        expect_member(ctx, tg.OWNER, "creator")
        expect_chat(ctx, name)
        expect_send(ctx, tg.GROUP, texts.filed_internal("XX社區"))
        # The department's Telegram account hears of it; the unit's leader has none (and no QQ
        # account is connected in this test).
        for person in on_telegram(department_accounts()):
            expect_send(ctx, person, texts.department_filed(name, tg.GROUP, "XX社區"))
        unit = runtime.org().unit("XX社區")
        assert unit is not None
        assert on_telegram(accounts_of(unit.leaders)) == []

    group = await Group.get(platform=TELEGRAM, group_id=tg.GROUP)
    assert (group.name, group.status, group.member_count) == (name, GroupStatus.FILED, 12)
    assert [a.user_id for a in await RegisteredAdmin.filter(group=group)] == [tg.OWNER]


async def test_a_plain_member_is_refused_after_the_platform_is_asked(app: App) -> None:
    telegram_people.forget()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/register 內部 XX社區", tg.MEMBER)))
        expect_member(ctx, tg.MEMBER, "member")
        expect_send(ctx, tg.GROUP, texts.refused(["群主或管理員", "黨群工作部"]))
    assert not await Group.exists()


async def test_the_duty_list_says_what_each_duty_does_on_telegram(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/功能")))
        lines = []
        for duty in DUTIES:
            lines.append(texts.duty_line(duty, True))
            lines += texts.limit_lines("Telegram", limits(duty.key, CAN))
        expect_send(ctx, tg.GROUP, texts.duties(lines))
    shown = texts.duties(lines)
    assert "　↳ Telegram：沒有成員名單：每週檢查只計機器人入群後見過（入群或發言）的成員。" in shown
    assert "沒有群檔案" in shown


async def test_the_rules_name_telegram_s_ways_and_how_notices_reach_people(app: App) -> None:
    from tests.plugins.registry.test_rules_reply import rules

    await filed_tg_group()
    expected = rules(True, [d.key for d in DUTIES], [], CAN, "Telegram")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/群規")))
        expect_send(ctx, tg.GROUP, expected)
    lines = expected.splitlines()
    at = lines.index("　● 保密：撤回帶涉密或內部標識的訊息與檔案，不轉述其內容")
    assert lines[at + 1 : at + 3] == [
        "　　（Telegram）轉發的訊息逐條到達，逐條檢查。",
        "　　（Telegram）沒有群檔案：檢查訊息所附文件的檔名與說明文字。",
    ]
    assert lines[-1].startswith("　（Telegram）私聊通知只能送達曾私聊機器人的人")
    assert "私聊機器人一次" in lines[-1]


async def test_the_department_approves_a_telegram_group_from_qq_by_its_number(app: App) -> None:
    await filed_tg_group(group_type=GroupType.PUBLIC, status=GroupStatus.PENDING)
    async with app.test_matcher() as ctx:
        qq = make_bot(ctx)
        tg.make_bot(ctx)
        ctx.receive_event(qq, private_msg(f"/批准 {tg.GROUP}", accounts.DEPARTMENT))
        # The work goes through the Telegram account: the group, then its admin privately.
        expect_send(ctx, tg.GROUP, texts.approved(tg.GROUP))
        expect_send(ctx, tg.ADMIN, texts.approved(tg.GROUP))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.decided_for_department(tg.GROUP, True))
    group = await Group.get(platform=TELEGRAM, group_id=tg.GROUP)
    assert (group.status, group.decided_by) == (GroupStatus.APPROVED, accounts.DEPARTMENT)


async def test_a_number_filed_on_two_platforms_is_ambiguous_until_one_is_named(app: App) -> None:
    number = 7001000
    await filed_group(number, status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    await filed_tg_group(number, status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        qq = make_bot(ctx)
        ctx.receive_event(qq, private_msg(f"/駁回 {number} 用途不明", accounts.DEPARTMENT))
        said = texts.ambiguous_group(number, [f"QQ（qq:{number}）", f"Telegram（tg:{number}）"])
        expect_private_send(ctx, accounts.DEPARTMENT, said)
    assert {g.status for g in await Group.all()} == {GroupStatus.PENDING}


async def test_a_telegram_group_decided_while_no_telegram_account_is_connected(app: App) -> None:
    await filed_tg_group(group_type=GroupType.PUBLIC, status=GroupStatus.PENDING)
    async with app.test_matcher() as ctx:
        qq = make_bot(ctx)
        ctx.receive_event(qq, private_msg(f"/批准 tg:{tg.GROUP}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.no_account("Telegram"))
    group = await Group.get(platform=TELEGRAM, group_id=tg.GROUP)
    assert group.status == GroupStatus.PENDING


async def test_a_qq_group_keeps_its_plain_number() -> None:
    from plugins.registry import store

    await filed_group()
    found = await store.groups_numbered(accounts.GROUP)
    assert [(g.platform, g.group_id) for g in found] == [(QQ, accounts.GROUP)]


async def test_an_edited_message_is_never_run_as_a_command(app: App) -> None:
    """Telegram lets a sender edit a sent message; an edit into `/功能` answers nothing (the
    duties read edits, the commands do not), while the same text sent anew is answered."""
    await filed_tg_group()
    sent = tg.command("會議改到三點", tg.MEMBER)
    body = {**sent["message"], "text": "/功能", "edit_date": tg.now() + 5}
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.update("edited_message", body)))
    # nonebug fails on any call it was not told to expect: no sendMessage was made
