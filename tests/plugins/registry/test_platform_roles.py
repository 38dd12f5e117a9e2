"""Roles by platform: a Telegram user whose id equals a QQ number the organisation file (or
SUPERUSERS) names is someone else, and gets none of that person's rights."""

import re
from pathlib import Path
from typing import Any

import nonebot
import pytest
from nonebug import App

from adapters import onebot_events, telegram_events
from core import runtime
from core.org import Account
from plugins.registry import texts
from plugins.registry.roles import DEPARTMENT_ONLY, Role, is_protected, roles_in_event, roles_of
from tests import accounts
from tests import telegram as tg
from tests.factories import make_bot, private_msg
from tests.tg_calls import expect_send

QQ, TG = onebot_events.NAME, telegram_events.NAME
D, L, M = Role.DEPARTMENT, Role.UNIT_LEADER, Role.MEMBER
REFUSED = texts.refused([r.value for r in DEPARTMENT_ONLY])


def _roles(platform: str, user_id: int, group_unit: str | None = "XX社區") -> frozenset[Role]:
    return roles_of(
        platform,
        user_id,
        superuser=runtime.is_superuser(platform, user_id),
        platform_role=None,
        org=runtime.org(),
        group_unit=group_unit,
        registered=(),
    )


@pytest.mark.parametrize(
    ("platform", "user_id", "expected"),
    [
        pytest.param(QQ, accounts.DEPARTMENT, {D, M}, id="qq-department"),
        pytest.param(TG, accounts.DEPARTMENT, {M}, id="its-number-on-telegram"),
        pytest.param(TG, tg.DEPARTMENT, {D, M}, id="telegram-department"),
        pytest.param(QQ, tg.DEPARTMENT, {M}, id="telegram-id-on-qq"),
        pytest.param(QQ, accounts.SUPERUSER, {D, M}, id="qq-superuser"),
        pytest.param(TG, accounts.SUPERUSER, {M}, id="superuser-number-on-telegram"),
        pytest.param(QQ, accounts.LEADER, {L, M}, id="qq-leader"),
        pytest.param(TG, accounts.LEADER, {M}, id="leader-number-on-telegram"),
    ],
)
def test_roles_are_held_by_an_account_of_a_platform(
    platform: str, user_id: int, expected: set[Role]
) -> None:
    assert _roles(platform, user_id) == frozenset(expected)


@pytest.mark.parametrize(
    ("platform", "user_id", "expected"),
    [
        (QQ, accounts.DEPARTMENT, True),
        (TG, accounts.DEPARTMENT, False),
        (TG, tg.DEPARTMENT, True),
        (QQ, accounts.SUPERUSER, True),
        (TG, accounts.SUPERUSER, False),
        (QQ, accounts.OTHER_LEADER, True),
        (TG, accounts.OTHER_LEADER, False),
    ],
)
def test_protection_is_by_platform_too(platform: str, user_id: int, expected: bool) -> None:
    assert is_protected(platform, user_id) is expected


def test_superusers_are_read_as_the_organisation_file_writes_accounts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config: Any = nonebot.get_driver().config
    written = {"90001", "telegram:6100090", "onebot:90002", "telegram:-5", "老王"}
    monkeypatch.setattr(config, "superusers", written)
    assert runtime.superusers() == [Account(QQ, 90001), Account(TG, 6100090)]
    assert runtime.is_superuser(TG, 6100090)
    assert not runtime.is_superuser(QQ, 6100090)
    assert not runtime.is_superuser(TG, 90001)
    assert runtime.organisation_people(TG) >= {6100090, tg.DEPARTMENT}
    assert 90001 not in runtime.organisation_people(TG)
    assert 6100090 not in runtime.organisation_people(QQ)


async def test_in_a_telegram_chat_the_superuser_s_qq_number_is_nobody(app: App) -> None:
    async with app.test_api() as ctx:
        telegram = tg.make_bot(ctx)
        qq = make_bot(ctx)
        as_telegram = tg.event(tg.private_message("/批准", accounts.SUPERUSER))
        assert await roles_in_event(telegram, as_telegram) == frozenset({M})
        as_qq = private_msg("/批准", accounts.SUPERUSER)
        assert await roles_in_event(qq, as_qq) == frozenset({D, M})


async def test_a_department_command_on_telegram_follows_the_telegram_account(app: App) -> None:
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.private_message("/批准", accounts.DEPARTMENT)))
        expect_send(ctx, accounts.DEPARTMENT, REFUSED)
        ctx.receive_event(bot, tg.event(tg.private_message("/批准", accounts.SUPERUSER)))
        expect_send(ctx, accounts.SUPERUSER, REFUSED)
        ctx.receive_event(bot, tg.event(tg.private_message("/批准", tg.DEPARTMENT)))
        expect_send(ctx, tg.DEPARTMENT, texts.USAGE_APPROVE)  # past the role check


def test_no_module_uses_nonebot_s_superuser_permission() -> None:
    """NoneBot's SUPERUSER also matches a bare SUPERUSERS number on every platform (its "old
    configuration" fallback, nonebot/permission.py): a Telegram user with a superuser's QQ
    number would pass it. Roles come from runtime.is_superuser instead."""
    root = Path(__file__).parents[3]
    users = [
        path.relative_to(root)
        for folder in ("adapters", "console", "core", "plugins")
        for path in (root / folder).rglob("*.py")
        if re.search(
            r"from nonebot\.permission import[^\n]*\bSUPERUSER\b|permission\.SUPERUSER\b",
            path.read_text("utf-8"),
        )
    ]
    assert users == []
