"""The scheduled job, called with a given now: the Monday digest and the trial-period reminder."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App
from nonebug.mixin.call_api import ApiContext
from openpyxl import load_workbook

from core import runtime
from models.measures import MeasureRecord
from plugins.reports import jobs, texts
from plugins.reports.scorecard import DIGEST_KIND, TRIAL_KIND
from tests import accounts
from tests.factories import expect_private_send, inline_file, make_bot
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install

from .helpers import Capture, record

DEPARTMENT = (accounts.DEPARTMENT, accounts.SUPERUSER)  # staff, then SUPERUSERS
MONDAY_0930 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 street time, ISO week 2026-W10


def expect_digest(ctx: ApiContext, user_id: int) -> tuple[Capture, Capture]:
    summary, file = Capture(), Capture()
    for message in (summary, Capture()):
        ctx.should_call_api(
            "send_private_msg", {"user_id": user_id, "message": message}, {"message_id": 1}
        )
    ctx.should_call_api(
        "send_private_msg", {"user_id": user_id, "message": file}, {"message_id": 1}
    )
    return summary, file


async def marks(kind: str) -> list[dict]:
    return [r.detail for r in await MeasureRecord.filter(action=kind).order_by("id")]


async def test_on_monday_the_department_gets_last_week_once(app: App) -> None:
    await filed_group()
    inside = await record(datetime(2026, 2, 25, 2, tzinfo=UTC), category="rumor", message_id=1)
    await record(datetime(2026, 2, 22, 15, 59, tzinfo=UTC), category="rumor", message_id=2)
    await record(datetime(2026, 3, 1, 16, 0, tzinfo=UTC), category="rumor", message_id=3)
    async with app.test_api() as ctx:
        make_bot(ctx)
        sent = [expect_digest(ctx, person) for person in DEPARTMENT]
        assert await jobs.weekly_digest(MONDAY_0930)
    summary, file = sent[0]
    assert (
        summary.text.splitlines()[0] == "【全街報告】測試街道　2026-02-23 至 2026-03-01（第十五條）"
    )
    assert sent[1][0].text == summary.text
    name, data = inline_file(file.value)
    assert name == "全街報告-20260223-20260301.xlsx"  # a retry writes over it
    measures = load_workbook(io.BytesIO(data))["處置記錄"]
    assert [row[0] for row in measures.iter_rows(min_row=2, values_only=True)] == [inside.id]
    assert await marks(DIGEST_KIND) == [{"week": "2026-W09", "delivered": 2}]
    async with app.test_api() as ctx:
        make_bot(ctx)
        assert not await jobs.weekly_digest(MONDAY_0930 + timedelta(hours=6))
        assert not await jobs.weekly_digest(MONDAY_0930 + timedelta(days=6))
    assert len(await marks(DIGEST_KIND)) == 1


async def test_not_before_monday_nine_and_again_the_next_monday(app: App) -> None:
    async with app.test_api() as ctx:
        make_bot(ctx)
        assert not await jobs.weekly_digest(MONDAY_0930 - timedelta(minutes=31))
        for person in DEPARTMENT:
            expect_digest(ctx, person)
        assert await jobs.weekly_digest(MONDAY_0930 - timedelta(minutes=30))
        for person in DEPARTMENT:
            expect_digest(ctx, person)
        assert await jobs.weekly_digest(MONDAY_0930 + timedelta(days=7))
    assert [m["week"] for m in await marks(DIGEST_KIND)] == ["2026-W09", "2026-W10"]


async def test_without_a_bot_or_anyone_reached_nothing_is_marked(app: App) -> None:
    assert not await jobs.weekly_digest(MONDAY_0930)
    async with app.test_api() as ctx:
        make_bot(ctx)
        for person in DEPARTMENT:
            ctx.should_call_api(
                "send_private_msg",
                {"user_id": person, "message": Capture()},
                exception=ActionFailed(retcode=1200, wording="風控"),
            )
        assert not await jobs.weekly_digest(MONDAY_0930)
    assert await marks(DIGEST_KIND) == []
    async with app.test_api() as ctx:  # a later run that week
        make_bot(ctx)
        for person in DEPARTMENT:
            expect_digest(ctx, person)
        assert await jobs.weekly_digest(MONDAY_0930 + timedelta(days=2))
    assert len(await marks(DIGEST_KIND)) == 1


def _reminder(left: int) -> str:
    book = runtime.rulebook()  # the default: in force 2025-01-01, two years' trial
    return texts.trial_reminder(book.title, date(2025, 1, 1), 2, date(2027, 1, 1), left)


async def test_thirty_days_before_the_trial_ends_then_weekly(app: App) -> None:
    opens = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 09:00 street time, 30 days before
    async with app.test_api() as ctx:
        make_bot(ctx)
        assert not await jobs.trial_reminder(opens - timedelta(minutes=1))
        for person in DEPARTMENT:
            expect_private_send(ctx, person, _reminder(30))
        assert await jobs.trial_reminder(opens)
        assert not await jobs.trial_reminder(opens + timedelta(days=4))  # Sunday, same week
        for person in DEPARTMENT:
            expect_private_send(ctx, person, _reminder(25))
        assert await jobs.trial_reminder(opens + timedelta(days=5))  # Monday
    assert [m["week"] for m in await marks(TRIAL_KIND)] == ["2026-W49", "2026-W50"]
    assert {m["trial_end"] for m in await marks(TRIAL_KIND)} == {"2027-01-01"}


async def test_changed_dates_stop_the_reminder(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    later = runtime.rulebook().model_copy(update={"in_force": date(2026, 1, 1)})
    install(monkeypatch, later)
    async with app.test_api() as ctx:
        make_bot(ctx)
        assert not await jobs.trial_reminder(datetime(2026, 12, 9, 2, tzinfo=UTC))
    assert await marks(TRIAL_KIND) == []


async def test_the_job_runs_both_and_a_failing_part_spares_the_other(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(now: datetime | None = None) -> bool:
        raise RuntimeError("boom")

    monkeypatch.setattr(jobs, "weekly_digest", broken)
    async with app.test_api() as ctx:
        make_bot(ctx)
        for person in DEPARTMENT:
            expect_private_send(ctx, person, _reminder(-59))
        await jobs.tick(datetime(2027, 3, 1, 2, tzinfo=UTC))
    assert len(await marks(TRIAL_KIND)) == 1
