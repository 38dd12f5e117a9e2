"""Free text that carries what the bot must not spread, its masked form, and a check that nothing
the bot stores holds the original."""

import json

from tortoise import Tortoise

from models.registry import DutySwitch, Group
from tests import accounts

ID = "110101199003077571"
MASKED_ID = "110101********7571"
MARKER = "機密★1年"
MASKED_MARKER = "機***年"
TERM = "法輪大法好"  # in the content duty's own lexicon (illegal, cult)
MASKED_TERM = "法***好"

# A reason as an admin might type it, and what the bot may post and keep of it.
SECRET = f"發了身份證{ID}，轉發{MARKER}，喊{TERM}"
MASKED = f"發了身份證{MASKED_ID}，轉發{MASKED_MARKER}，喊{MASKED_TERM}"
RAW = (ID, MARKER, TERM)

SCANNING_DUTIES = ("confidential", "privacy", "content")


async def scanning_duties_off(group_id: int = accounts.GROUP) -> None:
    """The duties that would recall the admin's own command message (it carries the secret),
    switched off: the test then sees only what the command itself sends."""
    group = await Group.get(group_id=group_id)
    for duty in SCANNING_DUTIES:
        await DutySwitch.create(group=group, duty=duty, enabled=False, changed_by=accounts.ADMIN)


async def stored() -> str:
    """Every row of every table, as one text."""
    rows = []
    for model in Tortoise.apps["models"].values():
        rows += await model.all().values()
    return json.dumps(rows, default=str, ensure_ascii=False)


async def assert_not_stored(*raw: str) -> None:
    """None of `raw` (default: the ID number, the marker, the term) is kept anywhere."""
    kept = await stored()
    for text in raw or RAW:
        assert text not in kept, text
