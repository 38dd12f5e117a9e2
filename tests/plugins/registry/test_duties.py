"""/功能, /開啟, /關閉, /群規: the duties a group runs, and switching them."""

import pytest
from nonebug import App

from core.duties import unbound
from models.registry import DutySwitch
from tests import accounts
from tests.factories import (
    expect_group_send,
    group_msg,
    make_bot,
)
from tests.plugins.registry.helpers import filed_group, switch_off
from tests.rulebooks import second

# --- /功能 /開啟 /關閉 ---------------------------------------------------------------------


def duty_list(off: set[str]) -> str:
    from plugins.registry import texts
    from plugins.registry.duties import DUTIES

    return texts.duties([texts.duty_line(d, d.key not in off) for d in DUTIES])


async def test_duties_list_marks_each_duty_on_or_off_with_its_articles(app: App) -> None:
    await filed_group()
    await switch_off("confidential")
    listing = duty_list({"confidential"})
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, listing)

    lines = listing.splitlines()
    assert "● 實名（第四條、第七條）" in listing
    assert any(line.startswith("○ 保密（第十一條）") for line in lines)
    assert sum(line.startswith("●") for line in lines) == 4


async def test_duties_list_in_an_unfiled_group(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/duties"))
        expect_group_send(ctx, texts.not_filed())


async def test_switching_a_duty_off_writes_it_and_the_list_follows(app: App) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    # Warm the cache: the switch must replace it.
    assert "privacy" in await store.enabled_duties("qq", accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list(set()))
        ctx.receive_event(bot, group_msg("/關閉 隱私", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], False))
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list({"privacy"}))

    row = await DutySwitch.get(duty="privacy").prefetch_related("group")
    assert (row.group.group_id, row.enabled, row.changed_by) == (
        accounts.GROUP,
        False,
        accounts.ADMIN,
    )
    assert "privacy" not in await store.enabled_duties("qq", accounts.GROUP)
    assert texts.switched(BY_KEY["privacy"], False) == "已關閉「隱私」（第四條）。"


async def test_switching_back_on_updates_the_same_row(app: App) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    await switch_off("content")
    assert "content" not in await store.enabled_duties("qq", accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/開啟 內容", accounts.LEADER))
        expect_group_send(ctx, texts.switched(BY_KEY["content"], True))
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, duty_list(set()))

    rows = await DutySwitch.filter(duty="content")
    assert [(r.enabled, r.changed_by) for r in rows] == [(True, accounts.LEADER)]
    assert "content" in await store.enabled_duties("qq", accounts.GROUP)


async def test_simplified_and_latin_aliases_switch_too(app: App) -> None:
    from plugins.registry import texts
    from plugins.registry.duties import BY_KEY

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/关闭 实名", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["realname"], False))
        ctx.receive_event(bot, group_msg("/disable clearance", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["clearance"], False))
        ctx.receive_event(bot, group_msg("/开启 实名", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["realname"], True))
        ctx.receive_event(bot, group_msg("/enable privacy", accounts.ADMIN))
        expect_group_send(ctx, texts.switched(BY_KEY["privacy"], True))

    switched = {r.duty: r.enabled for r in await DutySwitch.all()}
    assert switched == {"realname": True, "clearance": False, "privacy": True}


async def test_an_unknown_duty_is_named_and_nothing_is_written(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/關閉 火星", accounts.ADMIN))
        expect_group_send(ctx, texts.unknown_duty("火星"))

    assert texts.unknown_duty("火星").startswith("未知功能「火星」")
    assert await DutySwitch.all().count() == 0


async def test_switch_with_bad_arguments_gets_the_usage_line(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/開啟", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SWITCH)
        ctx.receive_event(bot, group_msg("/關閉 實名 隱私", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SWITCH)

    assert await DutySwitch.all().count() == 0


async def test_switch_in_an_unfiled_group_says_it_is_not_filed(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/關閉 隱私", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.not_filed())

    assert await DutySwitch.all().count() == 0


# --- under another rulebook ----------------------------------------------------------------


async def test_a_duty_the_rulebook_leaves_out_is_unavailable_and_cannot_be_switched(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY, DUTIES

    second(monkeypatch)
    await filed_group()
    lines = [
        texts.unbound_line(d) if d.key == "privacy" else texts.duty_line(d, True) for d in DUTIES
    ]
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(ctx, texts.duties(lines))
        ctx.receive_event(bot, group_msg("/開啟 隱私", accounts.ADMIN))
        expect_group_send(ctx, unbound("隱私"))
        ctx.receive_event(bot, group_msg("/關閉 privacy", accounts.ADMIN))
        expect_group_send(ctx, unbound("隱私"))

    assert "－ 隱私：本街道的群規未規定，不適用" in lines
    assert "● 實名（第4條、第7條）：入群實名認證、名片格式、成員人數上限、入群申請審核" in lines
    assert texts.switched(BY_KEY["clearance"], False) == "已關閉「清理」（第4條）。"
    assert await DutySwitch.all().count() == 0
    assert "privacy" not in await store.enabled_duties("qq", accounts.GROUP)


async def test_a_switch_left_from_before_does_not_bring_a_left_out_duty_back(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.registry import store, texts
    from plugins.registry.duties import BY_KEY

    group = await filed_group()
    await store.switch(group, "privacy", True, accounts.ADMIN)  # under the default rulebook
    second(monkeypatch)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/功能"))
        expect_group_send(
            ctx,
            duty_list(set()).replace(
                texts.duty_line(BY_KEY["privacy"], True), texts.unbound_line(BY_KEY["privacy"])
            ),
        )
    assert "privacy" not in await store.enabled_duties("qq", accounts.GROUP)
