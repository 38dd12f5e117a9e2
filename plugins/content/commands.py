"""/內容設定 (a group's content policy) and /重載詞庫 (reload the lexicons now)."""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args
from core.commands import command
from core.durations import format_duration
from plugins.content import reload, store, texts
from plugins.content.categories import CATEGORIES
from plugins.content.parse import parse_change
from plugins.content.policy import ContentPolicy
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS, DEPARTMENT_ONLY

policy_cmd = command("內容設定", "content_policy")


def _shown(policy: ContentPolicy, own: bool) -> str:
    return texts.policy_shown(
        own=own,
        mute=format_duration(policy.illegal_mute_seconds),
        blacklist=[c.name for c in CATEGORIES if c.key in policy.blacklist],
        ladder=[rung.name for rung in policy.ladder],
        window_days=policy.window_days,
    )


@policy_cmd.handle()
async def _policy(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    current, own = await store.policy_of(group.platform, group.group_id)
    words = parse_args(arg).words
    if not words:
        await answer(matcher, bot, event, _shown(current, own))
    changed = parse_change(words, current)
    if changed is None:
        await answer(matcher, bot, event, texts.USAGE_POLICY)
    if changed == "reset":
        await store.set_policy(group, None, sender.user_id)
        await answer(
            matcher, bot, event, texts.POLICY_RESET + "\n" + _shown(ContentPolicy(), False)
        )
    await store.set_policy(group, changed, sender.user_id)
    await answer(matcher, bot, event, texts.POLICY_SAVED + "\n" + _shown(changed, True))


reload_cmd = command("重載詞庫", "reload_lexicon")


@reload_cmd.handle()
async def _reload(bot: Bot, event: Event, matcher: Matcher) -> None:
    await allowed(matcher, bot, event, DEPARTMENT_ONLY)
    lexicon = reload.reload(force=True)
    assert lexicon is not None  # forced
    counts = lexicon.counts()
    await answer(
        matcher,
        bot,
        event,
        texts.lexicon_reloaded(counts["illegal"], counts["harmful"], lexicon.errors),
    )
