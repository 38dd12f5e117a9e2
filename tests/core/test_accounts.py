"""Which account serves a group, and which one handles an event two accounts received."""

from nonebot.adapters.onebot.v11 import Bot
from nonebug import App

from adapters import events
from adapters.port import Role
from core import accounts, node
from models.cluster import AccountLink, EventClaim
from tests import accounts as people
from tests.factories import group_msg

OTHER = "99998"  # a second account of the bot
SELF = str(people.SELF)


def test_the_highest_role_acts_then_the_lowest_number() -> None:
    links: dict[str, Role] = {"300": "admin", "200": "member", "100": "admin", "400": "owner"}
    assert accounts.choose(links, {"100", "200", "300", "400"}) == "400"
    assert accounts.choose(links, {"100", "200", "300"}) == "100"
    assert accounts.choose(links, {"200"}) == "200"
    assert accounts.choose(links, {"500"}) is None


def _no_roles_known(bot: Bot) -> None:
    """The test account starts as the owner of the test groups (tests/conftest.py)."""
    events.account_of(bot).roles.clear()


async def test_of_two_accounts_in_a_group_the_chosen_one_handles_each_message_once(
    app: App,
) -> None:
    async with app.test_api() as ctx:
        mine = ctx.create_bot(base=Bot, self_id=SELF)
        other = ctx.create_bot(base=Bot, self_id=OTHER)
        accounts.note("qq", SELF, people.GROUP, "admin")
        accounts.note("qq", OTHER, people.GROUP, "owner")
        event = group_msg("機密文件", people.MEMBER)
        seen_by_other = event.model_copy(update={"message_id": 1, "self_id": int(OTHER)})
        seen_by_me = event.model_copy(update={"message_id": 2, "self_id": people.SELF})
        assert not await accounts.admits(mine, seen_by_me)  # the owner account acts
        assert await accounts.admits(other, seen_by_other)
        assert await accounts.admits(other, seen_by_other) is False  # claimed already
        assert await EventClaim.filter(bot_id=OTHER).count() == 1


async def test_a_group_with_one_account_costs_no_claim(app: App) -> None:
    async with app.test_api() as ctx:
        mine = ctx.create_bot(base=Bot, self_id=SELF)
        assert await accounts.admits(mine, group_msg("你好"))
        assert await accounts.admits(mine, group_msg("你好"))
        assert await EventClaim.all().count() == 0


async def test_when_the_chosen_account_is_offline_the_other_handles(app: App) -> None:
    async with app.test_api() as ctx:
        mine = ctx.create_bot(base=Bot, self_id=SELF)
        accounts.note("qq", SELF, people.GROUP, "admin")
        accounts.note("qq", OTHER, people.GROUP, "owner")  # in the group, connected nowhere
        assert await accounts.admits(mine, group_msg("你好"))


async def test_group_work_goes_through_an_account_in_the_group(app: App) -> None:
    async with app.test_api() as ctx:
        _no_roles_known(ctx.create_bot(base=Bot, self_id=SELF))
        ctx.create_bot(base=Bot, self_id=OTHER)
        accounts.learn_groups("qq", OTHER, [people.GROUP])
        accounts.learn_groups("qq", SELF, [people.OTHER_GROUP])
        await accounts.refresh()
        found = accounts.platform_for_group("qq", people.GROUP)
        assert found is not None
        assert found.self_id == OTHER
        found = accounts.platform_for_group("qq", people.OTHER_GROUP)
        assert found is not None
        assert found.self_id == SELF
        assert accounts.platform_for_group("qq", 700300) is None  # two accounts, neither in it
        rows = await AccountLink.all().values_list("bot_id", "group_id")
        assert sorted(rows) == [(OTHER, people.GROUP), (SELF, people.OTHER_GROUP)]


async def test_a_group_left_is_forgotten_and_the_links_reach_other_processes(app: App) -> None:
    async with app.test_api() as ctx:
        _no_roles_known(ctx.create_bot(base=Bot, self_id=SELF))
        accounts.learn_groups("qq", SELF, [people.GROUP, people.OTHER_GROUP])
        await accounts.refresh()
        accounts.learn_groups("qq", SELF, [people.GROUP])
        await accounts.refresh()
        assert await AccountLink.all().values_list("group_id", flat=True) == [people.GROUP]
        accounts.forget()  # another process: it knows only what the database says
        await accounts.refresh()
        assert accounts.links_of("qq", people.GROUP) == {SELF: "member"}


async def test_an_account_online_on_a_dead_node_counts_as_offline(app: App) -> None:
    from datetime import timedelta

    from models.cluster import Node

    await node.start()
    await node.connected("qq", OTHER)
    assert ("qq", OTHER) in await node.online_accounts()
    await Node.filter(name=node.name()).update(heartbeat_at=node.now() - timedelta(hours=1))
    assert ("qq", OTHER) not in await node.online_accounts()
    await node.beat()
    assert ("qq", OTHER) in await node.online_accounts()
    await node.disconnected("qq", OTHER)
    assert await node.online_accounts() == set()


async def test_an_account_removed_from_a_group_is_no_longer_linked_to_it(app: App) -> None:
    from nonebot.adapters.onebot.v11 import GroupDecreaseNoticeEvent

    async with app.test_api() as ctx:
        mine = ctx.create_bot(base=Bot, self_id=SELF)
        accounts.note("qq", SELF, people.GROUP, "admin")
        kicked = GroupDecreaseNoticeEvent(
            time=1,
            self_id=people.SELF,
            post_type="notice",
            notice_type="group_decrease",
            sub_type="kick_me",
            group_id=people.GROUP,
            operator_id=people.OWNER,
            user_id=people.SELF,
        )
        assert await accounts.admits(mine, kicked)
        assert accounts.links_of("qq", people.GROUP) == {}
