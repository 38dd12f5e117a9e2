"""Gathering what the check needs about one group from the stores of every duty (reads only)."""

from dataclasses import dataclass, field
from datetime import datetime

from adapters.port import Member, Platform
from core import runtime
from models.clearance import ClearanceSetting
from models.registry import Group
from plugins.clearance import seen, store
from plugins.clearance.candidates import CardMemo, Facts
from plugins.realname import store as realname_store
from plugins.realname.roster_index import RosterIndex
from plugins.realname.rules import rules_for
from plugins.registry import store as registry
from plugins.registry.identity import roster_accounts

DUTY = "clearance"


def silent_days(setting: ClearanceSetting | None) -> int:
    own = setting.silent_days if setting is not None else None
    return own or runtime.clearance_rules().silent_days


def dormant_days(setting: ClearanceSetting | None) -> int:
    own = setting.dormant_days if setting is not None else None
    return own or runtime.clearance_rules().dormant_days


@dataclass(frozen=True)
class Shared:
    """What the groups of one look of the weekly job share: one roster, one card memo."""

    roster: RosterIndex
    card_memo: CardMemo = field(default_factory=dict)


async def shared() -> Shared:
    return Shared(await realname_store.roster_index())


async def gather(
    platform: Platform,
    group: Group,
    members: list[Member],
    at: datetime,
    common: Shared | None = None,
) -> Facts:
    """The facts of `group` at `at`; cards are judged only where the real-name duty is on and
    the platform has cards (elsewhere nobody is listed, or asked to fix one, for a card)."""
    common = common or await shared()
    realname_on = "realname" in await registry.enabled_duties(group.platform, group.group_id)
    cards = realname_on and platform.can.set_card
    rule = (await rules_for(group)).rule if cards else None
    ids = [m.user_id for m in members]
    return Facts(
        members=members,
        self_id=int(platform.self_id),
        group_unit=group.unit.name,
        rule=rule,
        roster=common.roster,
        now=at,
        silent_days=silent_days(await store.setting_of(group)),
        running_deadlines=await store.running_deadlines(group.platform, group.group_id, at),
        exempt=await store.exempt_ids(group),
        blacklisted=await store.blacklisted_among(group.platform, ids),
        seen=await seen.in_group(group.platform, group.group_id),
        departed_admins=await store.departed_admins(group.platform, group.group_id),
        departed_duty=runtime.rulebook().binds("departed"),
        protected={*await registry.admin_ids(group), *runtime.organisation_people(group.platform)},
        card_memo=common.card_memo,
        identities=await roster_accounts(group.platform, platform.can, ids),
    )
