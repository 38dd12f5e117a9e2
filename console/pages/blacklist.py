"""The blacklist page: the active entries, and the requests from group admins waiting for a
decision, with 確認 / 駁回 for those the viewer may decide.

Who sees and decides what mirrors /確認拉黑 and /駁回拉黑 (COMMANDS.md): the department every
entry and request, a unit leader those made in the unit's groups. A decision goes through
plugins.measures.ban_decisions, as the chat commands do: a confirmation is a measure on record
with the console user as actor, sweeps the account out of every managed group, and the requester,
the unit's leaders and the street are told. Accounts are masked and reasons redacted, as the bot
shows them to the department.
"""

from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from console.people import Viewer
from core.accounts import any_platform, platform_for_group
from models.measures import BlacklistEntry, BlacklistRequest, RequestStatus
from models.registry import Group
from plugins.measures import ban_decisions, store
from plugins.measures import texts as measure_texts
from plugins.realname.wording import street_time
from plugins.registry.people import masked_account
from plugins.scanner.redact import redact

router = APIRouter()


@dataclass(frozen=True)
class EntryRow:
    id: int
    account: str  # masked
    reason: str  # redacted
    group_id: int | None
    group_name: str
    unit: str
    added: str


@dataclass(frozen=True)
class RequestRow:
    id: int
    account: str
    reason: str
    group_id: int
    group_name: str
    unit: str
    requested_by: str
    requested: str
    decides: bool  # the viewer may decide it


async def _groups(keys: set[tuple[str, int]]) -> dict[tuple[str, int], Group]:
    ids = {g for _, g in keys}
    found = await Group.filter(group_id__in=ids).prefetch_related("unit") if ids else []
    return {(g.platform, g.group_id): g for g in found if (g.platform, g.group_id) in keys}


async def entries_for(viewer: Viewer) -> list[EntryRow]:
    entries = await BlacklistEntry.filter(lifted_at=None).order_by("-id")
    groups = await _groups({(e.platform, e.source_group) for e in entries if e.source_group})
    rows = []
    for e in entries:
        group = groups.get((e.platform, e.source_group or 0))
        unit = group.unit.name if group is not None else ""
        if not viewer.department and unit not in viewer.units:
            continue
        rows.append(
            EntryRow(
                e.id,
                masked_account(e.user_id),
                redact(e.reason),
                e.source_group,
                redact(group.name) if group is not None else "",
                unit,
                street_time(e.added_at),
            )
        )
    return rows


async def requests_for(viewer: Viewer) -> list[RequestRow]:
    pending = await BlacklistRequest.filter(status=RequestStatus.PENDING).order_by("id")
    groups = await _groups({(r.platform, r.group_id) for r in pending})
    rows = []
    for r in pending:
        if not viewer.sees(r.unit):
            continue
        group = groups.get((r.platform, r.group_id))
        rows.append(
            RequestRow(
                r.id,
                masked_account(r.user_id),
                redact(r.reason),
                r.group_id,
                redact(group.name) if group is not None else "",
                r.unit,
                masked_account(r.requested_by),
                street_time(r.requested_at),
                _decides(viewer, r),
            )
        )
    return rows


def _decides(viewer: Viewer, request: BlacklistRequest) -> bool:
    return ban_decisions.may_decide(request, department=viewer.department, led_units=viewer.units)


@router.get("/blacklist")
async def blacklist(request: Request) -> Response:
    viewer = web.logged_in(request)
    return web.page(
        request,
        "blacklist.html",
        entries=await entries_for(viewer),
        requests=await requests_for(viewer),
        said=_told(web.session_of(request).sid),
    )


@router.post("/blacklist/requests/{number}/decide")
async def decide(request: Request, number: int) -> Response:
    data = await web.form(request)  # the CSRF token first: a refused form changes nothing
    viewer = web.logged_in(request)
    confirm = data.get("decision") == "confirm"
    reason = redact(str(data.get("reason", "")).strip())
    if not confirm and not reason:
        raise web.Refusal(400, texts.REASON_NEEDED)
    found = await store.find_request(number)
    if found is None:
        raise web.Refusal(404, texts.NOT_FOUND)
    if not _decides(viewer, found):
        raise web.Refusal(403, measure_texts.request_other_unit(found.id, found.unit))
    problem = ban_decisions.refusal(
        found, department=viewer.department, led_units=viewer.units, reason=reason
    )
    if problem is not None:
        raise web.Refusal(409, problem)
    port = platform_for_group(found.platform, found.group_id) or any_platform(found.platform)
    if port is None:
        raise web.Refusal(503, texts.NO_ACCOUNT_ONLINE)
    told: list[str] = []

    async def answer(text: str) -> None:
        told.append(text)

    if confirm:
        decided = await ban_decisions.confirm(port, found, viewer.account, answer)
    else:
        decided = await ban_decisions.reject(port, found, viewer.account, reason, answer)
    if decided.refused is not None:
        raise web.Refusal(409, decided.refused)
    _tell(web.session_of(request).sid, "\n".join(told))
    return web.see_other(request, f"{web.PREFIX}/blacklist")


# What the decider was told (the chat command's reply), shown once on the page the decision
# leads to: by session, for a minute.
_said: dict[str, tuple[float, str]] = {}
SAID_SECONDS = 60.0


def _tell(sid: str, text: str) -> None:
    now = web.now()
    for old in [k for k, (at, _) in _said.items() if at + SAID_SECONDS < now]:
        del _said[old]
    _said[sid] = (now, text)


PAGE = Page(key="blacklist", title=texts.BLACKLIST, path="/blacklist", router=router)


def _told(sid: str) -> str:
    at, text = _said.pop(sid, (0.0, ""))
    return text if at + SAID_SECONDS >= web.now() else ""
