"""The real-name rate as `/實名檢查` judges it: the member list read now, every member judged.

Where the platform has cards, by the card (the group's rule and the roster); where it has none
(Telegram), a member is real-named when bound to a roster person (plugins.registry.identity).
"""

from adapters.actions import Refused
from adapters.port import Member, Platform
from models.registry import Group
from plugins.realname import store as realname_store
from plugins.realname.checks import check_bindings, check_members
from plugins.realname.roster_index import RosterIndex
from plugins.realname.rules import rules_for
from plugins.registry.identity import roster_accounts
from plugins.reports.scorecard import Realname


async def _bound(platform: Platform, members: list[Member], roster: RosterIndex) -> Realname:
    """Members judged by their binding, as `/實名檢查` judges them where there are no cards."""
    ids = [m.user_id for m in members]
    bound = await roster_accounts(platform.name, platform.can, ids) or {}
    report = check_bindings(members, bound, roster, int(platform.self_id))
    return Realname(report.total, report.compliant, "checked")


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
