"""The real-name rate as `/實名檢查` judges it: the member list read now, every member judged.

Where the platform has cards, by the card (the group's rule and the roster); where it has none
(Telegram), a member is real-named when bound to a roster person (plugins.registry.identity).
"""

from adapters.actions import Refused
from adapters.port import Member, Platform
from models.registry import Group
from plugins.realname import store as realname_store
from plugins.realname.checks import check_members
from plugins.realname.roster_index import RosterIndex
from plugins.realname.rules import rules_for
from plugins.registry.identity import roster_accounts
from plugins.reports.scorecard import Realname


async def _bound(platform: Platform, members: list[Member], roster: RosterIndex) -> Realname:
    people = [m.user_id for m in members if m.user_id != int(platform.self_id)]
    accounts = await roster_accounts(platform.name, platform.can, people) or {}
    compliant = sum(
        1 for uid in people if uid in accounts and roster.by_account(accounts[uid]) is not None
    )
    return Realname(len(people), compliant, "checked")


async def checked_realname(platform: Platform, group: Group) -> Realname:
    """Members judged with the group's card rule and the roster; "unknown" when unreadable."""
    members = await platform.members(group.group_id)
    if isinstance(members, Refused):
        return Realname(0, 0, "unknown")
    roster = await realname_store.roster_index()
    if not platform.can.set_card:
        return await _bound(platform, members, roster)
    rules = await rules_for(group)
    report = check_members(members, rules.rule, roster, group.unit.name, int(platform.self_id))
    return Realname(report.total, report.compliant, "checked")
