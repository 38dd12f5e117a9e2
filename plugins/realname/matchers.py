"""The duty's event matchers: join requests, member notices and (where join requests carry no
answer) the applicants' private answers, read through adapters.events."""

from collections.abc import Callable

import nonebot
from nonebot.adapters import Bot, Event

from adapters.events import (
    capabilities,
    card_changed,
    join_request_of,
    member_joined,
    member_left,
    platform_for,
    sender_of,
)
from core.dispatch import Check, on_message, on_notice, on_request
from plugins.realname import asking, duty


def _when(view: Callable[[Event], object | None]) -> Check:
    """A check: the event reads as `view` (a join request, a new member…)."""

    async def check(bot: Bot, event: Event) -> bool:
        return view(event) is not None

    return check


def _answer_text(event: Event) -> str | None:
    """A private message's text, where it may answer a join question: on a platform whose
    requests carry no answer, and not a command."""
    sender = sender_of(event)
    if sender is None or sender.group_id is not None:
        return None
    try:
        if capabilities(sender.platform).join_answers:
            return None
    except KeyError:
        return None
    text = event.get_plaintext().strip()
    starts = tuple(s for s in nonebot.get_driver().config.command_start if s)
    return None if not text or (starts and text.startswith(starts)) else text


async def _is_answer(bot: Bot, event: Event) -> bool:
    sender = sender_of(event)
    return (
        sender is not None
        and _answer_text(event) is not None
        and await asking.awaits_answer(sender.platform, bot.self_id, sender.user_id)
    )


join_requests = on_request(_when(join_request_of), priority=5)
# Blocking: an applicant's answer is theirs alone, nothing else reads it.
answers = on_message(_is_answer, priority=5, block=True)
joins = on_notice(_when(member_joined), priority=5)
card_changes = on_notice(_when(card_changed), priority=5)
departures = on_notice(_when(member_left), priority=5)


@join_requests.handle()
async def _join_request(bot: Bot, event: Event) -> None:
    request = join_request_of(event)
    if request is not None:
        await duty.screen_request(platform_for(bot), request)


@answers.handle()
async def _answered(bot: Bot, event: Event) -> None:
    sender, text = sender_of(event), _answer_text(event)
    if sender is not None and text is not None:
        await asking.take_answer(platform_for(bot), sender.user_id, text)


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
