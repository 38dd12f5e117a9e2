"""Who may log in to the console, and which groups each sees; the registry page's filters."""

import pytest

from console import texts
from console.pages.registry_rows import BadFilter, Filters, Row, parse_filters
from console.people import PLATFORM, viewer
from core import runtime
from core.org import Account
from models.registry import GroupStatus, GroupType
from tests import accounts

SUPERUSERS = [Account(PLATFORM, accounts.SUPERUSER)]


def test_the_department_and_superusers_see_everything() -> None:
    org = runtime.org()
    for account in (accounts.DEPARTMENT, accounts.SUPERUSER):
        found = viewer(account, org, SUPERUSERS)
        assert found is not None
        assert found.department
        assert found.sees("XX社區")
        assert found.sees("XX村")


def test_a_unit_leader_sees_the_units_groups_only() -> None:
    found = viewer(accounts.LEADER, runtime.org(), SUPERUSERS)
    assert found is not None
    assert not found.department
    assert found.sees("XX社區")
    assert not found.sees("XX村")


@pytest.mark.parametrize(
    "account", [accounts.STREET_LEADER, accounts.ADMIN, accounts.MEMBER, accounts.STRANGER]
)
def test_nobody_else_may_log_in(account: int) -> None:
    assert viewer(account, runtime.org(), SUPERUSERS) is None


def _row(unit: str, status: GroupStatus, group_type: GroupType = GroupType.PUBLIC) -> Row:
    return Row("qq", 1, "", unit, group_type, "二級", status, (), ())


def test_filters_read_ascii_values_and_units_in_either_script() -> None:
    assert parse_filters({}) == Filters()
    parsed = parse_filters({"unit": "XX社区", "type": "public", "status": "pending", "grade": "2"})
    assert parsed == Filters("XX社區", GroupType.PUBLIC, GroupStatus.PENDING, "二級")
    assert parsed.keep(_row("XX社區", GroupStatus.PENDING))
    assert not parsed.keep(_row("XX村", GroupStatus.PENDING))
    assert not parsed.keep(_row("XX社區", GroupStatus.APPROVED))
    assert not parsed.keep(_row("XX社區", GroupStatus.PENDING, GroupType.INTERNAL))
    assert set(texts.STATUSES) == {"filed", "pending", "approved", "rejected", "revoked"}


@pytest.mark.parametrize(
    "query", [{"unit": "不存在"}, {"status": "待批准"}, {"type": "x"}, {"grade": "一級"}]
)
def test_a_filter_the_page_does_not_offer_is_refused(query: dict[str, str]) -> None:
    with pytest.raises(BadFilter):
        parse_filters(query)
