"""The audit page (the department only): the chain head, and `audit verify`'s verdict on demand.

Verifying recomputes every record's seal: seconds for a chain of 100,000 records. So the page
shows the head at once and verifies when 開始核驗 is posted (with the form's CSRF token), one
verification at a time, in a thread of its own with its own event loop and its own database
connection (plugins.measures.audit.verify opens one through models.db.connected): the bot keeps
answering its groups meanwhile, and its own connection is neither used nor closed.
"""

import asyncio
import time
from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from core import runtime
from models.measures import MeasureRecord
from plugins.measures.audit import verify
from plugins.measures.keyfile import AuditFileError
from plugins.measures.verify import Verdict

router = APIRouter()
_one_at_a_time = asyncio.Lock()


@dataclass(frozen=True)
class Head:
    count: int
    id: int | None
    digest: str  # the first 12 hex digits, as `audit verify` prints them


@dataclass(frozen=True)
class Checked:
    verdict: Verdict | None  # None: the key could not be read
    problem: str
    seconds: float


async def head() -> Head:
    count = await MeasureRecord.all().count()
    last = await MeasureRecord.all().order_by("-id").only("id", "digest").first()
    return Head(count, last.id if last else None, last.digest[:12] if last else "")


def _verify_apart() -> Verdict:
    """`verify` on an event loop of this thread's own (never the bot's)."""
    settings = runtime.settings()
    return asyncio.run(
        verify(settings.db_url, settings.audit_key_file, settings.audit_anchor_file, None)
    )


async def check() -> Checked:
    async with _one_at_a_time:
        started = time.monotonic()
        try:
            verdict = await asyncio.to_thread(_verify_apart)
        except AuditFileError as exc:
            return Checked(None, str(exc), time.monotonic() - started)
        return Checked(verdict, "", time.monotonic() - started)


def _viewer_is_department(request: Request) -> None:
    if not web.logged_in(request).department:
        raise web.Refusal(403, texts.AUDIT_ONLY)


@router.get("/audit")
async def audit_page(request: Request) -> Response:
    _viewer_is_department(request)
    return web.page(request, "audit.html", head=await head(), checked=None)


@router.post("/audit")
async def audit_verify(request: Request) -> Response:
    await web.form(request)  # the CSRF token first
    _viewer_is_department(request)
    checked = await check()
    return web.page(request, "audit.html", head=await head(), checked=checked)


PAGE = Page(key="audit", title=texts.AUDIT, path="/audit", router=router, department_only=True)
