"""The registry's pure decisions, called directly: roles, grade, argument parsing, duty names."""

from pathlib import Path
from typing import Any

import pytest

from adapters import onebot_events
from adapters.port import Role as PlatformRole
from core.commands import aliases
from core.org import Account, Org, load_org
from models.registry import GroupType
from plugins.registry.duties import DUTIES, find_duty
from plugins.registry.grade import grade_of
from plugins.registry.parse import Decision, FileArgs, parse_decision, parse_file
from plugins.registry.roles import (
    Role,
    bans_street_wide,
    decides_for_unit,
    protected,
    roles_of,
)
from tests import accounts

ORG = load_org(Path(__file__).parents[2] / "data" / "org.toml")
QQ = onebot_events.NAME
SUPERUSERS = [Account(QQ, accounts.SUPERUSER)]

D, L, R, P, M = (
    Role.DEPARTMENT,
    Role.UNIT_LEADER,
    Role.REGISTERED_ADMIN,
    Role.PLATFORM_ADMIN,
    Role.MEMBER,
)


def roles(
    user_id: int,
    *,
    superuser: bool = False,
    platform_role: PlatformRole | None = "member",
    group_unit: str | None = "XX社區",
    registered: tuple[int, ...] = (accounts.ADMIN,),
    org: Org = ORG,
) -> frozenset[Role]:
    return roles_of(
        QQ,
        user_id,
        superuser=superuser,
        platform_role=platform_role,
        org=org,
        group_unit=group_unit,
        registered=registered,
    )


# --- roles_of ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_id", "kwargs", "expected"),
    [
        pytest.param(accounts.DEPARTMENT, {}, {D, M}, id="department-staff"),
        pytest.param(accounts.SUPERUSER, {"superuser": True}, {D, M}, id="superuser"),
        pytest.param(accounts.SUPERUSER, {}, {M}, id="superuser-flag-decides"),
        pytest.param(accounts.LEADER, {}, {L, M}, id="unit-leader"),
        pytest.param(accounts.OTHER_LEADER, {}, {M}, id="leader-of-another-unit"),
        pytest.param(
            accounts.OTHER_LEADER, {"group_unit": "XX村"}, {L, M}, id="leader-in-own-unit"
        ),
        pytest.param(accounts.LEADER, {"group_unit": "XX社区"}, {L, M}, id="unit-simplified"),
        pytest.param(accounts.LEADER, {"group_unit": "已撤銷單位"}, {M}, id="unit-not-in-org"),
        pytest.param(accounts.ADMIN, {}, {R, M}, id="registered-admin"),
        pytest.param(accounts.OWNER, {"platform_role": "owner"}, {P, M}, id="platform-owner"),
        pytest.param(accounts.OWNER, {"platform_role": "admin"}, {P, M}, id="platform-admin"),
        pytest.param(accounts.MEMBER, {}, {M}, id="member"),
        pytest.param(accounts.STRANGER, {"registered": ()}, {M}, id="nobody-registered"),
        pytest.param(
            accounts.LEADER,
            {"platform_role": "owner", "registered": (accounts.LEADER,)},
            {L, R, P, M},
            id="several-at-once",
        ),
        pytest.param(
            accounts.DEPARTMENT,
            {"superuser": True, "registered": (accounts.DEPARTMENT,)},
            {D, R, M},
            id="department-registered",
        ),
    ],
)
def test_roles_in_a_group(user_id: int, kwargs: dict[str, Any], expected: set[Role]) -> None:
    assert roles(user_id, **kwargs) == frozenset(expected)


@pytest.mark.parametrize(
    ("user_id", "superuser", "expected"),
    [
        (accounts.DEPARTMENT, False, {D, M}),
        (accounts.SUPERUSER, True, {D, M}),
        (accounts.LEADER, False, {M}),  # a leader leads in the unit's groups only
        (accounts.ADMIN, False, {M}),
        (accounts.MEMBER, False, {M}),
    ],
)
def test_roles_in_a_private_chat(user_id: int, superuser: bool, expected: set[Role]) -> None:
    held = roles(user_id, superuser=superuser, platform_role=None, group_unit=None, registered=())
    assert held == frozenset(expected)


@pytest.mark.parametrize(
    ("user_id", "expected"),
    [
        (accounts.DEPARTMENT, True),
        (accounts.SUPERUSER, True),
        (accounts.LEADER, True),
        (accounts.OTHER_LEADER, True),  # a leader of any unit, wherever they are
        (accounts.SELF, True),
        (accounts.STREET_LEADER, False),
        (accounts.ADMIN, False),
        (accounts.OWNER, False),
        (accounts.MEMBER, False),
    ],
)
def test_who_nobody_may_blacklist_remove_or_mute(user_id: int, expected: bool) -> None:
    assert protected(QQ, user_id, org=ORG, superusers=SUPERUSERS, self_id=accounts.SELF) is expected


def test_whose_ban_goes_straight_to_the_street_wide_list() -> None:
    assert bans_street_wide(roles(accounts.DEPARTMENT))
    assert bans_street_wide(roles(accounts.LEADER))  # in the unit's own group
    assert not bans_street_wide(roles(accounts.LEADER, group_unit="XX村"))
    assert not bans_street_wide(roles(accounts.ADMIN))  # a request
    assert not bans_street_wide(roles(accounts.OWNER, platform_role="owner"))


