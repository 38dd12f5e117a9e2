"""Gathering the facts about a new admin that `decide.failed_checks` judges.

The real-name verdict is the real-name duty's own (its card rule for this group, its roster and
its acceptance of a card); the blacklist is the measures' street-wide one.
"""

from dataclasses import dataclass

from adapters.port import Member, Platform
from models.registry import Group
from plugins.handover.decide import Check, failed_checks, on_unit_roster
from plugins.realname import store as realname
from plugins.realname.checks import card_accepted
from plugins.realname.roster import RosterEntry
from plugins.realname.rules import GroupRules, rules_for
from plugins.registry.identity import roster_accounts


@dataclass(frozen=True)
class Eligibility:
    failed: tuple[Check, ...]
    rules: GroupRules  # to tell a new admin who is not real-named the group's card format


async def roster_entry(platform: Platform, user_id: int) -> RosterEntry | None:
    """The roster's entry for the account: by its number where the platform's accounts are the
    roster's, else by the roster person it is bound to (plugins.registry.identity)."""
    roster = await realname.roster_index()
    accounts = await roster_accounts(platform.name, platform.can, [user_id])
    account = user_id if accounts is None else accounts.get(user_id)
    return roster.by_account(account) if account is not None else None


async def eligibility(platform: Platform, group: Group, user_id: int) -> Eligibility:
    """Whether `user_id` may become the group's registered admin (platform info without cache).
    A card counts only where the platform has cards; elsewhere being real-named is being bound
    to a 在崗 roster person of the group's unit."""
    member = await platform.member(group.group_id, user_id)
    rules = await rules_for(group)
    roster = await realname.roster_index()
    unit = group.unit.name
    accepted = (
        platform.can.set_card
        and isinstance(member, Member)
        and card_accepted(member.card, user_id, rules.rule, roster, unit)
    )
    failed = failed_checks(
        is_member=isinstance(member, Member),
        blacklisted=await realname.is_blacklisted(group.platform, user_id),
        card_accepted=accepted,
        on_unit_roster=on_unit_roster(await roster_entry(platform, user_id), unit),
    )
    return Eligibility(failed, rules)
