"""How a private notice reaches a non-friend: through a group both are in (a temporary session,
ob/action/msg/SendMsg.ts createContext), the group it is about first."""

from datetime import UTC, datetime

from nonebug import App

from adapters import events
from adapters.actions import SendPrivate
from adapters.message import text
from core.reach import candidates, route
from models.clearance import MemberSeen
from tests import accounts
from tests.factories import make_bot, member


def _no_friends() -> None:
    events._accounts[f"fake:{accounts.SELF}"].set_friends(frozenset(), now=float("inf"))


def _members(ctx: object, group_id: int, *user_ids: int) -> None:
    ctx.should_call_api(  # type: ignore[attr-defined]
        "get_group_member_list",
        {"group_id": group_id, "no_cache": True},
        [{**member(u), "group_id": group_id} for u in user_ids],
    )


def test_the_group_it_is_about_comes_first_each_group_once() -> None:
    assert candidates(1, [2, 1, 3], [3, 4]) == [1, 2, 3, 4]
    assert candidates(None, [2], []) == [2]


async def test_a_friend_is_reached_directly(app: App) -> None:
    async with app.test_api() as ctx:
        assert await route(events.platform_for(make_bot(ctx)), accounts.LEADER, 1) is None


async def test_a_non_friend_goes_through_the_group_the_notice_is_about(app: App) -> None:
    _no_friends()
    async with app.test_api() as ctx:
        platform = events.platform_for(make_bot(ctx))
        _members(ctx, accounts.GROUP, accounts.MEMBER, accounts.LEADER)
        assert await route(platform, accounts.LEADER, accounts.GROUP) == accounts.GROUP
        # the list is remembered: the next notice asks nothing
        assert await route(platform, accounts.MEMBER, accounts.GROUP) == accounts.GROUP


async def test_else_through_a_group_the_person_was_seen_in(app: App) -> None:
    _no_friends()
    await MemberSeen.create(
        platform="qq",
        group_id=accounts.OTHER_GROUP,
        user_id=accounts.LEADER,
        last_at=datetime.now(UTC),
    )
    async with app.test_api() as ctx:
        platform = events.platform_for(make_bot(ctx))
        _members(ctx, accounts.GROUP, accounts.MEMBER)  # not in the group it is about
        _members(ctx, accounts.OTHER_GROUP, accounts.LEADER)
        assert await route(platform, accounts.LEADER, accounts.GROUP) == accounts.OTHER_GROUP


async def test_no_shared_group_known_means_a_direct_try(app: App) -> None:
    _no_friends()
    async with app.test_api() as ctx:
        platform = events.platform_for(make_bot(ctx))
        _members(ctx, accounts.GROUP, accounts.MEMBER)
        assert await route(platform, accounts.LEADER, accounts.GROUP) is None
        assert SendPrivate(accounts.LEADER, text("x")).via is None
