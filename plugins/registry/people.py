"""Who the department is, and how people are named in a group without showing their accounts."""

from collections.abc import Sequence

from adapters.port import Member, Platform
from core import runtime
from core.org import Account, accounts_of


def department_accounts() -> list[Account]:
    """The department's staff from the organisation file, and the SUPERUSERS (tell them with
    core.people.to_org_people: each on the platform the notice goes through)."""
    staff = accounts_of(runtime.org().department.staff)
    return list(dict.fromkeys([*staff, *runtime.superusers()]))


def masked_account(user_id: int) -> str:
    digits = str(user_id)
    return digits[:2] + "*" * max(len(digits) - 4, 1) + digits[-2:]


async def shown_names(platform: Platform, group_id: int, user_ids: Sequence[int]) -> list[str]:
    """Each person's group card (or nickname); a masked account where the platform cannot say."""
    shown: list[str] = []
    for uid in user_ids:
        member = await platform.member(group_id, uid)
        shown.append(member.shown_name if isinstance(member, Member) else masked_account(uid))
    return shown
