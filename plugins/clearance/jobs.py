"""The job that looks for due weekly runs, every QUNGUI_CLEARANCE_CHECK_SECONDS.

Nothing lives in scheduler memory: each look asks the database which managed groups have passed
this week's slot and have no WeeklyRun of this ISO week yet, so a run missed while the bot was
down happens once after it is back, and a schedule changed by /清理設定 takes effect at the next
look. A group whose bot is not connected, or whose members cannot be listed, waits for the next.
(Several processes: see run_due.)
"""

from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from nonebot.log import logger

from adapters.port import Platform
from core import accounts, lease, runtime
from core.weekly import WeeklyTime
from models.clearance import ClearanceSetting
from models.registry import Group
from plugins.clearance import idle, seen, store
from plugins.clearance.facts import DUTY, shared
from plugins.clearance.schedule import Idle, is_due, own_schedule, schedule_for, week_of
from plugins.clearance.weekly import MEMBERS, run_weekly
from plugins.registry import activity
from plugins.registry import store as registry
from plugins.registry.grade import grade_of

JOB_ID = "clearance.due"
DISSOLUTION = "dissolution"  # the duty of the reminders to dissolve finished and dormant groups
SEEN_JOB_ID = "clearance.seen"


async def flush_seen() -> None:
    await seen.flush()


async def schedule_of(group: Group, setting: ClearanceSetting | None) -> WeeklyTime:
    """The group's own time, else its grade's (only computed when grades have times), else the
    default."""
    s = runtime.settings()
    own = None
    if setting is not None:
        own = own_schedule(setting.weekday, setting.hour, setting.minute)
    by_grade = s.clearance_schedule_by_grade
    grade = None
    if own is None and by_grade:
        grade = grade_of(group.type, group.member_count, await activity.messages_7d(group))
    return schedule_for(own, grade, by_grade, runtime.clearance_rules().weekly)


def run_key(group: Group, week: str) -> str:
    """The lease of a group's weekly check: one process runs it, once."""
    return f"clearance.weekly:{group.id}:{week}"


async def run_due(at: datetime | None = None) -> None:
    """One look: every due weekly check and dissolve reminder, then the department's digest
    (the reminders and the digest only where the rulebook binds the dissolution duty).

    Each group's work goes through an account of this process that is in the group; a group no
    account here is in is left to the process that has one (or to a later look). The weekly
    check is claimed under a lease first, so of several processes one runs it, and if that one
    dies mid-way another takes it once the lease has run out.
    """
    at = at or store.now()
    tz = ZoneInfo(runtime.org().street.timezone)
    week = week_of(at, tz)
    if accounts.any_platform() is None:
        return
    settings = await store.all_settings()
    common = await shared()  # one roster and one card memo for every group of this look
    claimed = await store.runs_in(week)
    checked = await store.finished_runs(week, MEMBERS)
    last_days: dict[int, date] | None = None
    idle_groups: list[tuple[Group, Idle]] = []
    dissolving = runtime.rulebook().binds(DISSOLUTION)  # else no reminder, no digest
    digest_sent = any(kind == idle.DIGEST for _, kind in claimed)
    digest_due = dissolving and not digest_sent and is_due(runtime.clearance_rules().weekly, at, tz)
    for group in await store.managed_groups():
        try:
            setting = settings.get(group.id)
            on = DUTY in await registry.enabled_duties(group.platform, group.group_id)
            due = on and is_due(await schedule_of(group, setting), at, tz)
            platform = accounts.platform_for_group(group.platform, group.group_id)
            if due and platform is not None and group.id not in checked:
                weekly = partial(run_weekly, platform, group, week, at, common)
                await lease.once(run_key(group, week), weekly)
            remind = dissolving and due and (group.id, idle.DORMANT) not in claimed
            if not (digest_due or remind):
                continue
            if last_days is None:
                last_days = await store.last_active_days()
            state = idle.idle_of(group, setting, last_days.get(group.id), at)
            if state is None:
                continue
            idle_groups.append((group, state))
            if remind and platform is not None:
                await idle.remind(platform, group, state, week, at)
        except Exception:  # one group's failure must not hold up the others' weeks
            logger.exception(f"clearance: weekly run of group {group.group_id} failed")
    digest_platform = accounts.any_platform()
    if digest_due and digest_platform is not None:
        await _digest(digest_platform, idle_groups, week, at)


async def _digest(
    platform: Platform, found: list[tuple[Group, Idle]], week: str, at: datetime
) -> None:
    try:
        await idle.digest(platform, found, week, at)
    except Exception:
        logger.exception("clearance: the department's digest failed")
