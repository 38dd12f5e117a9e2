"""NoneBot under nonebug, on a real SQLite file migrated with the committed migrations.

NoneBot is initialised and the plugins loaded once, when pytest starts, so that test modules
can import the plugins' pure modules at the top like any other code.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import nonebot
import pytest

from tests import accounts

DATA_DIR = Path(tempfile.mkdtemp(prefix="qungui-test-"))
ORG_FILE = Path(__file__).parent / "data" / "org.toml"
ROOT = Path(__file__).parent.parent

INIT: dict[str, Any] = {
    "driver": "~fastapi",
    "superusers": {str(accounts.SUPERUSER)},
    "command_start": {"/"},
    "command_sep": {" "},
    "log_level": "WARNING",
    "qungui_data_dir": str(DATA_DIR),
    "qungui_org_file": str(ORG_FILE),
    "qungui_send_per_second": 10_000,
    "qungui_manage_per_second": 10_000,
    "qungui_backoff_seconds": 0,
    # nonebug connects a bot per test; the catch-up's calls would cross the expected ones.
    "qungui_catch_up_messages": 0,
    "qungui_command_menu": False,  # likewise Telegram's setMyCommands on connect
    # Tests run the deadline re-check themselves; the scheduled one must not fire mid-test.
    "qungui_card_recheck_seconds": 86_400,
}


def pytest_configure(config: pytest.Config) -> None:
    from adapters.onebot_queue import Adapter
    from core import runtime
    from core.org import load_org
    from core.settings import load_settings
    from models.db import close_db, migrate, open_db

    nonebot.init(**INIT)
    settings = load_settings()
    runtime.install(settings, load_org(ORG_FILE))
    driver = nonebot.get_driver()
    driver.register_adapter(Adapter)

    @driver.on_startup
    async def _open() -> None:
        await migrate(settings.db_url)
        await open_db(settings.db_url)

    driver.on_shutdown(close_db)  # registered first, so it runs after every plugin's shutdown
    nonebot.load_from_toml(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="session", autouse=True)
def _nonebot_init() -> None:
    """Replaces nonebug's own: NoneBot is already initialised by `pytest_configure`."""
    from nonebot.matcher import matchers
    from nonebug.provider import NoneBugProvider

    matchers.set_provider(NoneBugProvider)


@pytest.fixture(autouse=True)
def _nonebug_knows_dispatched(monkeypatch: pytest.MonkeyPatch) -> None:
    from core import dispatch
    from tests.factories import mark_for_nonebug

    for matcher in dispatch.registered():
        mark_for_nonebug(matcher, monkeypatch)


class _Everyone(frozenset[int]):
    """A friend list that holds every account."""

    def __contains__(self, item: object) -> bool:
        return True


def known_account() -> None:
    """The test bot's account as most tests want it: the owner of the test groups and a friend
    of everyone in the organisation, so a private notice goes direct and no role is asked for.
    Tests of a bot that is only an admin, or of non-friends, set their own (tests.factories)."""
    from adapters import events
    from adapters.account import Account
    from adapters.pacing import Limiter
    from core import reach

    account = Account(Limiter(10_000, 10_000, 0), roles={accounts.GROUP: "owner"})
    account.roles[accounts.OTHER_GROUP] = "owner"
    account.roles[700300] = "owner"  # the third group some measures tests file
    account.set_friends(_Everyone(), now=float("inf"))
    events._accounts.clear()
    for adapter in ("fake", "OneBot V11"):  # nonebug's bots run on an adapter named "fake"
        events._accounts[f"{adapter}:{accounts.SELF}"] = account
    reach.forget()


@pytest.fixture(autouse=True)
async def clean_db(nonebug_init: None) -> None:
    """Every test starts from empty tables (units mirrored from the organisation file) and an
    empty anchor log.

    The scheduler is paused: a test runs a job by calling it, never by the clock.
    """
    from nonebot_plugin_apscheduler import scheduler

    from core import runtime
    from models.broadcast import Broadcast, BroadcastTarget
    from models.clearance import (
        ClearanceBatch,
        ClearanceItem,
        ClearanceSetting,
        Exemption,
        MemberSeen,
        WeeklyRun,
    )
    from models.cluster import AccountLink, AccountOnline, EventClaim, JobLease, Node
    from models.handover import Handover
    from models.ids import PlatformId
    from models.measures import (
        AuditAnchor,
        BlacklistEntry,
        BlacklistRequest,
        MeasureRecord,
        Sweep,
    )
    from models.members import KnownMember
    from models.realname import (
        AccountBinding,
        CardDeadline,
        JoinQuestion,
        RealnameSetting,
        RosterImport,
        RosterPerson,
    )
    from models.registry import ActivityDay, DutySwitch, Group, RegisteredAdmin, Unit
    from plugins.measures import blacklist, presence
    from plugins.realname import store as realname_store
    from plugins.registry import activity, store

    for model in (
        *(ClearanceItem, ClearanceBatch, ClearanceSetting, Exemption, MemberSeen, WeeklyRun),
        Handover,
        *(CardDeadline, RealnameSetting, RosterImport, RosterPerson),
        *(ActivityDay, DutySwitch, RegisteredAdmin, Group, MeasureRecord, BlacklistEntry),
        *(BlacklistRequest, Sweep),
        AuditAnchor,
        *(AccountLink, AccountOnline, EventClaim, JobLease, Node),
        *(BroadcastTarget, Broadcast),
        *(KnownMember, JoinQuestion, AccountBinding, PlatformId),
    ):
        await model.all().delete()
    runtime.settings().audit_anchor_file.unlink(missing_ok=True)
    from plugins.measures import journal

    journal.path().unlink(missing_ok=True)
    journal.forget()
    await Unit.all().delete()
    await store.sync_units(runtime.org())
    store.forget_cache()
    realname_store.forget_cache()
    blacklist.forget_cache()
    presence.forget()
    activity.forget()
    known_account()
    from adapters import telegram_edge, telegram_people
    from core import accounts as bot_accounts
    from core import ids as platform_ids
    from core import members as known_members

    bot_accounts.forget()
    known_members.forget()
    platform_ids.forget()
    telegram_people.forget()
    telegram_edge.forget()
    if scheduler.running:
        scheduler.pause()
    await asyncio.sleep(0)
