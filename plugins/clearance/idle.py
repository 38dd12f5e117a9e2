"""Finished and dormant groups (Art. 14): a weekly reminder to dissolve, and the department's list.

Each group's reminder is claimed as a WeeklyRun of kind `dormant` before it is sent. The
department's digest is claimed as kind `digest` for every group it lists, in one transaction,
and goes out at most once a week: a group that turns dormant after it was sent waits a week.
"""

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from adapters.port import Platform
from core import runtime
from core.people import on, to_org_people
from models.clearance import ClearanceSetting
from models.registry import Group
from plugins.clearance import store, texts
from plugins.clearance.facts import dormant_days
from plugins.clearance.schedule import Idle, idle_state
from plugins.measures.escalation import Level, recipients
from plugins.realname.wording import pages
from plugins.registry import store as registry
from plugins.registry.people import department_accounts

DORMANT = "dormant"
DIGEST = "digest"


def _tz() -> ZoneInfo:
    return ZoneInfo(runtime.org().street.timezone)


def idle_of(
    group: Group, setting: ClearanceSetting | None, last_day: date | None, at: datetime
) -> Idle | None:
    return idle_state(
        finished_at=group.finished_at,
        finished_reason=group.finished_reason,
        last_message_at=group.last_message_at,
        last_active_day=last_day,
        filed_at=group.filed_at,
        now=at,
        dormant_days=dormant_days(setting),
        tz=_tz(),
    )


def _day(at: datetime | None) -> str:
    return f"{at.astimezone(_tz()):%Y-%m-%d}" if at is not None else "—"


def describe(group: Group, idle: Idle) -> str:
    finished_on = _day(idle.finished_at) if idle.finished_at is not None else None
    return texts.idle_line(
        group.name, group.group_id, finished_on, idle.finished_reason, idle.days, _day(idle.since)
    )


async def remind(platform: Platform, group: Group, idle: Idle, week: str, at: datetime) -> bool:
    """Remind the group's admins and unit leader to dissolve it, once in `week`."""
    run = await store.claim_run(group, week, DORMANT, at)
    if run is None:
        return False
    leaders = recipients(runtime.org(), group.unit.name, [Level.UNIT])
    notice = texts.dissolve_reminder(group.unit.name, describe(group, idle), idle.finished)
    admins = on(group.platform, await registry.admin_ids(group))
    await to_org_people(platform, [*admins, *leaders], notice, about=group.group_id)
    await store.finish_run(run, store.now())
    return True


async def digest(
    platform: Platform, found: Sequence[tuple[Group, Idle]], week: str, at: datetime
) -> bool:
    """The department's weekly list of finished and dormant groups; False when already sent."""
    if not found or await store.any_run(week, DIGEST):
        return False
    if not await store.claim_digest([g for g, _ in found], week, DIGEST, at):
        return False
    lines = [texts.digest_line(g.unit.name, describe(g, idle)) for g, idle in found]
    for page in pages(texts.digest_head(len(found)), lines):
        await to_org_people(platform, department_accounts(), page)
    return True
