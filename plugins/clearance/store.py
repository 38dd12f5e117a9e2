"""Clearance storage: settings, exemptions, batches and weekly runs. No decisions here."""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from models.clearance import ClearanceBatch, ClearanceItem, ClearanceSetting, Exemption, WeeklyRun
from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from models.realname import CardDeadline, DeadlineStatus
from models.registry import ActivityDay, Group, GroupStatus
from plugins.clearance.candidates import Candidate

MANAGED = (GroupStatus.FILED, GroupStatus.APPROVED)
# The handover duty's record of an old admin who left the post and was still in the group when
# the handover completed (plugins/handover/complete.py, DEPARTED_ADMIN): list them as departed.
DEPARTED_ADMIN = "departed_admin"


def now() -> datetime:
    return datetime.now(UTC)


async def managed_groups() -> list[Group]:
    """Filed and approved groups (pending and rejected ones are not managed yet)."""
    return await Group.filter(status__in=MANAGED).order_by("id").prefetch_related("unit")


# --- settings -------------------------------------------------------------------------------


async def setting_of(group: Group) -> ClearanceSetting | None:
    return await ClearanceSetting.get_or_none(group=group)


async def all_settings() -> dict[int, ClearanceSetting]:
    """Every group's own setting, by the group's row id."""
    return {s.group_id: s for s in await ClearanceSetting.all()}  # type: ignore[attr-defined]


async def save_setting(group: Group, by: int, fields: dict[str, Any]) -> None:
    await ClearanceSetting.update_or_create(group=group, defaults={**fields, "changed_by": by})


# --- exemptions -----------------------------------------------------------------------------


async def active_exemption(group: Group, user_id: int) -> Exemption | None:
    return await Exemption.get_or_none(group=group, user_id=user_id, lifted_at=None)


async def exempt_ids(group: Group) -> set[int]:
    rows = await Exemption.filter(group=group, lifted_at=None).values_list("user_id", flat=True)
    return {int(u) for u in rows}  # type: ignore[call-overload]


async def add_exemption(group: Group, user_id: int, reason: str, by: int) -> Exemption:
    return await Exemption.create(group=group, user_id=user_id, reason=reason[:200], added_by=by)


async def lift_exemption(row: Exemption, by: int) -> None:
    row.lifted_by = by
    row.lifted_at = now()
    await row.save(update_fields=["lifted_by", "lifted_at"])


# --- batches --------------------------------------------------------------------------------


async def open_batch(
    group: Group,
    candidates: Sequence[Candidate],
    *,
    at: datetime,
    days: float,
    week: str = "",
    opened_by: int | None = None,
) -> ClearanceBatch:
    async with in_transaction():
        batch = await ClearanceBatch.create(
            group=group,
            created_at=at,
            expires_at=at + timedelta(days=days),
            week=week,
            opened_by=opened_by,
        )
        await ClearanceItem.bulk_create(
            [
                ClearanceItem(batch=batch, user_id=c.user_id, reasons=list(c.reasons))
                for c in candidates
            ]
        )
    return batch


async def find_batch(number: int) -> ClearanceBatch | None:
    return await ClearanceBatch.get_or_none(id=number).prefetch_related("group", "group__unit")


async def items_of(batch: ClearanceBatch) -> list[ClearanceItem]:
    return await ClearanceItem.filter(batch=batch).order_by("id")


async def claim_confirmation(batch: ClearanceBatch, by: int, at: datetime) -> bool:
    """Mark the batch confirmed; False when someone confirmed it first."""
    changed = await ClearanceBatch.filter(id=batch.id, confirmed_at=None).update(
        confirmed_at=at, confirmed_by=by
    )
    return changed == 1


async def link_record(item: ClearanceItem, record_id: int) -> None:
    item.record_id = record_id
    await item.save(update_fields=["record_id"])


# --- weekly runs ----------------------------------------------------------------------------


