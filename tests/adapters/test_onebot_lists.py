"""The port's list answers: the group-file list behind removing an upload (found by name,
uploader and time, deleted by the list's id, since the notice's is refused:
ob/action/go-cqhttp/DeleteGroupFile.ts, then listed again), and lists of another shape."""

import time
from datetime import UTC, datetime
from typing import Any

import pytest
from nonebug import App

from adapters import events
from adapters.actions import Done, Refused, RemoveUpload, Why
from adapters.pacing import Limiter
from tests.adapters.conftest import install
from tests.factories import make_bot


def _listed(file_id: str, name: str, uploader: int, at: int) -> dict[str, Any]:
    """A file as get_group_root_files lists it (NapCat ob/helper/data.ts, OB11Construct.file)."""
    return {"file_id": file_id, "file_name": name, "uploader": uploader, "upload_time": at}


async def test_an_upload_is_found_by_name_uploader_and_time_deleted_and_checked(
    app: App, limiter: Limiter
) -> None:
    now = int(time.time())
    at = datetime.fromtimestamp(now, UTC)
    files = [
        _listed("/old", "a.docx", 50001, now - 86400),  # the same name a day ago
        _listed("/new", "a.docx", 50001, now),
        _listed("/theirs", "a.docx", 50002, now),  # someone else's
    ]
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ask = {"group_id": 700100, "file_count": 200}
        ctx.should_call_api("get_group_root_files", ask, {"files": files, "folders": []})
        ctx.should_call_api("delete_group_file", {"group_id": 700100, "file_id": "/new"}, None)
        ctx.should_call_api("get_group_root_files", ask, {"files": files[::2], "folders": []})
        outcome = await events.platform_for(bot).perform(
            RemoveUpload(700100, "a.docx", 50001, at), key=700100
        )
    assert outcome == Done({"file_id": "/new"})


async def test_an_upload_not_listed_or_still_listed_is_refused(
    app: App, limiter: Limiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters import onebot

    monkeypatch.setattr(onebot, "FILE_LOOK_PAUSE", 0)
    now = int(time.time())
    at = datetime.fromtimestamp(now, UTC)
    mine = _listed("/f", "a.docx", 50001, now)
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        platform = events.platform_for(bot)
        ask = {"group_id": 700100, "file_count": 200}
        for _ in range(onebot.FILE_LOOKS):
            ctx.should_call_api("get_group_root_files", ask, {"files": [], "folders": []})
        missing = await platform.perform(RemoveUpload(700100, "a.docx", 50001, at))
        ctx.should_call_api("get_group_root_files", ask, {"files": [mine], "folders": []})
        ctx.should_call_api("delete_group_file", {"group_id": 700100, "file_id": "/f"}, None)
        ctx.should_call_api("get_group_root_files", ask, {"files": [mine], "folders": []})
        kept = await platform.perform(RemoveUpload(700100, "a.docx", 50001, at))
    assert isinstance(missing, Refused)
    assert missing.why is Why.GONE
    assert isinstance(kept, Refused)
    assert "仍在" in kept.message


async def test_a_list_answer_of_another_shape_holds_nothing(app: App, limiter: Limiter) -> None:
    """A null or malformed list answer is an empty list, never a crash of the caller."""
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api("get_group_list", {"no_cache": True}, None)
        ctx.should_call_api(
            "get_group_member_list", {"group_id": 700100, "no_cache": True}, ["x", 3]
        )
        platform = events.platform_for(bot)
        assert await platform.groups() == []
        assert await platform.members(700100) == []
