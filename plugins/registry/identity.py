"""Who a platform account is on the roster.

The roster lists people by the account they go by where group cards name people (QQ: the
roster's 帳號 is the QQ account). On a platform without cards (Telegram) an account is tied to a
roster person only by the binding the person made by answering the bot privately (the real-name
duty's, plugins.realname.store.bound_among); an account without one is nobody the roster knows,
whatever its number. The real-name duty decides the same way (`platform.can.set_card`).
"""

from collections.abc import Collection

from adapters.port import Capabilities


def accounts_are_roster_accounts(can: Capabilities) -> bool:
    """Whether an account of a platform of these capabilities is itself a roster account."""
    return can.set_card


async def roster_accounts(
    platform: str, can: Capabilities, user_ids: Collection[int]
) -> dict[int, int] | None:
    """Each account's roster account where the platform's accounts are not the roster's (the
    bound ones only); None where they are (an account is its own roster account)."""
    from plugins.realname import store as realname  # loaded after this plugin

    if accounts_are_roster_accounts(can):
        return None
    return await realname.bound_among(platform, user_ids)
