"""/隱私選項: registered admins show and switch the group's privacy options."""

from nonebug import App

from models.registry import DutySwitch
from plugins.privacy import store, texts
from plugins.registry import store as registry_store
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import expect_group_send, group_msg, make_bot
from tests.plugins.registry.helpers import filed_group


async def test_admins_switch_the_phone_option_on_and_off(app: App) -> None:
    group = await filed_group()
    assert not await store.option_on("qq", accounts.GROUP, "phone")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/隱私選項", accounts.ADMIN))
        expect_group_send(ctx, texts.option_state({"phone": False}))
        ctx.receive_event(bot, group_msg("/隐私选项 手机 开", accounts.ADMIN))
        expect_group_send(ctx, texts.option_switched("phone", True))
        ctx.receive_event(bot, group_msg("/privacy_option", accounts.LEADER))
        expect_group_send(ctx, texts.option_state({"phone": True}))
    assert await store.option_on("qq", accounts.GROUP, "phone")
    row = await DutySwitch.get(group=group, duty="privacy.phone")
    assert (row.enabled, row.changed_by) == (True, accounts.ADMIN)
    # The option is no duty: the registry's switches are unchanged.
    registry_store.forget_cache()
    assert "privacy" in await registry_store.enabled_duties("qq", accounts.GROUP)

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/隱私選項 手機 關", accounts.LEADER))
        expect_group_send(ctx, texts.option_switched("phone", False))
    assert not await store.option_on("qq", accounts.GROUP, "phone")


async def test_members_are_refused_and_bad_words_get_the_usage_line(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/隱私選項 手機 開", accounts.MEMBER))
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        ctx.receive_event(bot, group_msg("/隱私選項 郵箱 開", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_OPTION)
    assert not await store.option_on("qq", accounts.GROUP, "phone")
    assert await DutySwitch.all().count() == 0


async def test_an_unfiled_group_has_no_options(app: App) -> None:
    assert not await store.option_on("qq", accounts.GROUP, "phone")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/隱私選項 手機 開", accounts.SUPERUSER))
        expect_group_send(ctx, registry_texts.not_filed())
