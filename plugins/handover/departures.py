"""A registered admin leaves the group (notice group_decrease): their registry row is closed
("退群"); a group left without any registered admin is reported to the unit leader and the
department (Art. 3, 5) where the rulebook binds the handover duty."""

from nonebot.adapters import Bot, Event

from adapters.events import member_left, platform_for
from core import runtime
from core.dispatch import on_notice
from plugins.handover import store, texts
from plugins.handover.history import LEFT_REASON
from plugins.measures.escalation import Level
from plugins.measures.service import escalate
from plugins.registry import store as registry


async def _is_departure(bot: Bot, event: Event) -> bool:
    return member_left(event) is not None


departures = on_notice(_is_departure, priority=5)


@departures.handle()
async def _left(bot: Bot, event: Event) -> None:
    left = member_left(event)
    if left is None:
        return
    group = await registry.find_group(left.platform, left.group_id)
    if group is None:
        return
    if not await store.close_tenure(group, left.user_id, LEFT_REASON, store.now()):
        return
    if not runtime.rulebook().binds("handover") or await registry.admin_ids(group):
        return
    notice = texts.no_admin_notice(group.group_id, group.name, group.unit.name, left.user_id)
    await escalate(platform_for(bot), group.unit.name, [Level.UNIT, Level.DEPARTMENT], notice)
