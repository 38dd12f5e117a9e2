"""The scheduled job: pending handovers past their 24 hours are marked expired.

A handover is also expired lazily when it is read (store.latest), so the job only keeps the
table true for whoever reads it directly (reports, clearance).
"""

from datetime import datetime

from nonebot.log import logger

from plugins.handover import store

JOB_ID = "handover.expire"
EVERY_MINUTES = 10


async def expire(at: datetime | None = None) -> int:
    """One run of the job; how many handovers it marked expired."""
    count = await store.expire_due(at or store.now())
    if count:
        logger.info(f"{count} pending handover(s) expired")
    return count
