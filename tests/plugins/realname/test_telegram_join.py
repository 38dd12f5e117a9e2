"""Join requests on Telegram: no answer comes with them, so the applicant is asked privately who
they are; their private answer decides the request, and a match binds the account (Art. 4)."""

from datetime import timedelta

import pytest
from nonebug import App

from adapters.telegram_events import NAME
from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from models.realname import AccountBinding, JoinQuestion, QuestionStatus, RealnameSetting
from models.registry import Group
from plugins.measures.store import UNDELIVERED
from plugins.realname import asking, asking_texts, store, texts
from plugins.registry import texts as registry_texts
from tests import telegram as tg
from tests.tg_calls import (
    UNREACHABLE,
    expect_group_info,
    expect_join_answer,
    expect_send,
    filed_tg_group,
    known_bot,
)

from .people import LI, WANG, ZHANG

GROUP_NAME = "XX社區工作群"
ADMINS_ONLY = registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
QUESTION = asking_texts.join_question(GROUP_NAME, "XX社區", 5)
APPLICANT = tg.STRANGER


@pytest.fixture(autouse=True)
def _telegram_account() -> None:
    known_bot()


async def _group(auto_approve: bool = True) -> Group:
    group = await filed_tg_group(name=GROUP_NAME)
    await RealnameSetting.create(group=group, auto_approve=auto_approve, changed_by=tg.ADMIN)
    await store.import_roster([ZHANG, LI, WANG], "test.csv")
    return group


async def _asked(group_id: int = tg.GROUP) -> JoinQuestion:
    """The applicant asked already, for their request to `group_id` (as a join request asks)."""
    flag = f"{group_id}:{APPLICANT}"
    return await store.ask(
        platform=NAME, bot_id=str(tg.SELF), group_id=group_id, user_id=APPLICANT, flag=flag
    )


def _notice(said: str | None, outcome: str, listed: str = "") -> str:
    return asking_texts.join_private_notice(tg.GROUP, "XX社區", APPLICANT, said, outcome, listed)


async def test_an_applicant_on_the_roster_is_asked_then_approved_and_bound(app: App) -> None:
    await _group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(APPLICANT)))
        expect_group_info(ctx)
        expect_send(ctx, APPLICANT, QUESTION)
    question = await JoinQuestion.get()
    assert (question.platform, question.bot_id, question.group_id, question.user_id) == (
        NAME,
        str(tg.SELF),
        tg.GROUP,
        APPLICANT,
    )
    assert (question.flag, question.status) == (f"{tg.GROUP}:{APPLICANT}", QuestionStatus.OPEN)
    assert await MeasureRecord.all().count() == 0  # nothing decided before the answer

    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("XX社区-张三", APPLICANT)))
        expect_group_info(ctx)
        expect_join_answer(ctx, True, APPLICANT)
        expect_send(ctx, APPLICANT, asking_texts.join_answer_approved(GROUP_NAME))
        listed = texts.roster_person("XX社區", "張三", "在崗")
        expect_send(
            ctx, tg.ADMIN, _notice("XX社区-张三", asking_texts.OUTCOME_JOIN_APPROVED, listed)
        )
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.status, record.platform) == (
        "join_approve",
        "roster_match",
        RecordStatus.DONE,
        NAME,
    )
    assert (record.group_id, record.target, record.article) == (tg.GROUP, APPLICANT, 4)
    binding = await AccountBinding.get().prefetch_related("person")
    assert (binding.platform, binding.user_id, binding.group_id) == (NAME, APPLICANT, tg.GROUP)
    assert binding.person.account == ZHANG.account
    await question.refresh_from_db()
    assert (question.status, question.record_id) == (QuestionStatus.ANSWERED, record.id)

    # Arriving in the group, the member is bound already: nothing to tell anyone.
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.member_update(APPLICANT, "left", "member")))


