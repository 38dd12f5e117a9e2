"""Real-name storage: the roster, card deadlines, group settings, the blacklist, and (where there
are no cards) the join questions asked privately and the accounts bound to roster people. No
decisions here."""

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.measures import BlacklistEntry
from models.realname import (
    AccountBinding,
    CardDeadline,
    DeadlineStatus,
    JoinQuestion,
    QuestionStatus,
    RealnameSetting,
    RosterImport,
    RosterPerson,
    RosterStatus,
)
from models.registry import Group
from plugins.realname.roster import RosterDiff, RosterEntry, Status, diff_roster
from plugins.realname.roster_index import RosterIndex

BATCH = 1000


def now() -> datetime:
    return datetime.now(UTC)


# --- the roster ---------------------------------------------------------------------------------


def _status(value: str) -> Status:
    return "在崗" if value == RosterStatus.ACTIVE else "調離"


async def roster_entries(unit: str | None = None) -> list[RosterEntry]:
    """Everyone (or one unit), in import order. Plain rows, not model instances: a street's
    roster of 50,000 loads in a fraction of the time."""
    query = RosterPerson.all() if unit is None else RosterPerson.filter(unit=unit)
    rows = await query.order_by("id").values_list("unit", "name", "account", "status", "note")
    return [RosterEntry(u, n, a, _status(s), note) for u, n, a, s, note in rows]


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    departed: int

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.departed)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would change (a dry run shows it; `import_roster` writes it)."""

    diff: RosterDiff
    leaving: tuple[RosterEntry, ...]  # of the whole unit, left out of the file: marked 調離

    @property
    def result(self) -> ImportResult:
        d = self.diff
        return ImportResult(len(d.added), len(d.changed), len(d.unchanged), len(self.leaving))


async def plan_import(entries: Sequence[RosterEntry], whole_unit: str | None = None) -> ImportPlan:
    """The dry run: who would be added, changed, marked 調離. Nothing is written."""
    diff = diff_roster(await roster_entries(), entries)
    leaving = tuple(
        e
        for e in diff.missing
        if whole_unit is not None and e.unit == whole_unit and e.status == "在崗"
    )
    return ImportPlan(diff, leaving)


async def import_roster(
    entries: Sequence[RosterEntry], source: str, whole_unit: str | None = None
) -> ImportResult:
    """Write what `entries` change, all or nothing; `whole_unit`: the file is that unit's whole
    roster, so its people the file leaves out are marked 調離. Nothing changed, nothing written."""
    plan = await plan_import(entries, whole_unit)
    diff, result = plan.diff, plan.result
    leaving = [e.account for e in plan.leaving]
    if not result.has_changes:
        return result
    async with in_transaction():
        await RosterPerson.bulk_create(
            [
                RosterPerson(
                    unit=e.unit,
                    name=e.name,
                    account=e.account,
                    status=RosterStatus(e.status),
                    note=e.note,
                )
                for e in diff.added
            ],
            batch_size=BATCH,
        )
        for change in diff.changed:
            new = change.new
            await RosterPerson.filter(account=new.account).update(
                unit=new.unit, name=new.name, status=RosterStatus(new.status), note=new.note
            )
        for start in range(0, len(leaving), BATCH):
            await RosterPerson.filter(account__in=leaving[start : start + BATCH]).update(
                status=RosterStatus.DEPARTED
            )
        await RosterImport.create(
            source=source[-200:],
            unit=whole_unit or "",
            added=result.added,
            changed=result.changed,
            departed=result.departed,
        )
    return result


_index: tuple[tuple[int, datetime | None], RosterIndex] | None = None


async def roster_index() -> RosterIndex:
    """The roster as an index, rebuilt only after an import changed it (in any process)."""
    global _index
    last = await RosterImport.all().order_by("-id").first()
    revision = (last.id, last.at) if last else (0, None)
    if _index is None or _index[0] != revision:
        # Building folds every name (OpenCC): off the event loop, so the bot keeps answering.
        _index = (revision, await asyncio.to_thread(RosterIndex, await roster_entries()))
    return _index[1]


def forget_cache() -> None:
    global _index
    _index = None


# --- the blacklist (kept by the measures plugin) -------------------------------------------------


async def is_blacklisted(platform: str, user_id: int) -> bool:
    return await BlacklistEntry.exists(platform=platform, user_id=user_id, lifted_at=None)


# --- group settings -----------------------------------------------------------------------------


async def group_setting(group: Group) -> RealnameSetting | None:
    return await RealnameSetting.get_or_none(group=group)


async def save_setting(group: Group, by: int, **changes: Any) -> None:
    await RealnameSetting.update_or_create(group=group, defaults={**changes, "changed_by": by})


# --- card deadlines -----------------------------------------------------------------------------


async def open_deadline(
    *,
    platform: str,
    bot_id: str,
    group_id: int,
    user_id: int,
    joined_at: datetime,
    deadline: datetime,
) -> CardDeadline:
    """A new open deadline; an older open one for the same member (they left unseen) is closed."""
    async with in_transaction():
        await close_open(platform, group_id, DeadlineStatus.LEFT, [user_id])
        return await CardDeadline.create(
            platform=platform,
            bot_id=bot_id,
            group_id=group_id,
            user_id=user_id,
            joined_at=joined_at,
            deadline=deadline,
        )


async def open_deadline_of(platform: str, group_id: int, user_id: int) -> CardDeadline | None:
    return await CardDeadline.get_or_none(
        platform=platform, group_id=group_id, user_id=user_id, status=DeadlineStatus.OPEN
    )


async def open_deadlines_in(platform: str, group_id: int) -> list[CardDeadline]:
    return await CardDeadline.filter(
        platform=platform, group_id=group_id, status=DeadlineStatus.OPEN
    ).order_by("id")


async def close(
    deadline: CardDeadline, status: DeadlineStatus, record_id: int | None = None
) -> None:
    deadline.status = status
    deadline.closed_at = now()
    deadline.record_id = record_id
    await deadline.save(update_fields=["status", "closed_at", "record_id"])


async def close_open(
    platform: str, group_id: int, status: DeadlineStatus, user_ids: Iterable[int] | None = None
) -> int:
    """Close the group's open deadlines (only those of `user_ids` when given); how many closed."""
    query = CardDeadline.filter(platform=platform, group_id=group_id, status=DeadlineStatus.OPEN)
    if user_ids is not None:
        query = query.filter(user_id__in=list(user_ids))
    return await query.update(status=status, closed_at=now())


