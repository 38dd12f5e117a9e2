"""The incidents page: those needing a person first, the rest newest first and paged, evidence
masked, and a unit leader reading only the unit's."""

import re

import pytest

from console.pages import incidents as incidents_page
from core.rulebook import DEFAULT_FILE, load_rulebook
from models.measures import MeasureRecord, RecordStatus
from models.rulebooks import keep_edition
from plugins.measures import store
from plugins.measures.measure import Measure
from tests import accounts
from tests.console.client import console_as
from tests.rulebooks import install, second

SECRET = "110101199003077571"  # an ID number: masked wherever it is shown


async def recorded(unit: str, status: RecordStatus, *, group_id: int, reason: str = "") -> int:
    record = await store.open_record(
        Measure(
            kind="recall",
            article=11,
            action=None,
            group_id=group_id,
            unit=unit,
            evidence="機****年",
            reason=reason,
        )
    )
    await store.seal(record, status, f"answer {status.value}")
    return int(record.id)


async def test_the_department_sees_every_unit_failed_first_and_nothing_unmasked() -> None:
    done = await recorded("XX社區", RecordStatus.DONE, group_id=accounts.GROUP, reason=SECRET)
    failed = await recorded("XX村", RecordStatus.FAILED, group_id=accounts.OTHER_GROUP)
    later = await recorded("XX社區", RecordStatus.DONE, group_id=accounts.GROUP)
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/incidents")
    assert page.status_code == 200
    html = page.text
    attention = html.split('id="attention"')[1].split('id="recent"')[0]
    assert f'id="incident-{failed}"' in attention
    assert f'id="incident-{done}"' not in attention
    recent = html.split('id="recent"')[1]
    assert recent.index(f'id="incident-{later}"') < recent.index(f'id="incident-{done}"')
    assert "機****年" in html
    assert "answer failed" in html
    assert "未執行" in html  # the status as an admin reads it
    assert "撤回" in html
    assert SECRET not in html
    assert f'href="/console/group/qq/{accounts.OTHER_GROUP}"' in html
    assert 'id="next-page"' not in html


async def test_a_unit_leader_sees_only_the_units_incidents() -> None:
    ours = await recorded("XX社區", RecordStatus.UNCONFIRMED, group_id=accounts.GROUP)
    theirs = await recorded("XX村", RecordStatus.FAILED, group_id=accounts.OTHER_GROUP)
    theirs_done = await recorded("XX村", RecordStatus.DONE, group_id=accounts.OTHER_GROUP)
    async with console_as(accounts.LEADER) as client:
        page = await client.get("/console/incidents")
    assert page.status_code == 200
    assert f'id="incident-{ours}"' in page.text
    assert f'id="incident-{theirs}"' not in page.text
    assert f'id="incident-{theirs_done}"' not in page.text
    assert "/console/health" not in page.text  # not in a unit leader's navigation
    assert "/console/incidents" in page.text


async def test_the_next_page_starts_before_the_last_one_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(incidents_page, "PAGE_SIZE", 2)
    ids = [await recorded("XX社區", RecordStatus.DONE, group_id=accounts.GROUP) for _ in range(5)]
    async with console_as(accounts.DEPARTMENT) as client:
        first = await client.get("/console/incidents")
        link = re.search(r'id="next-page" href="([^"]+)"', first.text)
        assert link is not None
        second = await client.get(link.group(1))
        bad = await client.get("/console/incidents?before=x")
    shown = [int(i) for i in re.findall(r'id="incident-(\d+)"', first.text)]
    assert shown == ids[:-3:-1]
    assert link.group(1) == f"/console/incidents?before={ids[-2]}"
    assert [int(i) for i in re.findall(r'id="incident-(\d+)"', second.text)] == ids[-3:-5:-1]
    assert 'id="first-page"' in second.text
    assert 'id="attention"' not in second.text  # the top of the first page only
    assert bad.status_code == 400
    assert await MeasureRecord.all().count() == 5


async def test_nobody_logged_in_goes_to_the_login_page() -> None:
    async with console_as(None) as client:
        page = await client.get("/console/incidents")
    assert page.status_code == 303
    assert "/console/login" in page.headers["location"]


async def test_a_record_made_under_another_rulebook_says_which(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    book = second(monkeypatch)  # the record is made under it, then the default is in force
    older = await recorded("XX社區", RecordStatus.DONE, group_id=accounts.GROUP)
    await keep_edition(book.digest, book.title, book.source)
    install(monkeypatch, load_rulebook(DEFAULT_FILE))
    current = await recorded("XX社區", RecordStatus.DONE, group_id=accounts.GROUP)
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/incidents")
    rows = {int(n): row for n, row in re.findall(r'id="incident-(\d+)"(.*?)</tr>', page.text, re.S)}
    assert "（依《YY街道工作群組管理規定（試行）》）" in rows[older]
    assert "依《" not in rows[current]