async def test_an_applicant_off_the_roster_is_declined_and_told_why(app: App) -> None:
    await _group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(APPLICANT)))
        expect_group_info(ctx)
        expect_send(ctx, APPLICANT, QUESTION)
        ctx.receive_event(bot, tg.event(tg.private_message("我是送外賣的", APPLICANT)))
        expect_group_info(ctx)
        expect_join_answer(ctx, False, APPLICANT)
        reason = texts.JOIN_CLAIM_NOT_IN_ROSTER
        expect_send(ctx, APPLICANT, asking_texts.join_answer_refused(GROUP_NAME, reason))
        expect_send(
            ctx, tg.ADMIN, _notice("我是送外賣的", asking_texts.outcome_join_refused(reason))
        )
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.status) == (
        "join_refuse",
        "not_in_roster",
        RecordStatus.DONE,
    )
    assert await AccountBinding.all().count() == 0
    assert (await JoinQuestion.get()).status == QuestionStatus.ANSWERED


async def test_a_name_bound_to_another_account_is_declined(app: App) -> None:
    await _group()
    await store.bind(NAME, tg.MEMBER, ZHANG.account, tg.GROUP)
    await _asked()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("XX社區-張三", APPLICANT)))
        expect_group_info(ctx)
        expect_join_answer(ctx, False, APPLICANT)
        reason = texts.JOIN_CLAIM_NAME_TAKEN
        expect_send(ctx, APPLICANT, asking_texts.join_answer_refused(GROUP_NAME, reason))
        listed = texts.roster_person("XX社區", "張三", "在崗")
        outcome = asking_texts.outcome_join_refused(reason)
        expect_send(ctx, tg.ADMIN, _notice("XX社區-張三", outcome, listed))
    assert (await MeasureRecord.get()).category == "name_other_account"
    assert {b.user_id for b in await AccountBinding.all()} == {tg.MEMBER}


async def test_without_auto_approval_a_match_waits_and_is_bound_once_let_in(app: App) -> None:
    await _group(auto_approve=False)
    await _asked()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("張三", APPLICANT)))
        expect_group_info(ctx)
        expect_send(ctx, APPLICANT, asking_texts.join_answer_waiting(GROUP_NAME))
        listed = texts.roster_person("XX社區", "張三", "在崗")
        outcome = asking_texts.outcome_join_waiting(texts.JOIN_AUTO_APPROVE_OFF)
        expect_send(ctx, tg.ADMIN, _notice("張三", outcome, listed))
    assert await MeasureRecord.all().count() == 0
    assert await AccountBinding.all().count() == 0  # not before the admins let them in
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.member_update(APPLICANT, "left", "member", by=tg.ADMIN)))
    assert await store.bound_account(NAME, APPLICANT) == ZHANG.account


async def test_an_applicant_the_bot_cannot_write_to_is_left_to_the_admins(app: App) -> None:
    await _group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(APPLICANT)))
        expect_group_info(ctx)
        expect_send(ctx, APPLICANT, QUESTION, refused=UNREACHABLE)
        outcome = asking_texts.outcome_join_waiting(asking_texts.JOIN_UNREACHABLE)
        expect_send(ctx, tg.ADMIN, _notice(None, outcome))
    assert (await JoinQuestion.get()).status == QuestionStatus.UNREACHABLE
    # Never approved blindly: the one record is of the question that did not arrive.
    record = await MeasureRecord.get()
    assert (record.action, record.target, record.status) == (
        UNDELIVERED,
        APPLICANT,
        RecordStatus.FAILED,
    )


async def test_blacklisted_and_full_are_refused_without_asking(app: App) -> None:
    group = await _group()
    await BlacklistEntry.create(platform=NAME, user_id=APPLICANT, reason="廣告")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(APPLICANT)))
        expect_group_info(ctx)
        expect_join_answer(ctx, False, APPLICANT)
    await RealnameSetting.filter(group=group).update(member_cap=30)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(tg.MEMBER)))
        expect_group_info(ctx, members=30)
        expect_join_answer(ctx, False, tg.MEMBER)
        notice = texts.join_full_notice(tg.GROUP, "XX社區", tg.MEMBER, 30)
        expect_send(ctx, tg.ADMIN, notice)
    categories = [r.category for r in await MeasureRecord.all().order_by("id")]
    assert categories == ["blacklisted", "full"]
    assert await JoinQuestion.all().count() == 0


