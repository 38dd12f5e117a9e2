"""The duty's event matchers: join requests and member notices, read through adapters.events."""

from collections.abc import Callable

from nonebot.adapters import Bot, Event

from adapters.events import card_changed, join_request_of, member_joined, member_left, platform_for
from core.dispatch import Check, on_notice, on_request
from plugins.realname import duty


def _when(view: Callable[[Event], object | None]) -> Check:
    """A check: the event reads as `view` (a join request, a new member…)."""

    async def check(bot: Bot, event: Event) -> bool:
        return view(event) is not None

    return check


join_requests = on_request(_when(join_request_of), priority=5)
joins = on_notice(_when(member_joined), priority=5)
card_changes = on_notice(_when(card_changed), priority=5)
departures = on_notice(_when(member_left), priority=5)


@join_requests.handle()
async def _join_request(bot: Bot, event: Event) -> None:
    request = join_request_of(event)
    if request is not None:
        await duty.screen_request(platform_for(bot), request)


@joins.handle()
async def _joined(bot: Bot, event: Event) -> None:
    joined = member_joined(event)
    if joined is not None:
        await duty.welcome(platform_for(bot), joined)


@card_changes.handle()
async def _card_changed(bot: Bot, event: Event) -> None:
    change = card_changed(event)
    if change is not None:
        await duty.card_changed(platform_for(bot), change)


@departures.handle()
async def _left(event: Event) -> None:
    left = member_left(event)
    if left is not None:
        await duty.member_gone(left)
