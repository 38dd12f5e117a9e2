"""Every duty's job is scheduled once, with a stable id, a grace time and coalescing."""

from nonebug import App


async def test_jobs_are_registered_with_stable_ids_and_a_grace_time(app: App) -> None:
    from nonebot_plugin_apscheduler import scheduler

    from core.schedule import every

    ids = {job.id for job in scheduler.get_jobs()}
    assert {"registry.activity"} <= ids
    assert len(ids) >= 5  # registry, realname, handover, clearance (two), reports, content
    for job in scheduler.get_jobs():
        assert job.misfire_grace_time >= 60, job.id
        assert job.coalesce, job.id

    async def nothing() -> None:
        return None

    before = len(scheduler.get_jobs())
    every(5, nothing, "test.twice")
    every(5, nothing, "test.twice")  # a restart replaces the job instead of adding a second
    assert len(scheduler.get_jobs()) == before + 1
    scheduler.remove_job("test.twice")
