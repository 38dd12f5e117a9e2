"""Friend requests from the people the bot must reach privately are accepted; others wait."""

import time

from nonebot.adapters.onebot.v11 import FriendRequestEvent
from nonebug import App

from adapters import events
from plugins.registry.friends import welcome_as_friend
from tests import accounts
from tests.factories import make_bot
from tests.plugins.registry.helpers import filed_group


def request(user_id: int, flag: str = "f1") -> FriendRequestEvent:
    return FriendRequestEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="request",
        request_type="friend",
        user_id=user_id,
        comment="你好",
        flag=flag,
    )


def test_who_is_welcome() -> None:
    assert welcome_as_friend(1, {1, 2}, registered_admin=False)
    assert welcome_as_friend(3, {1, 2}, registered_admin=True)
    assert not welcome_as_friend(3, {1, 2}, registered_admin=False)


async def test_named_people_and_registered_admins_are_accepted_strangers_left(app: App) -> None:
    await filed_group()  # accounts.ADMIN becomes its registered admin
    account = events._accounts[f"fake:{accounts.SELF}"]
    account.set_friends(frozenset(), now=float("inf"))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for person, flag in ((accounts.LEADER, "a"), (30003, "b"), (accounts.ADMIN, "c")):
            ctx.receive_event(bot, request(person, flag))
            ctx.should_call_api("set_friend_add_request", {"flag": flag, "approve": True}, None)
        ctx.receive_event(bot, request(accounts.STRANGER, "d"))  # nothing asked of the platform
    assert account.friends == {accounts.LEADER, 30003, accounts.ADMIN}
