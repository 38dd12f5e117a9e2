"""The member list the bot keeps where the platform gives none (Telegram), through the port."""

from nonebug import App

from adapters.events import platform_for
from core import members
from models.members import KnownMember
from tests import telegram as tg
from tests.factories import group_msg


def _admins() -> list[dict[str, object]]:
    return [
        {"status": "creator", "user": tg.user(tg.OWNER, "王五"), "is_anonymous": False},
    ]


async def test_joins_messages_and_leaves_make_the_list(app: App) -> None:
    await members.watch(tg.event(tg.member_update(tg.MEMBER, "left", "member")))
    await members.watch(tg.event(tg.group_message("你好", tg.STRANGER)))
    await members.watch(tg.event(tg.group_message("再說一次", tg.STRANGER)))  # no second row
    assert sorted(m.user_id for m in await members.of_group("telegram", tg.GROUP)) == [
        tg.MEMBER,
        tg.STRANGER,
    ]
    await members.watch(tg.event(tg.member_update(tg.MEMBER, "member", "left")))
    assert [m.user_id for m in await members.of_group("telegram", tg.GROUP)] == [tg.STRANGER]
    assert await KnownMember.filter(user_id=tg.MEMBER).exclude(left_at=None).count() == 1


async def test_a_platform_with_a_member_list_keeps_none(app: App) -> None:
    await members.watch(group_msg("你好"))
    assert await KnownMember.all().count() == 0


async def test_the_port_answers_admins_and_the_known_members(app: App) -> None:
    await members.watch(tg.event(tg.group_message("你好", tg.MEMBER)))
    async with app.test_api() as ctx:
        bot = tg.make_bot(ctx)
        tg.expect(ctx, "get_chat_administrators", {"chat_id": tg.GROUP}, _admins())
        found = await platform_for(bot).members(tg.GROUP)
    assert isinstance(found, list)
    assert [(m.user_id, m.role) for m in found] == [(tg.OWNER, "owner"), (tg.MEMBER, "member")]
