"""Notices to the organisation's people go by platform: each person once, on the platform of the
port a notice goes through, else where they have an account; a QQ number is never written to
on Telegram. The test organisation's department is one person with a QQ and a Telegram account
(tests/data/org.toml); the superuser and the unit leaders have QQ accounts only."""

from nonebug import App

from adapters import onebot_events, telegram_events
from adapters.events import platform_for
from console import login
from core import runtime
from core.org import Account
from core.people import on, persons, reached, to_org_people
from plugins.measures.escalation import Level
from plugins.measures.service import escalate
from plugins.registry.people import department_accounts
from tests import accounts
from tests import telegram as tg
from tests.factories import expect_private_send, make_bot
from tests.tg_calls import expect_send

QQ, TG = onebot_events.NAME, telegram_events.NAME
ALICE = (Account(QQ, 1), Account(TG, 11))  # one person with both
BOB = (Account(QQ, 2),)
CAROL = (Account(TG, 33),)


def test_a_person_is_told_on_the_platform_the_notice_goes_through() -> None:
    assert reached(ALICE, TG, {QQ, TG}) == (Account(TG, 11),)
    assert reached(ALICE, QQ, {QQ, TG}) == (Account(QQ, 1),)


def test_without_an_account_there_a_person_is_told_where_they_have_one() -> None:
    assert reached(BOB, TG, {QQ, TG}) == (Account(QQ, 2),)
    assert reached(CAROL, QQ, {QQ, TG}) == (Account(TG, 33),)
    assert reached(BOB, TG, {TG}) == ()  # no QQ account connected here: nobody to write from


def test_with_no_platform_given_the_first_connected_of_theirs() -> None:
    assert reached(ALICE, None, {QQ, TG}) == (Account(QQ, 1),)  # the file's order
    assert reached(ALICE, None, {TG}) == (Account(TG, 11),)
    assert reached(ALICE, None, set()) == ()


def test_people_are_found_once_whichever_account_named_them() -> None:
    person_of = {a: ALICE for a in ALICE}
    named = [Account(TG, 11), Account(QQ, 2), Account(QQ, 1), Account(QQ, 2)]
    assert persons(named, person_of) == [ALICE, (Account(QQ, 2),)]


async def test_through_telegram_the_department_hears_on_telegram_the_superuser_on_qq(
    app: App,
) -> None:
    async with app.test_api() as ctx:
        telegram, _ = tg.make_bot(ctx), make_bot(ctx)
        expect_send(ctx, tg.DEPARTMENT, "通知")
        expect_private_send(ctx, accounts.SUPERUSER, "通知")
        outcomes = await to_org_people(platform_for(telegram), department_accounts(), "通知")
    assert [o.ok for o in outcomes] == [True, True]


async def test_through_qq_nobody_is_written_to_on_telegram(app: App) -> None:
    async with app.test_api() as ctx:
        _, qq = tg.make_bot(ctx), make_bot(ctx)
        expect_private_send(ctx, accounts.DEPARTMENT, "通知")
        expect_private_send(ctx, accounts.SUPERUSER, "通知")
        await to_org_people(platform_for(qq), department_accounts(), "通知")


async def test_a_notice_of_no_group_goes_to_the_first_account_of_each(app: App) -> None:
    async with app.test_api() as ctx:
        tg.make_bot(ctx)
        make_bot(ctx)
        expect_private_send(ctx, accounts.DEPARTMENT, "摘要")
        expect_private_send(ctx, accounts.SUPERUSER, "摘要")
        await to_org_people(None, department_accounts(), "摘要")


async def test_a_qq_number_is_never_written_to_on_telegram(app: App) -> None:
    """The unit's leader has a QQ account only: a Telegram group's notice reaches them on QQ,
    and with no QQ account connected it reaches nobody (nonebug fails on any call)."""
    leader = [Account(QQ, accounts.LEADER)]
    async with app.test_api() as ctx:
        telegram = tg.make_bot(ctx)
        assert await to_org_people(platform_for(telegram), leader, "通知", about=tg.GROUP) == []
        make_bot(ctx)
        expect_private_send(ctx, accounts.LEADER, "通知")
        await to_org_people(platform_for(telegram), leader, "通知", about=tg.GROUP)


async def test_the_one_who_asked_is_left_out_by_any_of_their_accounts(app: App) -> None:
    asker = on(TG, [tg.DEPARTMENT])
    async with app.test_api() as ctx:
        telegram, _ = tg.make_bot(ctx), make_bot(ctx)
        expect_private_send(ctx, accounts.SUPERUSER, "已撤銷")
        await to_org_people(
            platform_for(telegram), department_accounts(), "已撤銷", leaving_out=asker
        )


async def test_a_measure_in_a_telegram_group_is_escalated_by_platform(app: App) -> None:
    async with app.test_api() as ctx:
        telegram, _ = tg.make_bot(ctx), make_bot(ctx)
        expect_private_send(ctx, accounts.LEADER, "措施")  # the unit's leader: QQ only
        expect_private_send(ctx, accounts.SUPERUSER, "措施")
        expect_send(ctx, tg.DEPARTMENT, "措施")  # the department, on the group's platform
        named = await escalate(
            platform_for(telegram), "XX社區", [Level.UNIT, Level.DEPARTMENT], "措施", about=tg.GROUP
        )
    assert Account(QQ, accounts.DEPARTMENT) in named  # named; told once, on Telegram


async def test_a_console_login_code_goes_through_qq_only(app: App) -> None:
    """A code for QQ number 10001 must never reach Telegram user 10001."""
    assert runtime.org().is_department(QQ, accounts.DEPARTMENT)
    async with app.test_api() as ctx:
        tg.make_bot(ctx)
        await login._send_code(accounts.DEPARTMENT, "123456")  # no QQ account: not sent
        make_bot(ctx)
        ctx.should_call_api("send_private_msg", _AnyMessageTo(accounts.DEPARTMENT), {})
        await login._send_code(accounts.DEPARTMENT, "123456")


class _AnyMessageTo(dict[str, object]):
    """send_private_msg's parameters for `user_id`, whatever the message says."""

    def __init__(self, user_id: int) -> None:
        super().__init__(user_id=user_id)

    def __ne__(self, other: object) -> bool:
        return not (isinstance(other, dict) and other.get("user_id") == self["user_id"])

    __hash__ = None
