"""What the bot's role does not allow is left to a person who can, and "ok" is read back.

QQ lets an admin act on ordinary members only (ob/action/group/SetGroupBan.ts 'cannot ban
admin'; a refused recall times out in napcat-core/apis/msg.ts recallMsg), and NapCat answers
set_group_kick ok whatever happened (ob/action/group/SetGroupKick.ts).
"""

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from adapters.actions import Kick
from adapters.events import platform_for
from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts as confidential_texts
from plugins.measures import texts
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from tests import accounts
from tests.factories import bot_role, expect_member, group_msg, make_bot, member
from tests.plugins.confidential.helpers import expect_mention, expect_recall
from tests.plugins.registry.helpers import filed_group

MARKED = "通知：機密★1年 會議紀要"
RECALL_TIMEOUT = (
    "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/recallMsg "
    "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{}\n"
)


def expect_members_with_owner(ctx: object) -> None:
    ctx.should_call_api(  # type: ignore[attr-defined]
        "get_group_member_list",
        {"group_id": accounts.GROUP, "no_cache": True},
        [member(accounts.OWNER, role="owner"), member(accounts.ADMIN, role="admin")],
    )


def sent_to(ctx: object, user_id: int) -> list[str]:
    found: list[str] = []
    ctx.should_call_api(  # type: ignore[attr-defined]
        "send_private_msg",
        {"user_id": user_id, "message": _Keep(found)},
        {"message_id": 1},
    )
    return found


class _Keep:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def __eq__(self, other: object) -> bool:
        self.into.append(other.extract_plain_text())  # type: ignore[attr-defined]
        return True

    __hash__ = None  # type: ignore[assignment]


async def test_an_admin_bot_does_not_try_to_recall_an_admin_and_asks_the_owner(app: App) -> None:
    await filed_group()
    bot_role("admin")
    event = group_msg(MARKED, accounts.ADMIN, role="admin")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        # no delete_msg: QQ would refuse it
        expect_members_with_owner(ctx)
        owner = sent_to(ctx, accounts.OWNER)
        sender = sent_to(ctx, accounts.ADMIN)
        admin_ref = sent_to(ctx, accounts.ADMIN)  # the admins' reference (the sender is one)
        leader_ref = sent_to(ctx, accounts.LEADER)
        # nothing in the group: it is still there, and no one is told it was withdrawn

    record = await MeasureRecord.get()
    assert record.status == RecordStatus.REFERRED
    assert texts.ASKED_OWNER in record.platform_answer
    assert texts.ASKED_SENDER in record.platform_answer
    assert str(event.message_id) in owner[0]
    assert "機密" not in owner[0] + sender[0]  # never quoted
    assert "撤回" in sender[0]
    assert "未能撤回" in admin_ref[0]
    assert leader_ref == admin_ref


async def test_a_recall_qq_refused_is_left_to_the_owner_and_the_group_not_told(app: App) -> None:
    """The role the bot remembered was stale: QQ refused; it asks rather than records a failure."""
    await filed_group()
    bot_role("admin")
    event = group_msg(MARKED)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id, retcode=1200, wording=RECALL_TIMEOUT)
        expect_members_with_owner(ctx)
        sent_to(ctx, accounts.OWNER)
        sent_to(ctx, accounts.MEMBER)
        sent_to(ctx, accounts.ADMIN)
        sent_to(ctx, accounts.LEADER)
    record = await MeasureRecord.get()
    assert record.status == RecordStatus.REFERRED


async def test_a_member_message_is_recalled_by_an_admin_bot(app: App) -> None:
    await filed_group()
    bot_role("admin")
    event = group_msg(MARKED)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, confidential_texts.withdrawn())
        sent_to(ctx, accounts.ADMIN)
        sent_to(ctx, accounts.LEADER)
    assert (await MeasureRecord.get()).status == RecordStatus.DONE


async def test_a_kick_answered_ok_but_not_done_is_recorded_failed(app: App) -> None:
    group = await filed_group()
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": False},
            None,
        )
        expect_member(ctx, accounts.MEMBER)  # still there
        record = await carry_out(
            platform_for(bot),
            Measure.in_group(
                group, kind="kick", article=8, action=Kick(accounts.GROUP, accounts.MEMBER)
            ),
        )
    assert (record.status, record.platform_answer) == (RecordStatus.FAILED, texts.STILL_A_MEMBER)


async def test_an_admin_bot_reads_the_target_role_before_a_kick_and_refers(app: App) -> None:
    group = await filed_group()
    bot_role("admin")
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        expect_member(ctx, accounts.ADMIN, role="admin")
        expect_members_with_owner(ctx)
        owner = sent_to(ctx, accounts.OWNER)
        record = await carry_out(
            platform_for(bot),
            Measure.in_group(
                group,
                kind="kick",
                article=8,
                action=Kick(accounts.GROUP, accounts.ADMIN),
                target=accounts.ADMIN,
            ),
        )
    assert record.status == RecordStatus.REFERRED
    assert "移出" in owner[0]


async def test_refusals_of_other_kinds_stay_failures(app: App) -> None:
    group = await filed_group()
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": False},
            exception=ActionFailed(retcode=1200, wording="get Uid Error"),
        )
        record = await carry_out(
            platform_for(bot),
            Measure.in_group(
                group, kind="kick", article=8, action=Kick(accounts.GROUP, accounts.MEMBER)
            ),
        )
    assert record.status == RecordStatus.FAILED
    assert record.platform_answer == "不在群中：get Uid Error"
