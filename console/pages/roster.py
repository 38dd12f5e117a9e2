"""The roster page (department only, as `manage.py roster import` is the department's): upload
an .xlsx or .csv, see the dry run, then commit exactly that.

The dry run is plugins.realname.roster_admin.plan_file: who is added, who changed (and what), who
is marked 調離 (with a unit: that unit's whole roster). Names are shown, accounts masked. The
uploaded bytes stay in this process's memory under a random token bound to the session, for
`UPLOAD_SECONDS`; the commit imports those bytes with import_bytes, once, and only while the
plan they give is still the one previewed (else the new plan is shown again). A bad row is
named (`第3行：缺少姓名`) and nothing changes. An import is recorded as the command line records
it: a RosterImport row (when, file, unit, counts); like the command line, it writes no measure.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from console.people import Viewer
from core import runtime
from models.realname import RosterImport
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.realname import texts as realname_texts
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_admin import import_bytes, plan_file
from plugins.realname.roster_file import MAX_FILE_BYTES, RosterFileError
from plugins.realname.store import ImportPlan
from plugins.realname.wording import street_time
from plugins.registry.people import masked_account
from plugins.scanner.redact import redact

router = APIRouter()
UPLOAD_SECONDS = 15 * 60.0
SHOWN = 500  # people listed per part of the dry run; the counts are always whole


@dataclass(frozen=True)
class Upload:
    sid: str
    at: float
    data: bytes
    filename: str
    unit: str | None
    plan: ImportPlan


_uploads: dict[str, Upload] = {}


def _keep(upload: Upload) -> str:
    now = web.now()
    for old in [k for k, u in _uploads.items() if u.at + UPLOAD_SECONDS < now]:
        del _uploads[old]
    token = secrets.token_urlsafe(24)
    _uploads[token] = upload
    return token


def _taken(token: str, sid: str) -> Upload | None:
    """The upload `token` names, when this session made it and it has not expired (taken once)."""
    found = _uploads.get(token)
    if found is None or found.sid != sid or found.at + UPLOAD_SECONDS < web.now():
        return None
    return _uploads.pop(token)


@dataclass(frozen=True)
class Person:
    name: str
    account: str  # masked
    unit: str
    status: str
    changes: tuple[tuple[str, str, str], ...] = ()  # (what, old, new)


def _person(e: RosterEntry) -> Person:
    return Person(e.name, masked_account(e.account), e.unit, e.status)


FIELDS = (
    ("unit", texts.UNIT),
    ("name", texts.ROSTER_NAME),
    ("status", texts.ROSTER_STATUS),
    ("note", texts.ROSTER_NOTE),
)


def _changes(old: RosterEntry, new: RosterEntry) -> tuple[tuple[str, str, str], ...]:
    found = []
    for field, label in FIELDS:
        before, after = str(getattr(old, field)), str(getattr(new, field))
        if before != after:
            if field == "note":
                before, after = redact(before), redact(after)
            found.append((label, before, after))
    return tuple(found)


@dataclass(frozen=True)
class Preview:
    added: list[Person]
    changed: list[Person]
    leaving: list[Person]
    counts: tuple[int, int, int, int]  # added, changed, unchanged, departed

    @property
    def has_changes(self) -> bool:
        return any((self.counts[0], self.counts[1], self.counts[3]))


def preview(plan: ImportPlan) -> Preview:
    r = plan.result
    changed = [
        Person(
            c.new.name,
            masked_account(c.new.account),
            c.new.unit,
            c.new.status,
            _changes(c.old, c.new),
        )
        for c in plan.diff.changed[:SHOWN]
    ]
    return Preview(
        [_person(e) for e in plan.diff.added[:SHOWN]],
        changed,
        [_person(e) for e in plan.leaving[:SHOWN]],
        (r.added, r.changed, r.unchanged, r.departed),
    )


def _department(request: Request) -> Viewer:
    viewer = web.logged_in(request)
    if not viewer.department:
        raise web.Refusal(403, texts.ROSTER_DEPARTMENT_ONLY)
    return viewer


async def _recent() -> list[RosterImport]:
    return await RosterImport.all().order_by("-id").limit(10)


def _page(request: Request, status: int = 200, **context: object) -> Response:
    return web.page(request, "roster.html", status=status, **context)


@router.get("/roster")
async def roster(request: Request) -> Response:
    _department(request)
    said = _said.pop(web.session_of(request).sid, "")
    return _page(
        request, units=_units(), recent=await _recent(), said=said, when=street_time, unit=""
    )


def _units() -> list[str]:
    return [u.name for u in runtime.org().units]


@router.post("/roster/preview")
async def upload(request: Request) -> Response:
    data = await web.form(request)  # the CSRF token first: a refused form changes nothing
    _department(request)
    file = data.get("file")
    unit = str(data.get("unit", "")).strip() or None
    base: dict[str, Any] = {
        "units": _units(),
        "recent": await _recent(),
        "when": street_time,
        "unit": unit or "",
    }
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(request, status=400, error=texts.ROSTER_NO_FILE, **base)
    content = await file.read(MAX_FILE_BYTES + 1)
    filename = file.filename.replace("\\", "/").rsplit("/", 1)[-1][-200:]
    try:
        plan = await plan_file(content, filename, runtime.org(), unit)
    except RosterFileError as exc:
        return _page(request, status=400, error=realname_texts.roster_refused(str(exc)), **base)
    token = _keep(Upload(web.session_of(request).sid, web.now(), content, filename, unit, plan))
    return _page(request, plan=preview(plan), token=token, filename=filename, **base)


@router.post("/roster/commit")
async def commit(request: Request) -> Response:
    data = await web.form(request)
    _department(request)
    base: dict[str, Any] = {"units": _units(), "when": street_time}
    found = _taken(str(data.get("token", "")), web.session_of(request).sid)
    if found is None:
        return _page(
            request, status=409, error=texts.ROSTER_EXPIRED, recent=await _recent(), unit="", **base
        )
    org = runtime.org()
    try:
        again = await plan_file(found.data, found.filename, org, found.unit)
        if again != found.plan:  # the roster changed since the preview: show what it would be now
            token = _keep(
                Upload(found.sid, web.now(), found.data, found.filename, found.unit, again)
            )
            return _page(
                request,
                status=409,
                error=texts.ROSTER_CHANGED_MEANWHILE,
                plan=preview(again),
                token=token,
                filename=found.filename,
                recent=await _recent(),
                unit=found.unit or "",
                **base,
            )
        result = await import_bytes(found.data, found.filename, org, found.unit)
    except RosterFileError as exc:  # the organisation file changed meanwhile
        error = realname_texts.roster_refused(str(exc))
        return _page(request, status=400, error=error, recent=await _recent(), unit="", **base)
    counts = (result.added, result.changed, result.unchanged, result.departed)
    if result.has_changes:
        await _on_record(web.logged_in(request).account, found.filename, found.unit, counts)
    told = (
        realname_texts.roster_imported(*counts)
        if result.has_changes
        else realname_texts.roster_unchanged(result.unchanged)
    )
    _said[web.session_of(request).sid] = told
    return web.see_other(request, f"{web.PREFIX}/roster")


async def _on_record(by: int, filename: str, unit: str | None, counts: tuple[int, ...]) -> None:
    """The import in the measures chain, the console user its actor (the CLI's are not: they
    are made on the bot's machine, outside any account)."""
    added, changed, _, departed = counts
    detail = {"file": filename[-100:], "added": added, "changed": changed, "departed": departed}
    book = runtime.rulebook()  # the roster serves the real-name duty, where the rulebook has it
    article = book.article_of("realname" if book.binds("realname") else "filing")
    imported = Measure(
        kind="roster_import", article=article, action=None, actor=by, unit=unit or "", detail=detail
    )
    await carry_out(None, imported)


_said: dict[str, str] = {}  # the import's outcome, shown once on the page the commit leads to


PAGE = Page(key="roster", title=texts.ROSTER, path="/roster", router=router, department_only=True)