async def test_a_unit_without_roster_is_left_to_the_admins_unasked(app: App) -> None:
    await filed_tg_group(name=GROUP_NAME)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.join_request(APPLICANT)))
        expect_group_info(ctx)
        expect_send(
            ctx, tg.ADMIN, _notice(None, asking_texts.outcome_join_waiting(texts.JOIN_NO_ROSTER))
        )
    assert await JoinQuestion.all().count() == 0


async def test_one_answer_decides_the_requests_to_two_groups(app: App) -> None:
    await _group()
    other = await filed_tg_group(group_id=tg.OTHER_GROUP, name="XX社區第二群")
    await RealnameSetting.create(group=other, auto_approve=True, changed_by=tg.ADMIN)
    for group_id in (tg.GROUP, tg.OTHER_GROUP):
        await _asked(group_id)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("XX社區-張三", APPLICANT)))
        expect_group_info(ctx)
        expect_join_answer(ctx, True, APPLICANT)
        expect_send(ctx, APPLICANT, asking_texts.join_answer_approved(GROUP_NAME))
        listed = texts.roster_person("XX社區", "張三", "在崗")
        expect_send(
            ctx, tg.ADMIN, _notice("XX社區-張三", asking_texts.OUTCOME_JOIN_APPROVED, listed)
        )
        # The second group: the account is bound now, and judged by its person.
        expect_group_info(ctx, group_id=tg.OTHER_GROUP)
        expect_join_answer(ctx, True, APPLICANT, group_id=tg.OTHER_GROUP)
        expect_send(ctx, APPLICANT, asking_texts.join_answer_approved("XX社區第二群"))
        notice = asking_texts.join_private_notice(
            tg.OTHER_GROUP,
            "XX社區",
            APPLICANT,
            "XX社區-張三",
            asking_texts.OUTCOME_JOIN_APPROVED,
            listed,
        )
        expect_send(ctx, tg.ADMIN, notice)
    assert [r.group_id for r in await MeasureRecord.all().order_by("id")] == [
        tg.GROUP,
        tg.OTHER_GROUP,
    ]
    statuses = {q.group_id: q.status for q in await JoinQuestion.all()}
    assert statuses == {tg.GROUP: QuestionStatus.ANSWERED, tg.OTHER_GROUP: QuestionStatus.ANSWERED}


async def test_commands_and_strangers_messages_are_not_answers(app: App) -> None:
    await _group()
    await _asked()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("XX社區-張三", tg.MEMBER)))
        ctx.receive_event(bot, tg.event(tg.private_message("/名片格式", APPLICANT)))
        expect_send(ctx, APPLICANT, ADMINS_ONLY)  # the command answers, as a command
        ctx.receive_event(bot, tg.event(tg.group_message("XX社區-張三", APPLICANT)))
    assert (await JoinQuestion.get()).status == QuestionStatus.OPEN
    assert await MeasureRecord.all().count() == 0


async def test_an_unanswered_question_expires_to_the_admins(app: App) -> None:
    await _group()
    question = await _asked()
    asked = question.asked_at
    async with app.test_api() as ctx:
        tg.make_bot(ctx)
        await asking.expire(asked + timedelta(minutes=4))  # not yet
        expect_send(
            ctx,
            tg.ADMIN,
            _notice(None, asking_texts.outcome_join_waiting(asking_texts.join_no_reply(5))),
        )
        await asking.expire(asked + timedelta(minutes=6))
        await asking.expire(asked + timedelta(minutes=7))  # told once
    assert (await JoinQuestion.get()).status == QuestionStatus.EXPIRED
    async with app.test_matcher() as ctx:  # a late answer finds no open question
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("XX社區-張三", APPLICANT)))
    assert await MeasureRecord.all().count() == 0
