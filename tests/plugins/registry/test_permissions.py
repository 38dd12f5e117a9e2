"""Who may run each registry command (COMMANDS.md "Who may do what"), as an explicit matrix.

Every registry command is sent by each kind of person. A refused pair gets exactly one line, the
refusal, and leaves the database as it was; an allowed pair runs the command to its end.
What each role can do outside its own group (and to whom nobody may do anything) is the matrix
of test_permissions_cross_group.py.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from models.measures import BlacklistEntry, MeasureRecord
from models.registry import DutySwitch, Group, GroupStatus, GroupType, RegisteredAdmin
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    private_msg,
)
from tests.plugins.registry.helpers import filed_group

PlatformRole = Literal["owner", "admin", "member"]

# Who sends, and their role on the platform. Each is in the test group, whose unit is XX社區.
PEOPLE: dict[str, tuple[int, PlatformRole]] = {
    "department": (accounts.DEPARTMENT, "member"),  # staff in the organisation file
    "superuser": (accounts.SUPERUSER, "member"),  # SUPERUSERS
    "unit_leader": (accounts.LEADER, "member"),  # 分管負責人 of XX社區, the group's unit
    "other_leader": (accounts.OTHER_LEADER, "member"),  # 分管負責人 of XX村: a member here
    "registered_admin": (accounts.ADMIN, "member"),  # filed for this group
    "platform_admin": (accounts.OWNER, "admin"),  # a platform admin, not registered
    "member": (accounts.MEMBER, "member"),
}
COLUMNS = tuple(PEOPLE)

Y, N = True, False

# COMMANDS.md, written out: the department may do everything; a unit leader what a registered
# admin may in the unit's groups; a platform admin files and reads; a member reads.
#                    dept  super leader other reg.  plat. member
MATRIX: dict[str, tuple[bool, ...]] = {
    "/備案": (Y, Y, N, N, N, Y, N),
    "/批准": (Y, Y, N, N, N, N, N),
    "/駁回": (Y, Y, N, N, N, N, N),
    "/撤銷備案": (Y, Y, Y, N, N, N, N),
    "/群檔案": (Y, Y, Y, Y, Y, Y, Y),
    "/功能": (Y, Y, Y, Y, Y, Y, Y),
    "/開啟": (Y, Y, Y, N, Y, N, N),
    "/關閉": (Y, Y, Y, N, Y, N, N),
    "/群規": (Y, Y, Y, Y, Y, Y, Y),
    "/任務完結": (Y, Y, Y, N, Y, N, N),
}

# The roles each refusal names, as COMMANDS.md lists who may run the command.
FILERS = ["群主或管理員", "黨群工作部"]
DEPARTMENT = ["黨群工作部"]
LEADERS = ["單位分管負責人", "黨群工作部"]
ADMINS = ["群組管理員", "單位分管負責人", "黨群工作部"]


async def filed() -> None:
    await filed_group()


async def pending() -> None:
    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)


async def rejected() -> None:
    """A rejected group may be filed again; its registered admin is still on record."""
    await filed_group(status=GroupStatus.REJECTED, group_type=GroupType.PUBLIC)


async def privacy_off() -> None:
    group = await filed_group()
    await DutySwitch.create(group=group, duty="privacy", enabled=False, changed_by=accounts.ADMIN)


async def the_group() -> Group:
    return await Group.get(group_id=accounts.GROUP)


# --- What an allowed sender sees, and what it changes ---------------------------------------


def files(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    expect_group_info(ctx)
    expect_group_send(ctx, texts.filed_internal("XX社區"))
    notice = texts.department_filed("測試群", accounts.GROUP, "XX社區")
    expect_private_send(ctx, accounts.DEPARTMENT, notice)
    expect_private_send(ctx, accounts.SUPERUSER, notice)
    told = texts.leader_filed("測試群", accounts.GROUP, "XX社區", user, False)
    expect_private_send(ctx, accounts.LEADER, told)


async def filed_by(user: int) -> None:
    from plugins.registry import store

    group = await the_group()
    assert (group.status, group.type, group.filed_by) == (
        GroupStatus.FILED,
        GroupType.INTERNAL,
        user,
    )
    assert user in await store.admin_ids(group)


def approves(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    expect_group_send(ctx, texts.approved(accounts.GROUP))
    expect_private_send(ctx, accounts.ADMIN, texts.approved(accounts.GROUP))


async def approved_by(user: int) -> None:
    group = await the_group()
    assert (group.status, group.decided_by) == (GroupStatus.APPROVED, user)


def rejects(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    told = texts.rejected(accounts.GROUP, "用途不明")
    expect_group_send(ctx, told)
    expect_private_send(ctx, accounts.ADMIN, told)


async def rejected_by(user: int) -> None:
    group = await the_group()
    assert (group.status, group.decided_by, group.status_reason) == (
        GroupStatus.REJECTED,
        user,
        "用途不明",
    )


def revokes(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    expect_group_send(ctx, texts.revoked_in_group("冒名備案"))
    notice = texts.revoked_notice(accounts.GROUP, "XX社區", user, "冒名備案")
    for who in (accounts.ADMIN, accounts.DEPARTMENT, accounts.SUPERUSER, accounts.LEADER):
        if who != user:
            expect_private_send(ctx, who, notice)


async def revoked_by(user: int) -> None:
    from plugins.registry import store

    group = await the_group()
    assert (group.status, group.decided_by, group.status_reason) == (
        GroupStatus.REVOKED,
        user,
        "冒名備案",
    )
    assert await store.admin_ids(group) == []
    assert await store.enabled_duties(group.platform, group.group_id) == frozenset()


def shows_profile(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    expect_group_info(ctx)
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": accounts.GROUP, "user_id": accounts.ADMIN, "no_cache": True},
        {"group_id": accounts.GROUP, "user_id": accounts.ADMIN, "nickname": "a", "card": "張三"},
    )
    expect_group_send(
        ctx,
        texts.profile(
            unit="XX社區",
            group_type="內部",
            status="已備案",
            grade="三級",
            admins=["張三"],
            duties_on=["實名", "清理", "保密", "內容", "隱私"],
            duties_off=[],
            purpose="",
            finished=None,
        ),
    )


def lists_duties(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts
    from plugins.registry.duties import DUTIES

    expect_group_send(ctx, texts.duties([texts.duty_line(d, True) for d in DUTIES]))


def switches_privacy(on: bool) -> Callable[[ApiContext, int], None]:
    def expect(ctx: ApiContext, user: int) -> None:
        from plugins.registry import texts
        from plugins.registry.duties import BY_KEY

        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], on))

    return expect


def privacy_switched(on: bool) -> Callable[[int], Awaitable[None]]:
    async def check(user: int) -> None:
        rows = await DutySwitch.filter(duty="privacy")
        assert [(r.enabled, r.changed_by) for r in rows] == [(on, user)]

    return check


def shows_rules(ctx: ApiContext, user: int) -> None:
    from tests.plugins.registry.test_rules_reply import rules

    expect_group_send(
        ctx, rules(True, ("realname", "clearance", "confidential", "content", "privacy"), [])
    )


def finishes(ctx: ApiContext, user: int) -> None:
    from plugins.registry import texts

    expect_group_send(ctx, texts.finished(""))
    notice = texts.department_finished(accounts.GROUP, "XX社區", "")
    for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
        expect_private_send(ctx, who, notice)


async def finished(user: int) -> None:
    assert (await the_group()).finished_at is not None


async def unchanged_by(user: int) -> None:
    """A read-only command: nothing to check beyond what was sent."""


@dataclass(frozen=True)
class Case:
    text: str
    setup: Callable[[], Awaitable[None]]
    refusal: list[str]
    allowed: Callable[[ApiContext, int], None]
    verify: Callable[[int], Awaitable[None]]
    # A refusal that is not "權限不足", by person: a leader of another unit is told whose it is.
    refused_as: dict[str, str] | None = None


CASES: dict[str, Case] = {
    "/備案": Case("/備案 內部 XX社區", rejected, FILERS, files, filed_by),
    "/批准": Case("/批准", pending, DEPARTMENT, approves, approved_by),
    "/駁回": Case("/駁回 用途不明", pending, DEPARTMENT, rejects, rejected_by),
    "/撤銷備案": Case(
        "/撤銷備案 冒名備案",
        filed,
        LEADERS,
        revokes,
        revoked_by,
        {
            "other_leader": "群 700100 屬於「XX社區」，只有該單位的分管負責人或黨群工作部可以撤銷其備案。"
        },
    ),
    "/群檔案": Case("/群檔案", filed, [], shows_profile, unchanged_by),
    "/功能": Case("/功能", filed, [], lists_duties, unchanged_by),
    "/開啟": Case(
        "/開啟 隱私", privacy_off, ADMINS, switches_privacy(True), privacy_switched(True)
    ),
    "/關閉": Case("/關閉 隱私", filed, ADMINS, switches_privacy(False), privacy_switched(False)),
    "/群規": Case("/群規", filed, [], shows_rules, unchanged_by),
    "/任務完結": Case("/任務完結", filed, ADMINS, finishes, finished),
}


async def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row the registry commands could touch."""
    models = (Group, RegisteredAdmin, DutySwitch, MeasureRecord, BlacklistEntry)
    return {m.__name__: await m.all().order_by("id").values() for m in models}