async def due_deadlines(
    at: datetime, limit: int = 500, *, platform: str | None = None, group_id: int | None = None
) -> list[CardDeadline]:
    """Open deadlines reached by `at`, earliest first (of one group, when named)."""
    query = CardDeadline.filter(status=DeadlineStatus.OPEN, deadline__lte=at)
    if platform is not None and group_id is not None:
        query = query.filter(platform=platform, group_id=group_id)
    return await query.order_by("deadline", "id").limit(limit)


# --- join questions and account bindings (a platform without cards) -----------------------------


async def ask(
    *, platform: str, bot_id: str, group_id: int, user_id: int, flag: str
) -> JoinQuestion:
    """A new open question; an open one of an earlier request to the same group closes."""
    async with in_transaction():
        await JoinQuestion.filter(
            platform=platform, group_id=group_id, user_id=user_id, status=QuestionStatus.OPEN
        ).update(status=QuestionStatus.EXPIRED, closed_at=now())
        return await JoinQuestion.create(
            platform=platform,
            bot_id=bot_id,
            group_id=group_id,
            user_id=user_id,
            flag=flag,
            asked_at=now(),
        )


async def open_questions(platform: str, bot_id: str, user_id: int) -> list[JoinQuestion]:
    """The applicant's open questions that this account asked (one a group), oldest first."""
    return await JoinQuestion.filter(
        platform=platform, bot_id=bot_id, user_id=user_id, status=QuestionStatus.OPEN
    ).order_by("id")


async def close_question(question: JoinQuestion, status: QuestionStatus) -> bool:
    """Close an open question; False when it was closed already (by the expiry, or another
    process), so that each question is decided once."""
    at = now()
    closed = await JoinQuestion.filter(id=question.id, status=QuestionStatus.OPEN).update(
        status=status, closed_at=at
    )
    question.status, question.closed_at = status, at
    return closed == 1


async def note_outcome(
    question: JoinQuestion, record_id: int | None, person_account: int | None = None
) -> None:
    question.record_id, question.person_account = record_id, person_account
    await question.save(update_fields=["record_id", "person_account"])


async def questions_due(asked_before: datetime, limit: int = 500) -> list[JoinQuestion]:
    """Open questions asked before `asked_before`, oldest first."""
    return (
        await JoinQuestion.filter(status=QuestionStatus.OPEN, asked_at__lte=asked_before)
        .order_by("asked_at", "id")
        .limit(limit)
    )


async def matched_question(platform: str, group_id: int, user_id: int) -> JoinQuestion | None:
    """The latest answered question whose answer named a roster person the admins had to let in."""
    return (
        await JoinQuestion.filter(
            platform=platform,
            group_id=group_id,
            user_id=user_id,
            status=QuestionStatus.ANSWERED,
            person_account__isnull=False,
        )
        .order_by("-id")
        .first()
    )


async def bound_account(platform: str, user_id: int) -> int | None:
    """The roster account (the person) the platform account is bound to, if any."""
    found: list[Any] = await AccountBinding.filter(platform=platform, user_id=user_id).values_list(
        "person__account", flat=True
    )
    return int(found[0]) if found else None


async def taken_accounts(platform: str, user_id: int) -> set[int]:
    """The roster accounts of people bound on the platform to accounts other than `user_id`."""
    found: list[Any] = (
        await AccountBinding.filter(platform=platform)
        .exclude(user_id=user_id)
        .values_list("person__account", flat=True)
    )
    return {int(a) for a in found}


async def bound_among(platform: str, user_ids: Iterable[int]) -> dict[int, int]:
    """Of `user_ids`, those bound on the platform: platform account → roster account."""
    wanted = list(user_ids)
    found: dict[int, int] = {}
    for start in range(0, len(wanted), BATCH):
        rows = await AccountBinding.filter(
            platform=platform, user_id__in=wanted[start : start + BATCH]
        ).values_list("user_id", "person__account")
        found.update((int(u), int(a)) for u, a in rows)
    return found


async def bind(platform: str, user_id: int, person_account: int, group_id: int) -> bool:
    """Bind the account to the roster person; False when the person is not in the roster (any
    more). An earlier binding of the account is replaced."""
    person = await RosterPerson.get_or_none(account=person_account)
    if person is None:
        return False
    await AccountBinding.update_or_create(
        {"person": person, "group_id": group_id, "bound_at": now()},
        platform=platform,
        user_id=user_id,
    )
    return True


async def unbind(platform: str, user_id: int) -> None:
    await AccountBinding.filter(platform=platform, user_id=user_id).delete()
