"""Friend requests: the people the bot must reach privately are accepted.

A private notice to a non-friend needs a group both share (core.reach); a friend is reached
anywhere. So a request from someone the organisation file names, a superuser or a registered
admin is accepted at once; anyone else's is left for a person to decide in the QQ client.
"""

from collections.abc import Collection

from nonebot.adapters import Bot, Event

from adapters.actions import AnswerFriend
from adapters.events import friend_request_of, platform_for
from core import runtime
from core.dispatch import on_request
from models.registry import RegisteredAdmin


def welcome_as_friend(user_id: int, named: Collection[int], registered_admin: bool) -> bool:
    """Whether a friend request from `user_id` is accepted (pure)."""
    return user_id in named or registered_admin


async def _is_friend_request(bot: Bot, event: Event) -> bool:
    return friend_request_of(event) is not None


friend_request = on_request(_is_friend_request, priority=5)


@friend_request.handle()
async def _answer(bot: Bot, event: Event) -> None:
    request = friend_request_of(event)
    if request is None:
        return
    named = runtime.organisation_people(request.platform)
    admin = await RegisteredAdmin.filter(
        user_id=request.user_id, until=None, group__platform=request.platform
    ).exists()
    if not welcome_as_friend(request.user_id, named, admin):
        return
    platform = platform_for(bot)
    if (await platform.perform(AnswerFriend(request.flag, True))).ok:
        platform.befriended(request.user_id)