LATIN = {
    "/備案": "register",
    "/批准": "approve",
    "/駁回": "reject",
    "/撤銷備案": "unfile",
    "/群檔案": "profile",
    "/功能": "duties",
    "/開啟": "enable",
    "/關閉": "disable",
    "/群規": "rules",
    "/任務完結": "done",
}
PAIRS = [
    pytest.param(command, person, allowed, id=f"{LATIN[command]}-{person}")
    for command, row in MATRIX.items()
    for person, allowed in zip(COLUMNS, row, strict=True)
]


def test_the_matrix_covers_every_registry_command() -> None:
    from plugins.registry import __plugin_meta__

    assert set(MATRIX) == set(CASES) == set(__plugin_meta__.usage.split())


@pytest.mark.parametrize(("command", "person", "allowed"), PAIRS)
async def test_permission_matrix(app: App, command: str, person: str, allowed: bool) -> None:
    from plugins.registry import texts

    case = CASES[command]
    user, role = PEOPLE[person]
    await case.setup()
    before = await snapshot()

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(case.text, user, role=role))
        if allowed:
            case.allowed(ctx, user)
        else:
            refusal = (case.refused_as or {}).get(person) or texts.refused(case.refusal)
            assert "\n" not in refusal
            expect_group_send(ctx, refusal)

    if allowed:
        await case.verify(user)
    else:
        assert await snapshot() == before


