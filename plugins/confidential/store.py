"""The confidential duty's group option, kept as a switch row of its own in the registry's table.

The option is a `DutySwitch` row whose `duty` is `secret.unread` (the column holds 16 characters,
too few for `confidential.`; no duty has that key, so the registry's own switches never read it).
No row: the group has not chosen, and its type decides (see `options`).
"""

from models.registry import DutySwitch, Group
from plugins.registry import store as registry

KEYS = {"unread": "secret.unread"}


async def choice(group: Group, option: str) -> bool | None:
    """The group's own choice, None when it has made none."""
    row = await DutySwitch.get_or_none(group=group, duty=KEYS[option])
    return None if row is None else row.enabled


async def set_choice(group: Group, option: str, recall: bool | None, by: int) -> None:
    if recall is None:
        await DutySwitch.filter(group=group, duty=KEYS[option]).delete()
    else:
        await registry.switch(group, KEYS[option], recall, by)
