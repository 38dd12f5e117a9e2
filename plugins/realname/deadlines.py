"""The periodic re-check of card deadlines that have come due (the job the plugin schedules).

Deadlines live in the database, so a restart loses none: each run reads the due ones, re-reads
each member from the platform without cache, clears a now-acceptable card, and otherwise tells the
group's admins and, where the group chose so, removes the member through the measures service.
A group no account of this process is in is left for the next run (or another process).
"""

from datetime import datetime

from nonebot.log import logger

from adapters.actions import Kick, Refused
from adapters.port import Member, Platform
from core import accounts, lease, runtime
from core.send import to_people
from models.measures import RecordStatus
from models.realname import CardDeadline, DeadlineStatus
from models.registry import Group
from plugins.realname import store, texts
from plugins.realname.checks import card_accepted, removable
from plugins.realname.measure import act
from plugins.realname.rules import GroupRules, duty_group, rules_for
from plugins.realname.wording import pages
from plugins.registry import store as registry

JOB_ID = "realname.deadlines"


async def recheck(at: datetime | None = None) -> None:
    """One run of the job: every due deadline, group by group, each through an account of this
    process in the group, under the group's lease (of several processes, one re-checks it; the
    deadlines it closes are no longer due for the next)."""
    at = at or store.now()
    due = await store.due_deadlines(at)
    groups = dict.fromkeys((row.platform, row.group_id) for row in due)
    for platform_name, group_id in groups:
        platform = accounts.platform_for_group(platform_name, group_id)
        if platform is None:
            continue  # no account here is in the group: another process, or a later run
        try:
            async with lease.exclusive(f"realname.deadlines:{platform_name}:{group_id}") as mine:
                if mine:
                    rows = await store.due_deadlines(at, platform=platform_name, group_id=group_id)
                    await _recheck_group(platform, platform_name, group_id, rows)
        except Exception:  # one group's failure must not hold up the others' deadlines
            logger.exception(f"real-name deadlines of group {group_id} not re-checked")


async def _recheck_group(
    platform: Platform, platform_name: str, group_id: int, rows: list[CardDeadline]
) -> None:
    if not rows:
        return
    group = await duty_group(platform_name, group_id)
    if group is None:  # the duty was switched off (or the filing removed) meanwhile
        await store.close_open(
            platform_name, group_id, DeadlineStatus.CANCELLED, [r.user_id for r in rows]
        )
        return
    rules = await rules_for(group)
    roster = await store.roster_index()
    present: set[int] | None = None
    lines: list[str] = []
    for row in rows:
        member = await platform.member(group_id, row.user_id)
        if isinstance(member, Refused):
            if present is None:
                present = await _present(platform, group_id)
            if present and row.user_id not in present:
                await store.close(row, DeadlineStatus.LEFT)
            continue  # the platform could not say: the next run asks again
        if card_accepted(member.card, member.user_id, rules.rule, roster, group.unit.name):
            await store.close(row, DeadlineStatus.CLEARED)
            continue
        lines.append(await _lapse(platform, group, rules, row, member))
    if lines:
        head = texts.deadline_head(group_id, group.unit.name, rules.rule.display)
        admins = await registry.admin_ids(group)
        for page in pages(head, lines):
            await to_people(platform, admins, page, about=group_id)


async def _lapse(
    platform: Platform, group: Group, rules: GroupRules, row: CardDeadline, member: Member
) -> str:
    """Close a lapsed deadline (removing the member where the group chose so); the admins' line."""
    status, record_id, outcome = DeadlineStatus.LAPSED, None, texts.OUTCOME_KEPT
    if (
        not removable(member.role, member.user_id, int(platform.self_id))
        or member.user_id in runtime.organisation_people(group.platform)  # as clearance does
    ):
        outcome = texts.OUTCOME_EXEMPT
    elif rules.remove_after_deadline:
        kick = Kick(group.group_id, member.user_id)
        record = await act(
            platform, group, "kick", member.user_id, "card_deadline", texts.REASON_DEADLINE, kick
        )
        record_id = record.id
        if record.status == RecordStatus.DONE:
            status, outcome = DeadlineStatus.REMOVED, texts.OUTCOME_REMOVED
        else:
            outcome = texts.outcome_failed(record.platform_answer)
    await store.close(row, status, record_id)
    return texts.member_line(member.shown_name, member.user_id, outcome)


async def _present(platform: Platform, group_id: int) -> set[int]:
    """Who is in the group now; empty when the platform cannot say."""
    members = await platform.members(group_id)
    return set() if isinstance(members, Refused) else {m.user_id for m in members}
