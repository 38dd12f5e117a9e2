"""What the running bot was started with: its settings, organisation file and rulebook.

`bot.py` installs them once at start-up; tests install their own.
"""

from dataclasses import dataclass

from core.org import Account, Org, parse_account
from core.rulebook import ClearanceRules, RealnameRules, Rulebook, load_rulebook
from core.settings import Settings


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    org: Org
    rulebook: Rulebook


_current: Runtime | None = None


def install(settings: Settings, org: Org, rulebook: Rulebook | None = None) -> None:
    """`rulebook` by default from the file the settings name (the default one unless set)."""
    global _current
    _current = Runtime(settings, org, rulebook or load_rulebook(settings.qungui_rulebook_file))


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("qungui runtime not installed: bot.py installs it at start-up")
    return _current


def org() -> Org:
    return current().org


def settings() -> Settings:
    return current().settings


def rulebook() -> Rulebook:
    return current().rulebook


# The settings that may override a number of the rulebook, and the rulebook's key for it.
OVERRIDES = (
    ("qungui_card_deadline_hours", "duty.realname.card_deadline_hours"),
    ("qungui_clearance_schedule", "duty.clearance.schedule"),
    ("qungui_clearance_silent_days", "duty.clearance.silent_days"),
    ("qungui_clearance_dormant_days", "duty.clearance.dormant_days"),
)


def overrides(settings: Settings) -> list[str]:
    """One line for each setting that overrides the rulebook, for the start-up log (an `.env`
    made from an older `.env.example` sets them all)."""
    return [
        f"設定 {name.upper()}={value} 覆寫群規檔的 {key}"
        for name, key in OVERRIDES
        if (value := getattr(settings, name)) is not None
    ]


def realname_rules() -> RealnameRules:
    """The rulebook's numbers for the real-name duty, with what the settings override."""
    rules = rulebook().duty.realname or RealnameRules()
    hours = settings().qungui_card_deadline_hours
    return rules if hours is None else rules.model_copy(update={"card_deadline_hours": hours})


def clearance_rules() -> ClearanceRules:
    """The rulebook's numbers for the clearance duty, with what the settings override."""
    rules = rulebook().duty.clearance or ClearanceRules()
    s = settings()
    update = {
        name: value
        for name, value in (
            ("schedule", s.qungui_clearance_schedule),
            ("silent_days", s.qungui_clearance_silent_days),
            ("dormant_days", s.qungui_clearance_dormant_days),
        )
        if value is not None
    }
    return rules.model_copy(update=update) if update else rules


def organisation_people(platform: str) -> frozenset[int]:
    """Everyone the organisation file names, and the superusers, on `platform`: no duty
    removes them."""
    return frozenset(a.user_id for a in (*org().people(), *superusers()) if a.platform == platform)


def superusers() -> list[Account]:
    """NoneBot's SUPERUSERS (the department's own, beside its staff), written as in the
    organisation file: a bare number is a QQ account, "telegram:<id>" a Telegram one. Other
    entries name nobody here.

    NoneBot's own SUPERUSER permission is not used: it also matches a bare number on every
    platform, so a Telegram user with a superuser's QQ number would pass it."""
    import nonebot

    found: list[Account] = []
    for entry in sorted(nonebot.get_driver().config.superusers):
        try:
            found.append(parse_account(entry))
        except ValueError:
            continue
    return found


def is_superuser(platform: str, user_id: int) -> bool:
    return Account(platform, user_id) in superusers()
