"""The privacy duty's group options, kept as switch rows of their own in the registry's table.

An option is a `DutySwitch` row whose `duty` is `privacy.<option>` (no such duty exists, so the
registry's own switches never read it). Unlike a duty, an option with no row is off.
"""

from models.registry import DutySwitch, Group
from plugins.registry import store as registry

PREFIX = "privacy."


async def option_on(platform: str, group_id: int, option: str) -> bool:
    group = await Group.get_or_none(platform=platform, group_id=group_id)
    if group is None:
        return False
    row = await DutySwitch.get_or_none(group=group, duty=PREFIX + option)
    return row is not None and row.enabled


async def set_option(group: Group, option: str, enabled: bool, by: int) -> None:
    await registry.switch(group, PREFIX + option, enabled, by)
