"""The blacklist and roster pages in-process: scope, masking, CSRF, and decisions and imports
through the same services as the chat commands and the command line."""

from collections.abc import AsyncIterator

import httpx
import pytest
from nonebug import App

from models.measures import (
    BlacklistEntry,
    BlacklistRequest,
    MeasureRecord,
    RecordStatus,
    RequestStatus,
)
from models.realname import RosterImport, RosterPerson, RosterStatus
from plugins.measures import texts as measure_texts
from plugins.registry.people import masked_account
from tests import accounts
from tests.console.client import csrf_for, new_client
from tests.factories import expect_private_send, make_bot
from tests.plugins.measures.helpers import expect_kick, expect_lookup, requested
from tests.plugins.registry.helpers import filed_group


class Console:
    """A browser of its own, logged in as `account`, with its session's CSRF token."""

    def __init__(self, clients: list[httpx.AsyncClient], account: int) -> None:
        self.client = new_client(account)
        clients.append(self.client)
        self.csrf = csrf_for(account)

    async def get(self, path: str) -> httpx.Response:
        return await self.client.get(path)

    async def post(
        self,
        path: str,
        data: dict[str, str],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> httpx.Response:
        return await self.client.post(path, data=data, files=files)


@pytest.fixture
async def client() -> AsyncIterator[list[httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []
    yield clients
    for c in clients:
        await c.aclose()


async def _two_requests() -> tuple[BlacklistRequest, BlacklistRequest]:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    ours = await requested(reason="發廣告 13800138000")
    theirs = await requested(60001, accounts.OTHER_GROUP, "XX村", accounts.OWNER)
    return ours, theirs


async def test_the_department_sees_every_request_masked(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    ours, theirs = await _two_requests()
    await BlacklistEntry.create(user_id=60009, reason="詐騙", source_group=accounts.GROUP)
    page = (await Console(client, accounts.DEPARTMENT).get("/console/blacklist")).text
    assert f'id="request-{ours.id}"' in page
    assert f'id="request-{theirs.id}"' in page
    assert masked_account(accounts.MEMBER) in page
    assert str(accounts.MEMBER) not in page
    assert "13800138000" not in page  # the reason is redacted
    assert masked_account(60009) in page
    assert "詐騙" in page
    assert 'class="confirm"' in page


async def test_a_unit_leader_sees_and_decides_only_the_units_requests(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    ours, theirs = await _two_requests()
    await BlacklistEntry.create(user_id=60009, reason="詐騙", source_group=accounts.OTHER_GROUP)
    leader = Console(client, accounts.LEADER)
    page = (await leader.get("/console/blacklist")).text
    assert f'id="request-{ours.id}"' in page
    assert f'id="request-{theirs.id}"' not in page
    assert masked_account(60009) not in page  # an entry made in another unit's group
    answer = await leader.post(
        f"/console/blacklist/requests/{theirs.id}/decide",
        {"csrf": leader.csrf, "decision": "reject", "reason": "不對"},
    )
    assert answer.status_code == 403
    assert measure_texts.request_other_unit(theirs.id, "XX村") in answer.text
    await theirs.refresh_from_db()
    assert theirs.status == RequestStatus.PENDING


async def test_a_decision_without_its_csrf_token_changes_nothing(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    ours, _ = await _two_requests()
    department = Console(client, accounts.DEPARTMENT)
    url = f"/console/blacklist/requests/{ours.id}/decide"
    assert (await department.post(url, {"decision": "confirm"})).status_code == 403
    assert (
        await department.post(url, {"decision": "confirm", "csrf": "0" * 64})
    ).status_code == 403
    await ours.refresh_from_db()
    assert ours.status == RequestStatus.PENDING
    assert await BlacklistEntry.all().count() == 0


async def test_the_console_confirms_as_the_chat_command_does(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    """The same calls as test_ban_requests' /確認拉黑, the console user as actor."""
    await filed_group()
    request = await requested()
    department = Console(client, accounts.DEPARTMENT)
    async with app.test_matcher() as ctx:
        make_bot(ctx)
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.GROUP, accounts.MEMBER)
        expect_private_send(ctx, accounts.ADMIN, measure_texts.requester_approved(request.id, 1))
        notice = measure_texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.DEPARTMENT, accounts.MEMBER, "發廣告", 1, 0
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)
        answer = await department.post(
            f"/console/blacklist/requests/{request.id}/decide",
            {"csrf": department.csrf, "decision": "confirm"},
        )
        assert answer.status_code == 303
    page = (await department.get("/console/blacklist")).text
    assert measure_texts.request_approved(request.id, 1, 0, False) in page
    assert f'id="request-{request.id}"' not in page
    await request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, accounts.DEPARTMENT)
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.actor, r.status) for r in rows] == [
        ("blacklist", accounts.DEPARTMENT, RecordStatus.DONE),
        ("kick", accounts.DEPARTMENT, RecordStatus.DONE),
    ]
    again = await department.post(
        f"/console/blacklist/requests/{request.id}/decide",
        {"csrf": department.csrf, "decision": "confirm"},
    )
    assert again.status_code == 409


async def test_a_rejection_needs_a_reason_and_tells_the_requester(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    await filed_group()
    request = await requested()
    leader = Console(client, accounts.LEADER)
    url = f"/console/blacklist/requests/{request.id}/decide"
    assert (await leader.post(url, {"csrf": leader.csrf, "decision": "reject"})).status_code == 400
    async with app.test_matcher() as ctx:
        make_bot(ctx)
        told = measure_texts.requester_rejected(request.id, "證據不足")
        expect_private_send(ctx, accounts.ADMIN, told)
        data = {"csrf": leader.csrf, "decision": "reject", "reason": "證據不足"}
        assert (await leader.post(url, data)).status_code == 303
    await request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_reason) == (
        RequestStatus.REJECTED,
        accounts.LEADER,
        "證據不足",
    )
    assert await BlacklistEntry.all().count() == 0


# --- the roster -------------------------------------------------------------------------------

GOOD = "單位,姓名,帳號,狀態,備註\nXX社區,張三,50001,在崗,\nXX社區,李四,40001,在崗,網格員\n"
BAD = "單位,姓名,帳號,狀態,備註\nXX社區,張三,50001,在崗,\nXX社區,,40001,在崗,\n"


async def _upload(console: Console, text: str, unit: str = "", **extra: str) -> httpx.Response:
    files = {"file": ("roster.csv", text.encode(), "text/csv")}
    data = {"csrf": console.csrf, "unit": unit, **extra}
    return await console.post("/console/roster/preview", data, files=files)


def _token(page: str) -> str:
    import re

    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found is not None, page
    return found.group(1)


async def test_the_roster_is_the_department_s(app: App, client: list[httpx.AsyncClient]) -> None:
    leader = Console(client, accounts.LEADER)
    assert (await leader.get("/console/roster")).status_code == 403
    assert (await _upload(leader, GOOD)).status_code == 403
    assert await RosterPerson.all().count() == 0
    assert "/console/roster" not in (await leader.get("/console/blacklist")).text  # not in the nav


async def test_an_upload_without_its_csrf_token_is_refused(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    department = Console(client, accounts.DEPARTMENT)
    files = {"file": ("roster.csv", GOOD.encode(), "text/csv")}
    answer = await department.post("/console/roster/preview", {"unit": ""}, files=files)
    assert answer.status_code == 403


async def test_a_bad_row_is_named_and_nothing_changes(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    department = Console(client, accounts.DEPARTMENT)
    answer = await _upload(department, BAD)
    assert answer.status_code == 400
    assert "第3行：缺少姓名" in answer.text
    assert 'name="token"' not in answer.text
    assert await RosterPerson.all().count() == 0
    assert await RosterImport.all().count() == 0


async def test_the_dry_run_shows_the_diff_and_the_commit_imports_it(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    await RosterPerson.create(unit="XX社區", name="張三", account=50001, status=RosterStatus.ACTIVE)
    await RosterPerson.create(unit="XX社區", name="王五", account=40002, status=RosterStatus.ACTIVE)
    department = Console(client, accounts.DEPARTMENT)
    changed = GOOD.replace("張三,50001,在崗", "張三,50001,調離")
    page = (await _upload(department, changed, unit="XX社區")).text
    assert "新增 1 人，更新 1 人，未變 0 人，標記調離 1 人" in page
    assert "李四" in page
    assert masked_account(40001) in page
    assert "40001" not in page
    assert "王五" in page  # left out of the unit's whole roster: 調離
    assert '在崗</span> → <span class="diff-new">調離' in page
    assert await RosterPerson.filter(status=RosterStatus.DEPARTED).count() == 0  # a dry run

    other = Console(client, accounts.SUPERUSER)  # another session may not commit it
    token = _token(page)
    refused = await other.post("/console/roster/commit", {"csrf": other.csrf, "token": token})
    assert refused.status_code == 409
    assert (await department.post("/console/roster/commit", {"token": token})).status_code == 403

    done = await department.post(
        "/console/roster/commit", {"csrf": department.csrf, "token": token}
    )
    assert done.status_code == 303
    people = {p.account: (p.name, p.status) for p in await RosterPerson.all()}
    assert people == {
        50001: ("張三", RosterStatus.DEPARTED),
        40001: ("李四", RosterStatus.ACTIVE),
        40002: ("王五", RosterStatus.DEPARTED),
    }
    record = await RosterImport.get()
    assert (record.source, record.unit, record.added, record.changed, record.departed) == (
        "roster.csv",
        "XX社區",
        1,
        1,
        1,
    )
    assert "名冊已導入" in (await department.get("/console/roster")).text
    (imported,) = await MeasureRecord.filter(action="roster_import")  # in the chain, by whom
    assert (imported.actor, imported.unit, imported.detail["added"]) == (
        accounts.DEPARTMENT,
        "XX社區",
        1,
    )
    again = await department.post(
        "/console/roster/commit", {"csrf": department.csrf, "token": token}
    )
    assert again.status_code == 409  # taken once
    assert await RosterImport.all().count() == 1


async def test_a_roster_changed_since_the_dry_run_is_previewed_again(
    app: App, client: list[httpx.AsyncClient]
) -> None:
    department = Console(client, accounts.DEPARTMENT)
    token = _token((await _upload(department, GOOD)).text)
    await RosterPerson.create(unit="XX社區", name="張三", account=50001, status=RosterStatus.ACTIVE)
    answer = await department.post(
        "/console/roster/commit", {"csrf": department.csrf, "token": token}
    )
    assert answer.status_code == 409
    assert "新增 1 人，更新 0 人，未變 1 人" in answer.text
    assert await RosterPerson.all().count() == 1
    fresh = _token(answer.text)
    done = await department.post(
        "/console/roster/commit", {"csrf": department.csrf, "token": fresh}
    )
    assert done.status_code == 303
    assert await RosterPerson.all().count() == 2
