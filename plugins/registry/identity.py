"""Who a platform account is on the roster.

The roster lists people by the account they go by where group cards name people (QQ: the
roster's 帳號 is the QQ account). On a platform without cards (Telegram) an account is tied to a
roster person only by the binding the person made by answering the bot privately
(models.realname.AccountBinding); an account without one is nobody the roster knows, whatever
its number.
"""

from collections.abc import Collection

from adapters.port import Capabilities
from models.realname import AccountBinding


def accounts_are_roster_accounts(can: Capabilities) -> bool:
    """Whether an account of a platform of these capabilities is itself a roster account."""
    return can.set_card


async def bound_accounts(platform: str, user_ids: Collection[int]) -> dict[int, int]:
    """The roster account each of `user_ids` on `platform` is bound to (those bound only)."""
    if not user_ids:
        return {}
    rows = await AccountBinding.filter(platform=platform, user_id__in=list(user_ids)).values_list(
        "user_id", "person__account"
    )
    return {int(str(user)): int(str(account)) for user, account in rows}


async def roster_accounts(
    platform: str, can: Capabilities, user_ids: Collection[int]
) -> dict[int, int] | None:
    """Each account's roster account where the platform's accounts are not the roster's (the
    bound ones only); None where they are (an account is its own roster account)."""
    if accounts_are_roster_accounts(can):
        return None
    return await bound_accounts(platform, user_ids)
