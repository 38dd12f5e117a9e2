"""/合規報告 (registered admins, in the group) and /全街報告 (department, private chat)."""

from datetime import timedelta

from nonebot.adapters import Bot, Event
from nonebot.matcher import Matcher

from adapters.events import platform_for
from core.commands import command
from core.people import on
from core.send import to_people
from plugins.registry import store as registry
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS, DEPARTMENT_ONLY
from plugins.reports import deliver, store, texts
from plugins.reports.live import checked_realname

GROUP_DAYS = 30  # a group's scorecard covers the last month
STREET_DAYS = 7  # the street report on demand covers the last week

compliance_cmd = command("合規報告", "compliance", duty="reports")


@compliance_cmd.handle()
async def _compliance(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    platform = platform_for(bot)
    now = store.now()
    since = now - timedelta(days=GROUP_DAYS)
    realname = await checked_realname(platform, group)
    card = await store.gather_group(group, since, now, now, realname)
    admins = await registry.admin_ids(group)
    await to_people(
        platform,
        [*admins, sender.user_id],
        texts.scorecard(card, since, now, store.street_tz()),
        about=group.group_id,
    )
    await answer(matcher, bot, event, texts.sent_to_admins() if admins else texts.SENT_TO_CALLER)


street_cmd = command("全街報告", "street_report", duty="reports")


@street_cmd.handle()
async def _street(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, DEPARTMENT_ONLY)
    if sender.group_id is not None:
        await answer(matcher, bot, event, texts.STREET_PRIVATE_ONLY)
    now = store.now()
    report = await store.gather_street(now - timedelta(days=STREET_DAYS), now, now)
    asker = on(sender.platform, [sender.user_id])
    await deliver.send_street_report(platform_for(bot), asker, report)
    await matcher.finish()
