"""/撤銷備案: the unit's leader or the department undoes a filing made under the unit."""

from nonebug import App

from models.measures import MeasureRecord
from models.registry import Group, GroupStatus, RegisteredAdmin
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    message,
    private_msg,
)
from tests.plugins.registry.helpers import filed_group


async def test_the_leader_revokes_privately_and_the_admins_lose_their_powers(app: App) -> None:
    from plugins.registry import store, texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/撤銷備案 {accounts.GROUP} 非本單位", accounts.LEADER))
        expect_group_send(ctx, texts.revoked_in_group("非本單位"))
        notice = texts.revoked_notice(accounts.GROUP, "XX社區", accounts.LEADER, "非本單位")
        for who in (accounts.ADMIN, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
        expect_private_send(ctx, accounts.LEADER, texts.revoked_for_you(accounts.GROUP))
        # The former admin's powers are gone with the filing.
        ctx.receive_event(
            bot, group_msg(message("/拉黑 ", accounts.MEMBER) + " 廣告", accounts.ADMIN)
        )
        expect_group_send(ctx, texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"]))
        ctx.receive_event(bot, group_msg(message("/移出 ", accounts.MEMBER), accounts.ADMIN))
        expect_group_send(ctx, texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"]))

        # Nor is the unit's leader a leader in a group no longer filed under the unit.
        ctx.receive_event(
            bot, group_msg(message("/拉黑 ", accounts.MEMBER) + " 廣告", accounts.LEADER)
        )
        expect_group_send(ctx, texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"]))

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.status, group.status_reason, group.decided_by) == (
        GroupStatus.REVOKED,
        "非本單位",
        accounts.LEADER,
    )
    admin = await RegisteredAdmin.get(user_id=accounts.ADMIN)
    assert admin.until is not None
    assert await store.enabled_duties("qq", accounts.GROUP) == frozenset()
    assert await MeasureRecord.all().count() == 0


async def test_only_the_department_files_a_revoked_group_again(app: App) -> None:
    from plugins.registry import store, texts

    await filed_group(status=GroupStatus.REVOKED, admins=())
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/備案 內部 XX社區", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.REVOKED_REFILE)
        ctx.receive_event(bot, group_msg("/備案 內部 XX社區", accounts.DEPARTMENT))
        expect_group_info(ctx)
        expect_group_send(ctx, texts.filed_internal("XX社區"))
        notice = texts.department_filed("測試群", accounts.GROUP, "XX社區")
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
        told = texts.leader_filed("測試群", accounts.GROUP, "XX社區", accounts.DEPARTMENT, False)
        expect_private_send(ctx, accounts.LEADER, told)

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.status, group.filed_by) == (GroupStatus.FILED, accounts.DEPARTMENT)
    assert await store.admin_ids(group) == [accounts.DEPARTMENT]


async def test_revoking_needs_a_reason_a_known_group_and_a_filing(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.REJECTED)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/撤銷備案 {accounts.GROUP}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.USAGE_REVOKE)
        ctx.receive_event(bot, private_msg("/unfile 123456789 錯誤", accounts.DEPARTMENT))
        expect_private_send(
            ctx, accounts.DEPARTMENT, texts.UNKNOWN_GROUP.format(group_id=123456789)
        )
        ctx.receive_event(bot, private_msg(f"/撤销备案 {accounts.GROUP} 錯誤", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.not_revocable(accounts.GROUP, "已駁回"))

    assert (await Group.get(group_id=accounts.GROUP)).status == GroupStatus.REJECTED


async def test_a_leader_revokes_only_the_unit_s_groups(app: App) -> None:
    from plugins.registry import texts

    await filed_group(accounts.OTHER_GROUP, unit="XX村")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, private_msg(f"/撤銷備案 {accounts.OTHER_GROUP} 試試", accounts.LEADER)
        )
        expect_private_send(
            ctx, accounts.LEADER, texts.revoke_other_unit(accounts.OTHER_GROUP, "XX村")
        )
        ctx.receive_event(
            bot, private_msg(f"/撤銷備案 {accounts.OTHER_GROUP} 試試", accounts.ADMIN)
        )
        expect_private_send(ctx, accounts.ADMIN, texts.refused(["單位分管負責人", "黨群工作部"]))

    assert (await Group.get(group_id=accounts.OTHER_GROUP)).status == GroupStatus.FILED
