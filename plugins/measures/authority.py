"""Whether the bot may carry out a measure itself, and who is asked when it may not: pure.

QQ lets an admin recall, mute or remove ordinary members only; the owner may act on admins too,
and nobody on the owner (ob/action/group/SetGroupBan.ts refuses 'cannot ban admin' to a bot that
is not the owner; a recall QQ refuses times out, napcat-core/apis/msg.ts recallMsg). The bot does
not try blindly: it asks whoever can act, privately, and the record says it was left to a person.
"""

from dataclasses import dataclass, replace

from adapters.actions import Action, Kick, Mute, Recall, SetAdmin, Unmute
from adapters.port import Capabilities, Role, outranks
from plugins.measures.measure import Measure

# Actions whose target must rank below the bot.
ON_A_PERSON = (Recall, Mute, Unmute, Kick)


def mute_seconds(seconds: int, can: Capabilities) -> int:
    """A mute as long as the platform takes: `seconds`, or its longest."""
    return max(1, min(seconds, can.mute_max_seconds))


def fitted(measure: Measure, can: Capabilities) -> Measure:
    """`measure` as the platform takes it: a mute no longer than its longest (the record's
    `seconds` follow)."""
    action = measure.action
    if not isinstance(action, Mute) or action.seconds <= can.mute_max_seconds:
        return measure
    seconds = mute_seconds(action.seconds, can)
    detail = (
        {**measure.detail, "seconds": seconds} if "seconds" in measure.detail else measure.detail
    )
    return replace(measure, action=replace(action, seconds=seconds), detail=detail)


@dataclass(frozen=True)
class Referral:
    """Who is asked to act instead of the bot: `owner` (when someone can), and for a recall the
    sender, who can always withdraw their own message."""

    ask_owner: bool
    ask_sender: bool


def needs_rank(action: Action | None) -> bool:
    return isinstance(action, ON_A_PERSON)


def may_act(
    action: Action | None,
    bot_role: Role | None,
    target_role: Role | None,
    appoints: Role = "owner",
) -> bool:
    """True unless the platform would refuse the bot for its role. An unknown target is taken
    as an ordinary member (the platform's answer then says); setting admins needs the role
    `appoints` at least (the owner on QQ, see `appointer`)."""
    if isinstance(action, SetAdmin):
        return bot_role is not None and not outranks(appoints, bot_role)
    if not needs_rank(action):
        return True
    return outranks(bot_role, target_role or "member")


def referral(action: Action | None, target_role: Role | None) -> Referral:
    """Whom to ask when the bot may not act. The owner can act on anyone but the owner."""
    return Referral(
        ask_owner=target_role != "owner",
        ask_sender=isinstance(action, Recall),
    )
