"""String ids of a platform such as WeCom stored as numbers, and read back."""

import pytest
from nonebug import App

from core import ids
from models.ids import PlatformId


async def test_a_string_id_gets_one_number_and_reads_back(app: App) -> None:
    first = await ids.intern("wecom", "wmAbC123")
    assert await ids.intern("wecom", "wmAbC123") == first
    other = await ids.intern("wecom", "wmXyZ")
    assert other != first
    ids.forget()  # another process, or after a restart: the database remembers
    assert await ids.intern("wecom", "wmAbC123") == first
    assert await ids.extern("wecom", first) == "wmAbC123"
    assert await PlatformId.all().count() == 2


async def test_platforms_do_not_share_ids(app: App) -> None:
    wecom = await ids.intern("wecom", "same")
    feishu = await ids.intern("feishu", "same")
    assert await ids.extern("wecom", wecom) == "same"
    assert await ids.extern("feishu", feishu) == "same"
    assert await ids.extern("wecom", feishu + wecom + 1) is None


async def test_an_empty_id_is_refused(app: App) -> None:
    with pytest.raises(ValueError, match="empty"):
        await ids.intern("wecom", "")
