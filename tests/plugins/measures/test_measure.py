"""Measure.in_group: a measure in a registered group takes its place from the group."""

from adapters.actions import Kick
from tests import accounts
from tests.plugins.registry.helpers import filed_group


async def test_a_measure_in_a_group_names_its_group_unit_and_platform() -> None:
    from plugins.measures.measure import Measure

    group = await filed_group(unit="XX社區")
    group.platform = "telegram"  # the platform comes from the group, never a default
    measure = Measure.in_group(
        group,
        kind="kick",
        article=10,
        action=Kick(group.group_id, accounts.MEMBER),
        target=accounts.MEMBER,
        actor=accounts.ADMIN,
        reason="刷屏",
    )
    assert (measure.group_id, measure.unit, measure.platform) == (
        accounts.GROUP,
        "XX社區",
        "telegram",
    )
    assert (measure.kind, measure.target, measure.actor, measure.reason) == (
        "kick",
        accounts.MEMBER,
        accounts.ADMIN,
        "刷屏",
    )
    assert measure.detail == {}
