"""Whether the bot may carry out a measure itself, and who is asked when it may not: pure.

QQ lets an admin recall, mute or remove ordinary members only; the owner may act on admins too,
and nobody on the owner (ob/action/group/SetGroupBan.ts refuses 'cannot ban admin' to a bot that
is not the owner; a recall QQ refuses times out, napcat-core/apis/msg.ts recallMsg). The bot does
not try blindly: it asks whoever can act, privately, and the record says it was left to a person.
"""

from dataclasses import dataclass

from adapters.actions import Action, Kick, Mute, Recall, SetAdmin, Unmute
from adapters.port import Role, outranks

# Actions whose target must rank below the bot.
ON_A_PERSON = (Recall, Mute, Unmute, Kick)


@dataclass(frozen=True)
class Referral:
    """Who is asked to act instead of the bot: `owner` (when someone can), and for a recall the
    sender, who can always withdraw their own message."""

    ask_owner: bool
    ask_sender: bool


def needs_rank(action: Action | None) -> bool:
    return isinstance(action, ON_A_PERSON)


def may_act(action: Action | None, bot_role: Role | None, target_role: Role | None) -> bool:
    """True unless the platform would refuse the bot for its role. An unknown target is taken
    as an ordinary member (the platform's answer then says); setting admins needs the owner."""
    if isinstance(action, SetAdmin):
        return bot_role == "owner"
    if not needs_rank(action):
        return True
    return outranks(bot_role, target_role or "member")


def referral(action: Action | None, target_role: Role | None) -> Referral:
    """Whom to ask when the bot may not act. The owner can act on anyone but the owner."""
    return Referral(
        ask_owner=target_role != "owner",
        ask_sender=isinstance(action, Recall),
    )