async def runs_in(week: str) -> set[tuple[int, str]]:
    """(group row id, kind) of every run claimed in `week`."""
    rows = await WeeklyRun.filter(week=week).values_list("group_id", "kind")
    return {(int(g), str(k)) for g, k in rows}


async def finished_runs(week: str, kind: str) -> set[int]:
    """Group row ids whose run of `kind` in `week` is through."""
    rows = await WeeklyRun.filter(week=week, kind=kind, finished_at__not_isnull=True).values_list(
        "group_id", flat=True
    )
    return {int(g) for g in rows}  # type: ignore[call-overload]


async def claim_run(group: Group, week: str, kind: str, at: datetime) -> WeeklyRun | None:
    """Claim the group's run of `week` before anything is posted; None when already claimed."""
    try:
        return await WeeklyRun.create(group=group, week=week, kind=kind, started_at=at)
    except IntegrityError:
        return None


async def take_run(group: Group, week: str, kind: str, at: datetime) -> WeeklyRun | None:
    """The group's run of `week`, under a lease (one process at a time): a new one, or one a
    dead process left unfinished; None when it is done."""
    run = await WeeklyRun.get_or_none(group=group, week=week, kind=kind)
    if run is None:
        return await claim_run(group, week, kind, at)
    return run if run.finished_at is None else None


async def mark_step(run: WeeklyRun, step: str, at: datetime) -> None:
    """A step of the run is done (`posted_at` or `listed_at`)."""
    setattr(run, step, at)
    await run.save(update_fields=[step])


async def weekly_batch(group: Group, week: str) -> ClearanceBatch | None:
    """The batch the weekly run of `week` opened, if it got that far."""
    return (
        await ClearanceBatch.filter(group=group, week=week, opened_by=None).order_by("id").first()
    )


async def finish_run(run: WeeklyRun, at: datetime) -> None:
    run.finished_at = at
    await run.save(update_fields=["finished_at"])


async def claim_digest(groups: Iterable[Group], week: str, kind: str, at: datetime) -> bool:
    """Claim the week's digest for all of `groups` at once; False when any was claimed before."""
    try:
        async with in_transaction():
            for group in groups:
                await WeeklyRun.create(group=group, week=week, kind=kind, started_at=at)
    except IntegrityError:
        return False
    return True


async def any_run(week: str, kind: str) -> bool:
    return await WeeklyRun.exists(week=week, kind=kind)


# --- facts other duties keep ----------------------------------------------------------------


async def running_deadlines(platform: str, group_id: int, at: datetime) -> set[int]:
    """Members whose card deadline is open and not yet passed."""
    rows = await CardDeadline.filter(
        platform=platform, group_id=group_id, status=DeadlineStatus.OPEN, deadline__gt=at
    ).values_list("user_id", flat=True)
    return {int(u) for u in rows}  # type: ignore[call-overload]


async def blacklisted_among(platform: str, user_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(user_ids), 500):
        rows = await BlacklistEntry.filter(
            platform=platform, lifted_at=None, user_id__in=list(user_ids[start : start + 500])
        ).values_list("user_id", flat=True)
        found.update(int(u) for u in rows)  # type: ignore[call-overload]
    return found


async def departed_admins(platform: str, group_id: int) -> dict[int, datetime]:
    """Accounts the handover duty recorded as departed admins of the group, with the latest time."""
    rows = await MeasureRecord.filter(
        platform=platform, group_id=group_id, action=DEPARTED_ADMIN, status=RecordStatus.DONE
    ).values_list("target", "created_at")
    found: dict[int, datetime] = {}
    for target, at in rows:
        if target is not None and (int(target) not in found or at > found[int(target)]):
            found[int(target)] = at
    return found


async def last_active_days() -> dict[int, date]:
    """The last day with counted activity, by the group's row id."""
    rows = (
        await ActivityDay.annotate(last=Max("day"))
        .group_by("group_id")
        .values_list("group_id", "last")
    )
    return {int(g): d for g, d in rows}
