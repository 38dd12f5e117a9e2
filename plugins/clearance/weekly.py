"""The member check of one group: decide, open a batch, and tell the group, admins and leader.

The weekly run holds its lease (clearance.jobs.run_key) while it runs, and its WeeklyRun row
marks each step done: the group post, the admins' list, the week. A process that dies mid-way
leaves the row unfinished; the process that takes the lease over does the steps not marked, and
keeps the batch the dead one opened. Only a step cut short in its middle (the post sent, the
process killed before the mark) is done again.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from nonebot.log import logger

from adapters.actions import Refused
from adapters.port import Member, Platform
from core import runtime
from core.org import Account
from core.people import on, to_org_people
from core.send import to_group
from models.clearance import ClearanceBatch
from models.registry import Group
from plugins.clearance import layout, store, texts
from plugins.clearance.candidates import Sweep, sweep
from plugins.clearance.facts import Shared, gather
from plugins.measures.escalation import Level, recipients
from plugins.measures.service import escalate
from plugins.realname.wording import pages, street_time
from plugins.registry import store as registry

MEMBERS = "members"  # WeeklyRun.kind of the weekly member check


@dataclass(frozen=True)
class Checked:
    result: Sweep
    batch: ClearanceBatch | None  # None: nobody to remove
    silent_days: int
    card_pattern: str  # the group's card format ("" when the real-name duty is off)


async def check(
    platform: Platform,
    group: Group,
    members: list[Member],
    at: datetime,
    *,
    week: str = "",
    opened_by: int | None = None,
    common: Shared | None = None,
) -> Checked:
    """Decide over the group's facts and open a numbered batch when anyone may be removed."""
    facts = await gather(platform, group, members, at, common)
    result = sweep(facts)
    batch = None
    if week and opened_by is None:  # a weekly run taken over after a crash keeps its batch
        batch = await store.weekly_batch(group, week)
    if batch is None and result.remove:
        days = runtime.settings().qungui_clearance_batch_days
        batch = await store.open_batch(
            group, result.remove, at=at, days=days, week=week, opened_by=opened_by
        )
    pattern = facts.rule.display if facts.rule is not None else ""
    return Checked(result, batch, facts.silent_days, pattern)


async def send_list(
    platform: Platform, people: Sequence[Account], group: Group, checked: Checked, week: str
) -> None:
    """The list with names and accounts, privately, with the batch number to confirm (each
    person on `platform` where they have an account there, core.people)."""
    result = checked.result
    head = texts.list_head(
        group.unit.name,
        group.group_id,
        week,
        result.total,
        len(result.remove),
        checked.silent_days,
    )
    if checked.batch is not None:
        head += "\n" + texts.batch_line(checked.batch.id, street_time(checked.batch.expires_at))
    for page in pages(head, layout.list_lines(result, checked.silent_days)):
        await to_org_people(platform, people, page, about=group.group_id)


async def post_in_group(platform: Platform, group: Group, checked: Checked) -> None:
    """The week's counts and @mentions asking members to fix their card: no names, no accounts."""
    result = checked.result
    counts = texts.weekly_counts(
        result.total,
        len(result.remove) + len(result.kept),
        result.counts(),
        result.exempted,
        checked.silent_days,
    )
    per_message = runtime.settings().qungui_clearance_mentions
    fix = texts.fix_card(checked.card_pattern)
    for post in layout.group_posts(counts, fix, result.to_fix_card, per_message):
        await to_group(platform, group.group_id, post)


async def flag_departed_admins(platform: Platform, group: Group, result: Sweep) -> None:
    """Owners and admins who left their post are never removed by the bot: their leader hears."""
    for person in result.departed_admins:
        notice = texts.departed_admin_notice(
            group.unit.name, group.group_id, person.name, person.user_id
        )
        await escalate(platform, group.unit.name, [Level.UNIT], notice, about=group.group_id)


async def admins_or_leaders(group: Group) -> list[Account]:
    """The group's registered admins; its unit leaders when it has none."""
    admins = on(group.platform, await registry.admin_ids(group))
    return admins or recipients(runtime.org(), group.unit.name, [Level.UNIT])


async def run_weekly(
    platform: Platform, group: Group, week: str, at: datetime, common: Shared | None = None
) -> bool:
    """The group's weekly check of `week`; False when the platform could not list the members
    (nothing claimed: the next look tries again) or the week was already claimed."""
    members = await platform.members(group.group_id)
    if isinstance(members, Refused):
        logger.warning(f"clearance: members of group {group.group_id} not listed: {members}")
        return False
    run = await store.take_run(group, week, MEMBERS, at)
    if run is None:
        return False
    checked = await check(platform, group, members, at, week=week, common=common)
    if run.posted_at is None:
        await post_in_group(platform, group, checked)
        await store.mark_step(run, "posted_at", store.now())
    if run.listed_at is None:
        if checked.result.remove or checked.result.kept:
            await send_list(platform, await admins_or_leaders(group), group, checked, week)
        await flag_departed_admins(platform, group, checked.result)
        await store.mark_step(run, "listed_at", store.now())
    await store.finish_run(run, store.now())
    return True
