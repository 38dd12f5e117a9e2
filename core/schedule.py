"""The one way a plugin schedules a job: every N seconds, reading what is due from the database.

Jobs keep their state in the database, so a run that comes late, or not at all while the bot
was down, loses nothing: the next run finds the same work due. Each job has a stable id, so a
restart replaces it instead of adding a second.
"""

from collections.abc import Awaitable, Callable


def every(seconds: float, job: Callable[[], Awaitable[object]], job_id: str) -> None:
    """Run `job` every `seconds` (call from a start-up hook, once the scheduler plugin is loaded)."""
    from nonebot_plugin_apscheduler import scheduler

    scheduler.add_job(
        job,
        "interval",
        seconds=seconds,
        id=job_id,
        replace_existing=True,
        misfire_grace_time=max(60, int(seconds)),  # a late run still runs
        coalesce=True,  # runs missed in a row collapse into one
        max_instances=1,
    )
