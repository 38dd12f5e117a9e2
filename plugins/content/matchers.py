"""The content duty's matcher: every group message where the duty is on.

It runs after the confidential (4) and privacy (5) duties and before the commands (10), and never
blocks. The shared scan is read, the lexicons' contexts applied, and a message with findings that
count is handed to `duty.handle`. A message another duty already recalled is not recalled again;
its sender is still dealt with as the content policy says.
"""

from nonebot.adapters import Bot, Event

from adapters.events import posted_of
from core.dispatch import on_message
from plugins.content import duty, reload
from plugins.content.lexicons import KINDS
from plugins.content.policy import DUTY
from plugins.registry.rules import duty_on
from plugins.scanner.service import found, scan_message

PRIORITY = 6

content_message = on_message(found(duty_on(DUTY), *KINDS), priority=PRIORITY)


@content_message.handle()
async def _message(bot: Bot, event: Event) -> None:
    posted = posted_of(event)
    if posted is None or posted.from_self:
        return
    result = await scan_message(bot, event)
    if result is None or not result.findings:
        return
    findings = reload.current().relevant(result.pieces, result.findings)
    if not findings:
        return
    first = result.claim_recall(DUTY)
    recalled_by = None if first else result.recalled_by[0]
    await duty.handle(bot, event, posted, result, findings, recalled_by)
