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
    # Tests run the deadline re-check themselves; the scheduled one must not fire mid-test.
    "qungui_card_recheck_seconds": 86_400,
}


def pytest_configure(config: pytest.Config) -> None:
    from nonebot.adapters.onebot.v11 import Adapter

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


@pytest.fixture(autouse=True)
async def clean_db(nonebug_init: None) -> None:
    """Every test starts from empty tables (units mirrored from the organisation file) and an
    empty anchor log.

    The scheduler is paused: a test runs a job by calling it, never by the clock.
    """
    from nonebot_plugin_apscheduler import scheduler

    from core import runtime
    from models.clearance import (
        ClearanceBatch,
        ClearanceItem,
        ClearanceSetting,
        Exemption,
        MemberSeen,
        WeeklyRun,
    )
    from models.handover import Handover
    from models.measures import AuditAnchor, BlacklistEntry, MeasureRecord
    from models.realname import CardDeadline, RealnameSetting, RosterImport, RosterPerson
    from models.registry import ActivityDay, DutySwitch, Group, RegisteredAdmin, Unit
    from plugins.realname import store as realname_store
    from plugins.registry import activity, store

    for model in (
        *(ClearanceItem, ClearanceBatch, ClearanceSetting, Exemption, MemberSeen, WeeklyRun),
        Handover,
        *(CardDeadline, RealnameSetting, RosterImport, RosterPerson),
        *(ActivityDay, DutySwitch, RegisteredAdmin, Group, MeasureRecord, BlacklistEntry),
        AuditAnchor,
    ):
        await model.all().delete()
    runtime.settings().audit_anchor_file.unlink(missing_ok=True)
    await Unit.all().delete()
    await store.sync_units(runtime.org())
    store.forget_cache()
    realname_store.forget_cache()
    activity.forget()
    if scheduler.running:
        scheduler.pause()
    await asyncio.sleep(0)
