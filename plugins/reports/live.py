"""The real-name rate as `/實名檢查` judges it: the member list read now, every card judged."""

from adapters.actions import Refused
from adapters.port import Platform
from models.registry import Group
from plugins.realname import store as realname_store
from plugins.realname.checks import check_members
from plugins.realname.rules import rules_for
from plugins.reports.scorecard import Realname


async def checked_realname(platform: Platform, group: Group) -> Realname:
    """Members judged with the group's card rule and the roster; "unknown" when unreadable."""
    members = await platform.members(group.group_id)
    if isinstance(members, Refused):
        return Realname(0, 0, "unknown")
    rules = await rules_for(group)
    roster = await realname_store.roster_index()
    report = check_members(members, rules.rule, roster, group.unit.name, int(platform.self_id))
    return Realname(report.total, report.compliant, "checked")
