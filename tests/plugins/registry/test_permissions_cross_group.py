"""What each role can do to people and groups outside its own (issue 14): a matrix of effects.

The permission tests of test_permissions.py, grown across groups. Group A (XX社區) has the
registered admin ADMIN; group B (XX村) has B_ADMIN, and the person `VICTIM`, who is not in A.
Every action reaches outside the sender's own group (or is aimed at someone nobody may touch),
and is sent by each role: a member of A, A's platform admin who is not registered, A's registered
admin, XX社區's leader, the department, a superuser. A refused cell gets exactly one line and
changes nothing; an allowed cell is checked for what it changed (and, for a registered admin's
/拉黑, for what it did not: group B is never touched).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from nonebot.adapters.onebot.v11 import Message
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from models.measures import (
    BlacklistEntry,
    BlacklistRequest,
    MeasureRecord,
    RecordStatus,
    RequestStatus,
    Sweep,
)
from models.registry import DutySwitch, Group, GroupStatus, RegisteredAdmin
from tests import accounts
from tests.factories import (
    expect_gone,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    message,
    private_msg,
)
from tests.plugins.measures.helpers import (
    expect_kick,
    expect_lookup,
    next_request_number,
    requested,
)
from tests.plugins.registry.helpers import filed_group

A, B = accounts.GROUP, accounts.OTHER_GROUP
B_ADMIN = 40009  # the registered admin of group B
VICTIM = accounts.STRANGER  # a member of group B only

PEOPLE: dict[str, tuple[int, Literal["admin", "member"]]] = {
    "member": (accounts.MEMBER, "member"),
    "platform_admin": (accounts.OWNER, "admin"),  # of group A, not registered
    "registered_admin": (accounts.ADMIN, "member"),  # of group A
    "unit_leader": (accounts.LEADER, "member"),  # of XX社區, group A's unit; not B's
    "department": (accounts.DEPARTMENT, "member"),
    "superuser": (accounts.SUPERUSER, "member"),
}
STREET = ("department", "superuser")

ADMINS = ["群組管理員", "單位分管負責人", "黨群工作部"]
LEADERS = ["單位分管負責人", "黨群工作部"]

Where = Literal["A", "B", "private"]
Facts = dict[str, int]


@dataclass(frozen=True)
class Row:
    """One action outside the sender's own group: the text (with `{request}` filled from the
    facts), where it is sent, and who may: the others get `refusal(person)`."""

    text: Callable[[Facts], Message | str]
    where: Where
    may: tuple[str, ...]
    refusal: Callable[[str, Facts], str]
    allowed: Callable[[ApiContext, int, Facts], None]
    verify: Callable[[int, Facts], Awaitable[None]]
    setup: Callable[[], Awaitable[Facts]] = field(default=lambda: _no_facts())


async def _no_facts() -> Facts:
    return {}


async def world() -> None:
    await filed_group(A)
    await filed_group(B, unit="XX村", admins=(B_ADMIN,))


async def snapshot() -> dict[str, list[dict[str, Any]]]:
    models = (
        Group,
        RegisteredAdmin,
        DutySwitch,
        MeasureRecord,
        BlacklistEntry,
        BlacklistRequest,
        Sweep,
    )
    return {m.__name__: await m.all().order_by("id").values() for m in models}


def refused_as(
    roles: list[str], **others: str | Callable[[Facts], str]
) -> Callable[[str, Facts], str]:
    """The one line a refused person gets: "權限不足…", unless `others` names theirs."""

    def line(person: str, facts: Facts) -> str:
        from plugins.registry import texts

        other = others.get(person)
        if other is None:
            return texts.refused(roles)
        return other if isinstance(other, str) else other(facts)

    return line


def protected_line(*, refused: list[str]) -> Callable[[str, Facts], str]:
    """Who may not use the command at all is told so; anyone else that the target is protected."""

    def line(person: str, facts: Facts) -> str:
        from plugins.measures import texts
        from plugins.registry import texts as registry_texts

        if person in ("member", "platform_admin"):
            return registry_texts.refused(refused)
        return texts.PROTECTED_TARGET

    return line


# --- /拉黑 in A of someone who is only in B -----------------------------------------------------


async def next_request() -> Facts:
    return {"request": await next_request_number()}


def bans(ctx: ApiContext, user: int, facts: Facts) -> None:
    from plugins.measures import texts

    if user == accounts.ADMIN:  # a request: A is looked at, B is not
        expect_lookup(ctx, A, VICTIM, False)
        notice = texts.request_notice(facts["request"], A, "XX社區", user, VICTIM, "廣告", False)
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
        expect_group_send(ctx, texts.request_filed(facts["request"], "廣告", False), A)
        return
    expect_lookup(ctx, A, VICTIM, False)
    expect_lookup(ctx, B, VICTIM, True)
    expect_kick(ctx, B, VICTIM)
    expect_group_send(ctx, texts.banned("廣告", False, 1, 0, already=False), A)
    notice = texts.ban_notice(A, "XX社區", user, VICTIM, "廣告", 1, 0)
    expect_private_send(ctx, accounts.LEADER, notice)
    expect_private_send(ctx, accounts.STREET_LEADER, notice)


async def banned(user: int, facts: Facts) -> None:
    kicks = await MeasureRecord.filter(action="kick")
    if user == accounts.ADMIN:
        assert await BlacklistEntry.all().count() == 0
        assert kicks == []  # nobody removed in B
        request = await BlacklistRequest.get()
        assert (request.id, request.user_id, request.status) == (
            facts["request"],
            VICTIM,
            RequestStatus.PENDING,
        )
        return
    assert (await BlacklistEntry.get()).added_by == user
    assert [(k.group_id, k.status) for k in kicks] == [(B, RecordStatus.DONE)]


# --- /移出 in B, a group not the sender's -------------------------------------------------------


def removes_in_b(ctx: ApiContext, user: int, facts: Facts) -> None:
    from plugins.measures import texts

    ctx.should_call_api(
        "set_group_kick", {"group_id": B, "user_id": VICTIM, "reject_add_request": False}, None
    )
    expect_gone(ctx, B, VICTIM)
    expect_group_send(ctx, texts.kicked("廣告"), B)
    notice = texts.leader_notice(B, "XX村", texts.what_kicked("廣告"), user)
    expect_private_send(ctx, accounts.OTHER_LEADER, notice)


async def removed_in_b(user: int, facts: Facts) -> None:
    record = await MeasureRecord.get()
    assert (record.action, record.group_id, record.actor) == ("kick", B, user)


# --- /確認拉黑 of a request from B --------------------------------------------------------------


async def request_from_b() -> Facts:
    request = await requested(VICTIM, B, "XX村", B_ADMIN, "廣告")
    return {"request": request.id}


def confirms(ctx: ApiContext, user: int, facts: Facts) -> None:
    from plugins.measures import texts

    expect_lookup(ctx, B, VICTIM, True)
    expect_kick(ctx, B, VICTIM)
    expect_lookup(ctx, A, VICTIM, False)
    expect_private_send(ctx, user, texts.request_approved(facts["request"], 1, 0, False))
    expect_private_send(ctx, B_ADMIN, texts.requester_approved(facts["request"], 1))
    notice = texts.ban_notice(B, "XX村", user, VICTIM, "廣告", 1, 0)
    expect_private_send(ctx, accounts.OTHER_LEADER, notice)
    expect_private_send(ctx, accounts.STREET_LEADER, notice)


async def confirmed(user: int, facts: Facts) -> None:
    request = await BlacklistRequest.get(id=facts["request"])
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, user)
    assert (await BlacklistEntry.get()).user_id == VICTIM


# --- /撤銷備案 of B -----------------------------------------------------------------------------


def revokes_b(ctx: ApiContext, user: int, facts: Facts) -> None:
    from plugins.registry import texts

    expect_group_send(ctx, texts.revoked_in_group("冒名"), B)
    notice = texts.revoked_notice(B, "XX村", user, "冒名")
    for who in (B_ADMIN, accounts.DEPARTMENT, accounts.SUPERUSER, accounts.OTHER_LEADER):
        if who != user:
            expect_private_send(ctx, who, notice)
    expect_private_send(ctx, user, texts.revoked_for_you(B))


async def b_revoked(user: int, facts: Facts) -> None:
    group = await Group.get(group_id=B)
    assert (group.status, group.decided_by) == (GroupStatus.REVOKED, user)
    assert (await Group.get(group_id=A)).status == GroupStatus.FILED


# --- /解除黑名單 of an entry made in B ----------------------------------------------------------


async def listed_in_b() -> Facts:
    entry = await BlacklistEntry.create(user_id=VICTIM, source_group=B, reason="廣告")
    return {"entry": entry.id}


def lifts(ctx: ApiContext, user: int, facts: Facts) -> None:
    from plugins.measures import texts

    expect_private_send(ctx, user, texts.lifted(VICTIM, "誤判"))


async def lifted(user: int, facts: Facts) -> None:
    entry = await BlacklistEntry.get(id=facts["entry"])
    assert entry.lifted_by == user


def never(ctx: ApiContext, user: int, facts: Facts) -> None:
    raise AssertionError("nobody may")


async def nothing(user: int, facts: Facts) -> None:
    raise AssertionError("nobody may")


ROWS: dict[str, Row] = {
    "ban-someone-in-B": Row(
        lambda f: message(f"/拉黑 {VICTIM} 廣告"),
        "A",
        ("registered_admin", "unit_leader", *STREET),
        refused_as(ADMINS),
        bans,
        banned,
        next_request,
    ),
    "remove-in-B": Row(
        lambda f: f"/移出 {VICTIM} 廣告",
        "B",
        STREET,
        refused_as(ADMINS),
        removes_in_b,
        removed_in_b,
    ),
    "confirm-B-request": Row(
        lambda f: f"/確認拉黑 {f['request']}",
        "private",
        STREET,
        refused_as(LEADERS, unit_leader=lambda f: _other_unit_request(f["request"])),
        confirms,
        confirmed,
        request_from_b,
    ),
    "revoke-B": Row(
        lambda f: f"/撤銷備案 {B} 冒名",
        "private",
        STREET,
        refused_as(
            LEADERS,
            unit_leader=f"群 {B} 屬於「XX村」，只有該單位的分管負責人或黨群工作部可以撤銷其備案。",
        ),
        revokes_b,
        b_revoked,
    ),
    "lift-B-entry": Row(
        lambda f: f"/解除黑名單 {VICTIM} 誤判",
        "private",
        STREET,
        refused_as(
            LEADERS,
            unit_leader="此黑名單記錄來自「XX村」的群，只有該單位的分管負責人或黨群工作部可以解除。",
        ),
        lifts,
        lifted,
        listed_in_b,
    ),
    "ban-a-leader": Row(
        lambda f: message("/拉黑 ", accounts.OTHER_LEADER) + " 廣告",
        "A",
        (),
        protected_line(refused=ADMINS),
        never,
        nothing,
    ),
    "mute-a-superuser": Row(
        lambda f: message("/禁言 ", accounts.SUPERUSER) + " 1h 廣告",
        "A",
        (),
        protected_line(refused=ADMINS),
        never,
        nothing,
    ),
    "remove-the-department": Row(
        lambda f: message("/移出 ", accounts.DEPARTMENT) + " 廣告",
        "A",
        (),
        protected_line(refused=ADMINS),
        never,
        nothing,
    ),
}


def _other_unit_request(number: int) -> str:
    from plugins.measures import texts

    return texts.request_other_unit(number, "XX村")


CELLS = [
    pytest.param(row, person, id=f"{row}-{person}")
    for row in ROWS
    for person in PEOPLE
    if not (row == "mute-a-superuser" and person == "superuser")
    and not (row == "remove-the-department" and person == "department")
]


def _event(row: Row, facts: Facts, user: int, role: Literal["admin", "member"]) -> Any:
    text = row.text(facts)
    if row.where == "private":
        assert isinstance(text, str)
        return private_msg(text, user)
    return group_msg(text, user, group_id=A if row.where == "A" else B, role=role)


@pytest.mark.parametrize(("row_name", "person"), CELLS)
async def test_cross_group_matrix(app: App, row_name: str, person: str) -> None:
    row = ROWS[row_name]
    user, role = PEOPLE[person]
    if row.where == "B":
        role = "member"  # A's platform admin is an ordinary member of B
    await world()
    facts = await row.setup()
    before = await snapshot()
    allowed = person in row.may

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, _event(row, facts, user, role))
        if allowed:
            row.allowed(ctx, user, facts)
        else:
            line = row.refusal(person, facts)
            assert "\n" not in line
            if row.where == "private":
                expect_private_send(ctx, user, line)
            else:
                expect_group_send(ctx, line, A if row.where == "A" else B)

    if allowed:
        await row.verify(user, facts)
    else:
        assert await snapshot() == before


def test_every_role_and_every_row_is_in_the_matrix() -> None:
    assert {p.values[1] for p in CELLS} == set(PEOPLE)
    assert {p.values[0] for p in CELLS} == set(ROWS)
