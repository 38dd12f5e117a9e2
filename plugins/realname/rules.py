"""A group's real-name rules: card format, member cap and choices, from its settings or defaults."""

from dataclasses import dataclass
from functools import cache

from nonebot.log import logger

from adapters.port import GroupInfo, Platform
from core import runtime
from models.registry import Group
from plugins.realname import store, texts
from plugins.realname.card import CardRule, CardRuleError, compile_card_rule
from plugins.realname.join import member_cap_default
from plugins.registry import activity
from plugins.registry import store as registry
from plugins.registry.grade import grade_of

SETTING_NAME = "QUNGUI_CARD_PATTERN"
DUTY = "realname"

__all__ = ["SETTING_NAME", "CardRuleError", "GroupRules", "check_card_setting", "compiled"]


@cache
def compiled(pattern: str, setting_name: str) -> CardRule:
    """`compile_card_rule`, once per pattern. Raises CardRuleError naming `setting_name`."""
    return compile_card_rule(pattern, setting_name)


def check_card_setting(pattern: str) -> None:
    """bot.py refuses to start on a bad QUNGUI_CARD_PATTERN: this raises CardRuleError naming it."""
    compiled(pattern, SETTING_NAME)


def default_rule() -> CardRule:
    return compiled(runtime.settings().qungui_card_pattern, SETTING_NAME)


@dataclass(frozen=True)
class GroupRules:
    rule: CardRule
    own_pattern: bool  # the group set its own format (else QUNGUI_CARD_PATTERN)
    cap_override: int | None
    auto_approve: bool
    remove_after_deadline: bool

    def example(self, unit: str) -> str:
        return self.rule.render({"unit": unit, "name": texts.EXAMPLE_NAME})


async def rules_for(group: Group) -> GroupRules:
    setting = await store.group_setting(group)
    if setting is None:
        return GroupRules(default_rule(), False, None, False, False)
    rule, own = default_rule(), False
    if setting.card_pattern:
        try:
            rule, own = compiled(setting.card_pattern, texts.CARD_FORMAT_SETTING), True
        except CardRuleError as exc:  # stored patterns compiled when set: only a code change
            logger.warning(f"group {group.group_id}: {exc}; using {SETTING_NAME}")
    return GroupRules(
        rule, own, setting.member_cap, setting.auto_approve, setting.remove_after_deadline
    )


async def duty_group(platform: str, group_id: int) -> Group | None:
    """The filed group, when its real-name duty is on; None otherwise (the duty does nothing)."""
    if DUTY not in await registry.enabled_duties(platform, group_id):
        return None
    return await registry.find_group(platform, group_id)


async def member_cap(group: Group, override: int | None, members: int) -> int:
    """The group's own cap, else the default by its type and grade (Art. 4, 13)."""
    if override is not None:
        return override
    grade = grade_of(group.type, members, await activity.messages_7d(group))
    return member_cap_default(group.type.value, grade, runtime.realname_rules().member_caps)


async def size_and_cap(platform: Platform, group: Group, rules: GroupRules) -> tuple[int, int]:
    """The group's member count (the platform's, else the filing's) and its member cap."""
    info = await platform.group(group.group_id)
    members = info.member_count if isinstance(info, GroupInfo) else group.member_count
    return members, await member_cap(group, rules.cap_override, members)
