"""/備案, /批准, /駁回: filing a group and the department's decision (Art. 3, 13)."""

from nonebug import App

from models.measures import MeasureRecord
from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin
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


async def test_internal_group_is_filed_and_the_filer_registered(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg("/備案 內部 XX社區 社區工作通知", accounts.OWNER, role="owner")
        )
        expect_group_info(ctx)
        expect_group_send(ctx, texts.filed_internal("XX社區"))
        notice = texts.department_filed("測試群", accounts.GROUP, "XX社區")
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
        told = texts.leader_filed("測試群", accounts.GROUP, "XX社區", accounts.OWNER, False)
        expect_private_send(ctx, accounts.LEADER, told)

    group = await Group.get(group_id=accounts.GROUP).prefetch_related("unit")
    assert (group.status, group.type, group.unit.name) == (
        GroupStatus.FILED,
        GroupType.INTERNAL,
        "XX社區",
    )
    assert group.purpose == "社區工作通知"
    assert [a.user_id for a in await RegisteredAdmin.filter(group=group)] == [accounts.OWNER]


async def test_public_group_waits_for_approval_and_the_department_is_told(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        # Simplified command and unit name are the same as the Traditional ones.
        ctx.receive_event(
            bot, group_msg("/备案 群眾 XX社区 居民服务", accounts.OWNER, role="admin")
        )
        expect_group_info(ctx)
        expect_group_send(ctx, texts.filed_public("XX社區"))
        notice = texts.department_pending("測試群", accounts.GROUP, "XX社區", "居民服务")
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
        told = texts.leader_filed("測試群", accounts.GROUP, "XX社區", accounts.OWNER, True)
        expect_private_send(ctx, accounts.LEADER, told)

    group = await Group.get(group_id=accounts.GROUP)
    assert group.status == GroupStatus.PENDING


async def test_unknown_unit_is_refused_with_the_known_units(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/備案 內部 火星辦", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.unknown_unit("火星辦", ["XX社區", "XX村"]))

    assert await Group.all().count() == 0


async def test_bad_arguments_get_the_usage_line(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/備案 秘密 XX社區", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.USAGE_FILE)
        ctx.receive_event(bot, group_msg("/register", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.USAGE_FILE)

    assert await Group.all().count() == 0


async def test_a_filed_group_is_not_filed_again(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/備案 群眾 XX村", accounts.OWNER, role="owner"))
        expect_group_send(ctx, texts.already_filed("已備案"))

    group = await Group.get(group_id=accounts.GROUP).prefetch_related("unit")
    assert (group.unit.name, group.type) == ("XX社區", GroupType.INTERNAL)


async def test_department_approves_a_pending_group(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/批准", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.approved(accounts.GROUP))
        expect_private_send(ctx, accounts.ADMIN, texts.approved(accounts.GROUP))

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.status, group.decided_by) == (GroupStatus.APPROVED, accounts.DEPARTMENT)
    (record,) = await MeasureRecord.filter(action="filing_decision")
    assert (record.actor, record.group_id, record.article, record.detail["decision"]) == (
        accounts.DEPARTMENT,
        accounts.GROUP,
        13,
        "approve",
    )


async def test_department_rejects_from_a_private_chat_with_a_reason(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, private_msg(f"/reject {accounts.GROUP} 用途不明", accounts.SUPERUSER)
        )
        told = texts.rejected(accounts.GROUP, "用途不明")
        expect_group_send(ctx, told)
        expect_private_send(ctx, accounts.ADMIN, told)
        expect_private_send(
            ctx, accounts.SUPERUSER, texts.decided_for_department(accounts.GROUP, False)
        )

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.status, group.status_reason) == (GroupStatus.REJECTED, "用途不明")
    (record,) = await MeasureRecord.filter(action="filing_decision")
    assert (record.actor, record.reason, record.detail["decision"]) == (
        accounts.SUPERUSER,
        "用途不明",
        "reject",
    )


async def test_reject_needs_a_reason_and_a_group_in_private(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/駁回", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.USAGE_REJECT)
        ctx.receive_event(bot, private_msg("/批准", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.USAGE_APPROVE)

    assert (await Group.get(group_id=accounts.GROUP)).status == GroupStatus.PENDING


async def test_only_a_pending_group_is_decided(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/批准", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.NOT_PENDING.format(group_id=accounts.GROUP, status="已備案"))
        ctx.receive_event(bot, private_msg("/批准 123456789", accounts.DEPARTMENT))
        expect_private_send(
            ctx, accounts.DEPARTMENT, texts.UNKNOWN_GROUP.format(group_id=123456789)
        )

    assert (await Group.get(group_id=accounts.GROUP)).status == GroupStatus.FILED


async def test_a_member_who_tries_to_approve_is_refused_and_nothing_changes(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/批准", accounts.MEMBER))
        expect_group_send(ctx, texts.refused(["黨群工作部"]))

    assert (await Group.get(group_id=accounts.GROUP)).status == GroupStatus.PENDING