def test_refusal_names_the_roles_that_may() -> None:
    from plugins.registry import texts

    assert texts.refused(ADMINS) == "權限不足：此指令限群組管理員、單位分管負責人、黨群工作部使用。"


# --- Private chats: the department anywhere, nobody else for department commands -------------


async def test_department_decides_from_a_private_chat(app: App) -> None:
    from plugins.registry import texts

    await pending()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/批准 {accounts.GROUP}", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.approved(accounts.GROUP))
        expect_private_send(ctx, accounts.ADMIN, texts.approved(accounts.GROUP))
        expect_private_send(
            ctx, accounts.DEPARTMENT, texts.decided_for_department(accounts.GROUP, True)
        )

    assert (await the_group()).status == GroupStatus.APPROVED


@pytest.mark.parametrize(
    "user", [accounts.MEMBER, accounts.LEADER, accounts.ADMIN, accounts.OWNER], ids=str
)
async def test_only_the_department_decides_from_a_private_chat(app: App, user: int) -> None:
    from plugins.registry import texts

    await pending()
    before = await snapshot()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/駁回 {accounts.GROUP} 不要", user))
        expect_private_send(ctx, user, texts.refused(DEPARTMENT))

    assert await snapshot() == before


async def test_filing_from_a_private_chat_asks_for_the_group(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/備案 內部 XX社區", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.NOT_IN_GROUP)
        ctx.receive_event(bot, private_msg("/備案 內部 XX社區", accounts.MEMBER))
        expect_private_send(ctx, accounts.MEMBER, texts.refused(FILERS))

    assert await Group.all().count() == 0


async def test_a_leader_of_another_unit_leads_only_there(app: App) -> None:
    """The leader of XX村 may switch duties in a XX村 group, not in a XX社區 one."""
    from plugins.registry import texts
    from plugins.registry.duties import BY_KEY

    await filed_group(accounts.OTHER_GROUP, unit="XX村")
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        msg = group_msg("/關閉 隱私", accounts.OTHER_LEADER, group_id=accounts.OTHER_GROUP)
        ctx.receive_event(bot, msg)
        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], False), accounts.OTHER_GROUP)
        ctx.receive_event(bot, group_msg("/關閉 隱私", accounts.OTHER_LEADER))
        expect_group_send(ctx, texts.refused(ADMINS))

    rows = await DutySwitch.all().prefetch_related("group")
    assert [(r.group.group_id, r.duty, r.enabled) for r in rows] == [
        (accounts.OTHER_GROUP, "privacy", False)
    ]
