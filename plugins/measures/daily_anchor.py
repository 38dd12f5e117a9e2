"""The daily anchor: once a day from 09:00 (street time) a line is anchored and its count and
head digest are sent to the department privately, a witness kept off the bot's machine.

Due-ness comes from the table (the last daily line), so restarts neither skip nor repeat a day.
Nothing is written while no bot is connected: the next run tries again. Only the process that
keeps the anchor log sends it. A day whose message
reached nobody is not sent again (the line is on file): the log says so.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from nonebot.log import logger

from core import accounts, runtime
from core.people import to_org_people
from models.measures import AuditAnchor
from plugins.measures import anchoring, texts
from plugins.measures.anchor import DAILY, Anchor, daily_due, short
from plugins.registry.people import department_accounts

JOB_ID = "measures.anchor"
CHECK_SECONDS = 600


async def daily(now: datetime | None = None) -> Anchor | None:
    """One run of the scheduled job: the day's anchor, if it is due and a bot is connected."""
    now = now or datetime.now(UTC)
    if not runtime.settings().qungui_anchor_keeper:
        return None
    last = await AuditAnchor.filter(kind=DAILY).order_by("-seq").first()
    tz = ZoneInfo(runtime.org().street.timezone)
    if not daily_due(now, tz, last.at if last else None):
        return None
    if accounts.any_platform() is None:
        return None
    written = await anchoring.anchor(DAILY, now)
    if written is None:
        return None
    message = texts.daily_anchor(written.count, written.head_id, short(written.head_digest))
    outcomes = await to_org_people(None, department_accounts(), message)
    if not any(o.ok for o in outcomes):
        logger.warning(f"the daily audit anchor (line {written.seq}) reached nobody")
    return written
