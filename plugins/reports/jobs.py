"""The reports' scheduled job: the Monday digest (Art. 15) and the trial-period reminder (Art. 16).

The scheduler only wakes the job up; what is due comes from the clock and the marks on record
(`schedule` decides), so each week's digest and reminder go out once across restarts. Nothing is
marked while no bot is connected or nobody could be reached: the next run tries again.
"""

from datetime import date, datetime

from nonebot.log import logger

from core import accounts, lease, runtime
from core.people import to_org_people
from plugins.registry.people import department_accounts
from plugins.reports import deliver, store, texts
from plugins.reports.schedule import (
    days_left,
    digest_due,
    trial_reminder_due,
    week_bounds,
    week_key,
)
from plugins.reports.scorecard import DIGEST_KIND, TRIAL_KIND

JOB_ID = "reports.weekly"
CHECK_MINUTES = 10


async def tick(now: datetime | None = None) -> None:
    """One run of the scheduled job."""
    for job in (weekly_digest, trial_reminder):
        try:
            await job(now)
        except Exception:  # one part failing must not hold up the other
            logger.exception(f"reports: {job.__name__} failed")


async def weekly_digest(now: datetime | None = None) -> bool:
    """Send last week's street report to the department, once; whether it was sent now (never
    under a rulebook that leaves the reports duty out)."""
    if not runtime.rulebook().binds("reports"):
        return False
    now = now or store.now()
    tz = store.street_tz()
    monday = digest_due(now, tz, await store.marked_weeks(DIGEST_KIND))
    if monday is None:
        return False
    if accounts.any_platform() is None:
        return False
    return await lease.once(f"reports.digest:{week_key(monday)}", lambda: _send_digest(monday, now))


async def _send_digest(monday: date, now: datetime) -> bool:
    tz = store.street_tz()
    since, until = week_bounds(monday, tz)
    report = await store.gather_street(since, until, now)
    people = department_accounts()
    delivered = await deliver.send_street_report(None, people, report, stamped=False)
    if not delivered:
        return False
    week = week_key(monday)
    detail = {"week": week, "delivered": delivered}
    await store.mark(
        DIGEST_KIND,
        runtime.rulebook().article_of("reports"),
        texts.DIGEST_MARK.format(week=week),
        detail,
    )
    return True


async def trial_reminder(now: datetime | None = None) -> bool:
    """Remind the department that the trial period ends, once a week; whether it was sent now."""
    now = now or store.now()
    tz = store.street_tz()
    book = runtime.rulebook()
    if not book.binds("trial"):
        return False
    end = book.trial_end
    week = week_key(now.astimezone(tz).date())
    sent = week in await store.marked_weeks(TRIAL_KIND, trial_end=end.isoformat())
    if not trial_reminder_due(now, tz, end, sent):
        return False
    if accounts.any_platform() is None:
        return False
    left = days_left(now.astimezone(tz).date(), end)
    message = texts.trial_reminder(book.title, book.in_force, book.trial_years, end, left)
    return await lease.once(  # of several processes one sends it; a send that failed is freed
        f"reports.trial:{week}:{end.isoformat()}",
        lambda: _send_trial(message, week, end),
    )


async def _send_trial(message: str, week: str, end: date) -> bool:
    outcomes = await to_org_people(None, department_accounts(), message)
    delivered = sum(o.ok for o in outcomes)
    if not delivered:
        return False
    detail = {"week": week, "trial_end": end.isoformat(), "delivered": delivered}
    await store.mark(
        TRIAL_KIND,
        runtime.rulebook().article_of("trial"),
        texts.TRIAL_MARK.format(week=week),
        detail,
    )
    return True
