"""/內容設定 (a group's content policy) and /重載詞庫 (reload the lexicons now)."""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args
from core import runtime
from core.commands import command
from core.rulebook import Rulebook
from plugins.content import reload, store, texts
from plugins.content.overrides import ContentPolicy
from plugins.content.parse import parse_change
from plugins.content.policy import DUTY, step_name
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS, DEPARTMENT_ONLY

policy_cmd = command("內容設定", "content_policy", duty=DUTY)


def shown(policy: ContentPolicy, book: Rulebook) -> str:
    """Every ladder of the rulebook as this group has it, with the categories on it."""
    ladders = []
    for key in book.ladder:
        ladder = policy.ladder(book, key)
        ladders.append(
            texts.ladder_shown(
                name=ladder.name,
                article=ladder.article,
                steps=[step_name(s) for s in ladder.steps],
                window_days=ladder.window_days,
                categories=[c.name for c in policy.on_ladder(book, key)],
                own=policy.changes(book, key),
            )
        )
    return texts.policy_shown(own=not policy.compact(book).empty, ladders=ladders)


@policy_cmd.handle()
async def _policy(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    book = runtime.rulebook()
    current, _ = await store.policy_of(group.platform, group.group_id)
    words = parse_args(arg).words
    if not words:
        await answer(matcher, bot, event, shown(current, book))
    changed = parse_change(words, current, book)
    if changed is None:
        await answer(
            matcher,
            bot,
            event,
            texts.usage_policy([ladder.name for ladder in book.ladder.values()]),
        )
    if changed == "reset":
        await store.set_policy(group, None, sender.user_id)
        await answer(matcher, bot, event, texts.POLICY_RESET + "\n" + shown(ContentPolicy(), book))
    await store.set_policy(group, changed, sender.user_id)
    await answer(matcher, bot, event, texts.POLICY_SAVED + "\n" + shown(changed, book))


reload_cmd = command("重載詞庫", "reload_lexicon", duty=DUTY)


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
