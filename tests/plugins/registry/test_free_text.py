"""Purposes, reasons and words echoed back by the registry commands are posted and kept masked."""

from nonebug import App

from models.registry import Group, GroupStatus, GroupType
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
from tests.redaction import ID, MASKED, MASKED_ID, SECRET, assert_not_stored, scanning_duties_off


async def test_a_purpose_reaches_the_department_masked(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(f"/備案 群眾 XX社區 {SECRET}", accounts.OWNER, role="owner")
        )
        expect_group_info(ctx)
        expect_group_send(ctx, texts.filed_public("XX社區"))
        notice = texts.department_pending("測試群", accounts.GROUP, "XX社區", MASKED)
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
        told = texts.leader_filed("測試群", accounts.GROUP, "XX社區", accounts.OWNER, True)
        expect_private_send(ctx, accounts.LEADER, told)
    assert (await Group.get(group_id=accounts.GROUP)).purpose == MASKED
    await assert_not_stored()


async def test_an_unknown_unit_or_duty_is_echoed_masked(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/備案 內部 {ID}", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.unknown_unit(MASKED_ID, ["XX社區", "XX村"]))
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/開啟 {ID}", accounts.ADMIN))
        expect_group_send(ctx, texts.unknown_duty(MASKED_ID))


async def test_a_rejection_and_a_revocation_are_posted_and_kept_masked(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/駁回 {accounts.GROUP} {SECRET}", accounts.DEPARTMENT))
        told = texts.rejected(accounts.GROUP, MASKED)
        expect_group_send(ctx, told)
        expect_private_send(ctx, accounts.ADMIN, told)
        expect_private_send(
            ctx, accounts.DEPARTMENT, texts.decided_for_department(accounts.GROUP, False)
        )
    group = await Group.get(group_id=accounts.GROUP)
    assert (group.status, group.status_reason) == (GroupStatus.REJECTED, MASKED)
    group.status = GroupStatus.FILED
    await group.save()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/撤銷備案 {accounts.GROUP} {SECRET}", accounts.LEADER))
        expect_group_send(ctx, texts.revoked_in_group(MASKED))
        notice = texts.revoked_notice(accounts.GROUP, "XX社區", accounts.LEADER, MASKED)
        for who in (accounts.ADMIN, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
        expect_private_send(ctx, accounts.LEADER, texts.revoked_for_you(accounts.GROUP))
    assert (await Group.get(group_id=accounts.GROUP)).status_reason == MASKED
    await assert_not_stored()


async def test_a_done_reason_is_posted_told_and_kept_masked(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/任務完結 {SECRET}", accounts.ADMIN))
        expect_group_send(ctx, texts.finished(MASKED))
        notice = texts.department_finished(accounts.GROUP, "XX社區", MASKED)
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
    assert (await Group.get(group_id=accounts.GROUP)).finished_reason == MASKED
    await assert_not_stored()