def test_who_decides_for_a_unit() -> None:
    assert decides_for_unit(department=True, led_units=(), unit="XX村")
    assert decides_for_unit(department=False, led_units=("XX社區",), unit="XX社區")
    assert not decides_for_unit(department=False, led_units=("XX社區",), unit="XX村")
    assert not decides_for_unit(department=False, led_units=("XX社區",), unit="")


def test_every_role_is_named_as_commands_md_names_it() -> None:
    assert [r.value for r in Role] == [
        "黨群工作部",
        "單位分管負責人",
        "群組管理員",
        "群主或管理員",
        "成員",
    ]


# --- grade_of ------------------------------------------------------------------------------

IN, PU = GroupType.INTERNAL, GroupType.PUBLIC


@pytest.mark.parametrize(
    ("group_type", "members", "messages", "grade"),
    [
        (IN, 0, 0, "三級"),
        (IN, 99, 49, "三級"),  # just under both thresholds: 0 points
        (IN, 100, 0, "三級"),  # 1 point
        (IN, 0, 50, "三級"),  # 1 point
        (IN, 100, 50, "二級"),  # 2 points
        (IN, 499, 499, "二級"),  # 1 + 1
        (IN, 500, 0, "二級"),  # 2
        (IN, 0, 500, "二級"),  # 2
        (IN, 500, 499, "二級"),  # 2 + 1
        (IN, 500, 500, "一級"),  # 4
        (PU, 0, 0, "二級"),  # the public alone: 2 points
        (PU, 99, 49, "二級"),
        (PU, 100, 49, "二級"),  # 3
        (PU, 100, 50, "一級"),  # 4
        (PU, 500, 0, "一級"),
        (PU, 0, 500, "一級"),
        (PU, 10_000, 10_000, "一級"),
    ],
)
def test_grade_boundaries(group_type: GroupType, members: int, messages: int, grade: str) -> None:
    assert grade_of(group_type, members, messages) == grade


# --- parse_file / parse_decision -----------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("內部", "XX社區"), FileArgs(GroupType.INTERNAL, "XX社區", "")),
        (("内部", "XX社区"), FileArgs(GroupType.INTERNAL, "XX社区", "")),
        (("群眾", "XX村", "居民", "服務"), FileArgs(GroupType.PUBLIC, "XX村", "居民 服務")),
        (("群众", "XX村", "服务"), FileArgs(GroupType.PUBLIC, "XX村", "服务")),
        ((), None),
        (("內部",), None),
        (("秘密", "XX社區"), None),
        (("XX社區", "內部"), None),  # the type comes first
    ],
)
def test_parse_file(words: tuple[str, ...], expected: FileArgs | None) -> None:
    assert parse_file(words) == expected


G, H = accounts.OTHER_GROUP, accounts.GROUP


@pytest.mark.parametrize(
    ("words", "here", "needs_reason", "expected"),
    [
        ((), H, False, Decision(H, "")),  # approve in the group itself
        ((), None, False, None),  # privately, the group must be named
        ((str(G),), H, False, Decision(G, "")),  # another group named from a group
        ((str(G),), None, False, Decision(G, "")),
        ((str(G), "用途", "不明"), None, True, Decision(G, "用途 不明")),
        (("用途不明",), H, True, Decision(H, "用途不明")),
        ((), H, True, None),  # a rejection needs a reason
        ((str(G),), None, True, None),
        (("1234", "號"), H, False, Decision(H, "1234 號")),  # four digits are not a group
        (("12345",), None, False, Decision(12345, "")),
    ],
)
def test_parse_decision(
    words: tuple[str, ...], here: int | None, needs_reason: bool, expected: Decision | None
) -> None:
    assert parse_decision(words, here, needs_reason=needs_reason) == expected


# --- find_duty -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("實名", "realname"),
        ("实名", "realname"),
        ("realname", "realname"),
        ("RealName", "realname"),
        ("清理", "clearance"),
        ("clearance", "clearance"),
        ("保密", "confidential"),
        ("confidential", "confidential"),
        ("內容", "content"),
        ("内容", "content"),
        ("隱私", "privacy"),
        ("隐私", "privacy"),
        (" privacy ", "privacy"),
    ],
)
def test_find_duty_by_name_in_either_script_or_key(word: str, key: str) -> None:
    duty = find_duty(word)
    assert duty is not None
    assert duty.key == key


@pytest.mark.parametrize("word", ["", "火星", "實名認證", "real"])
def test_find_duty_unknown(word: str) -> None:
    assert find_duty(word) is None


def test_the_five_duties_of_commands_md() -> None:
    assert [(d.name, d.key) for d in DUTIES] == [
        ("實名", "realname"),
        ("清理", "clearance"),
        ("保密", "confidential"),
        ("內容", "content"),
        ("隱私", "privacy"),
    ]
    assert all(d.articles for d in DUTIES)


# --- core.commands.aliases -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "latin", "expected"),
    [
        ("交接管理員", "handover", {"交接管理员", "handover"}),
        ("備案", "register", {"备案", "register"}),
        ("群檔案", "profile", {"群档案", "profile"}),
        ("開啟", "enable", {"开启", "enable"}),
        ("任務完結", "done", {"任务完结", "done"}),
        ("功能", "duties", {"duties"}),  # the same in both scripts: no duplicate of itself
        ("批准", "approve", {"approve"}),
    ],
)
def test_aliases(canonical: str, latin: str, expected: set[str]) -> None:
    assert aliases(canonical, latin) == expected
