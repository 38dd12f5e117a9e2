"""Notices to many groups from the console: picked groups previewed, refusals that change
nothing, and only the department."""

import pytest

from models.broadcast import Broadcast
from tests import accounts
from tests.console.client import console_as, csrf_for
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, without


async def test_the_department_previews_a_notice_to_the_groups_it_picked() -> None:
    await filed_group(accounts.GROUP)
    await filed_group(accounts.OTHER_GROUP, unit="XX村")
    async with console_as(accounts.DEPARTMENT) as client:
        csrf = csrf_for(accounts.DEPARTMENT)
        made = await client.post(
            "/console/notices", data={"csrf": csrf, "unit": "XX社區", "text": "週五下午開會"}
        )
        assert made.status_code == 303
        page = await client.get(made.headers["location"])
    assert page.status_code == 200
    assert f'id="target-{accounts.GROUP}"' in page.text
    assert f'id="target-{accounts.OTHER_GROUP}"' not in page.text
    assert "週五下午開會" in page.text
    assert 'id="confirm"' in page.text
    (broadcast,) = await Broadcast.all()
    assert (broadcast.asked_by, broadcast.text) == (accounts.DEPARTMENT, "週五下午開會")


async def test_a_bad_notice_is_answered_and_nothing_is_made() -> None:
    await filed_group(accounts.GROUP)
    async with console_as(accounts.DEPARTMENT) as client:
        csrf = csrf_for(accounts.DEPARTMENT)
        unpicked = await client.post("/console/notices", data={"csrf": csrf, "text": "開會"})
        marked = await client.post(
            "/console/notices", data={"csrf": csrf, "everything": "1", "text": "機密★10年 文件"}
        )
        forged = await client.post("/console/notices", data={"everything": "1", "text": "開會"})
    assert unpicked.status_code == 400
    assert "請先指定收件群組" in unpicked.text
    assert marked.status_code == 400
    assert "保密標記" in marked.text
    assert forged.status_code == 403
    assert await Broadcast.all().count() == 0


async def test_a_unit_leader_cannot_send_notices() -> None:
    async with console_as(accounts.LEADER) as client:
        page = await client.get("/console/notices")
    assert page.status_code == 403


async def test_a_rulebook_without_the_broadcast_duty_has_no_notices_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install(monkeypatch, without("broadcast"))
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/notices")
        sent = await client.post(
            "/console/notices",
            data={"csrf": csrf_for(accounts.DEPARTMENT), "everything": "1", "text": "開會"},
        )
    assert page.status_code == 404
    assert "本街道的群規未規定「群發通知」職責" in page.text
    assert sent.status_code == 404
    assert await Broadcast.all().count() == 0
