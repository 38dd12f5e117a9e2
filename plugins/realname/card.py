"""The card (群名片) format rule of a group, and the verdict on one member's card.

Pattern syntax. A pattern lists fields separated by separator characters, e.g. the default
`單位-姓名`, or `{單位}／{姓名}／{職務}`. A field is one of the placeholder words, bare or in
braces: 單位 (the unit), 姓名 (the person's name), 職務 (a post, free text). Simplified spellings
单位, 姓名, 职务 are the same words. 姓名 is required; each field appears at most once; fields need at
least one separator between them; separators may also lead or trail. Anything else (another word,
`{部門}`, `{單位}{姓名}`, a lone brace) is refused with `CardRuleError` naming the setting. A rule
without 單位 means the group's own unit. 職務 is optional in the card: `XX社區-張三` satisfies
`單位-姓名-職務` too, and `expected_card` leaves it out.

Reading a card. The card is folded (`normal.py`: NFKC, full-width, Traditional = Simplified,
case, zero-width characters) and split into chunks on separator runs (`-`, `－`, `—`, `–`, `·`, `・`,
`_`, `/`, brackets, spaces and the like, in any mix and number). Each field takes one or more
consecutive chunks; with more chunks than fields every split is a candidate (a name such as
`阿依古麗·買買提` holds a separator), exact splits first, then earlier fields taking fewer chunks.
`parse` returns the first candidate; `judge` takes the best verdict over all of them.

Verdicts, for a card in a group whose unit is `group_unit`:
- malformed: the card does not fit the pattern, or names the group's unit in the wrong place;
- wrong_unit: the card's unit is not the group's (`entry` is set when the card names a roster
  person of that other unit: the integrator may accept such visitors);
- when the roster lists nobody of the group's unit: compliant, since the card is well formed and
  names the group's unit (nothing to match the name against);
- otherwise, by the roster people of the group's unit with the card's name:
  unknown_person (none), account_mismatch (only when `account` is given: none has that account),
  departed (all are 調離), compliant (one is 在崗; `entry` is that person).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from core.script import to_simplified
from plugins.realname import texts
from plugins.realname.normal import (
    SEPARATORS,
    MatchKey,
    chunk_keys,
    fold,
    join_keys,
    match_key,
)
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

Field = Literal["unit", "name", "title"]
VerdictKind = Literal[
    "compliant", "malformed", "unknown_person", "wrong_unit", "departed", "account_mismatch"
]

DEFAULT_CARD_PATTERN = "單位-姓名"
MAX_CHUNKS = 8
"""Cards split into more chunks than this are malformed (bounds the candidate splits)."""
MAX_PATTERN_LENGTH = 60

_PLACEHOLDERS: dict[str, Field] = {"单位": "unit", "姓名": "name", "职务": "title"}
_LABELS: dict[Field, str] = {
    "unit": texts.FIELD_UNIT,
    "name": texts.FIELD_NAME,
    "title": texts.FIELD_TITLE,
}
_PATTERN_SEPARATOR = re.compile(
    "([\\s" + re.escape(SEPARATORS.replace("{", "").replace("}", "")) + "]+)"
)
_RANK: dict[VerdictKind, int] = {
    "compliant": 0,
    "departed": 1,
    "account_mismatch": 2,
    "unknown_person": 3,
    "wrong_unit": 4,
    "malformed": 5,
}


class CardRuleError(ValueError):
    """A card pattern that does not compile; the message names the setting that holds it."""

    def __init__(self, setting_name: str, pattern: str, reason: str) -> None:
        super().__init__(texts.card_rule_invalid(setting_name, pattern, reason))
        self.setting_name = setting_name
        self.pattern = pattern
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ParsedCard:
    """Match keys of a card's fields; `unit` is None when the rule has no 單位 field."""

    unit: MatchKey | None
    name: MatchKey
    title: MatchKey | None = None


@dataclass(frozen=True, slots=True)
class CardVerdict:
    kind: VerdictKind
    parsed: ParsedCard | None = None
    entry: RosterEntry | None = None

    @property
    def compliant(self) -> bool:
        return self.kind == "compliant"


@dataclass(frozen=True, slots=True)
class CardRule:
    """A compiled pattern: `separators[0]` leads, `separators[i]` precedes `fields[i]` (i ≥ 1),
    `separators[-1]` trails. Build it with `compile_card_rule`."""

    pattern: str
    fields: tuple[Field, ...]
    separators: tuple[str, ...]
    layouts: tuple[tuple[Field, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        without_title = tuple(f for f in self.fields if f != "title")
        layouts = (self.fields, without_title) if without_title != self.fields else (self.fields,)
        object.__setattr__(self, "layouts", layouts)

    @property
    def display(self) -> str:
        """The pattern with canonical labels, e.g. `單位-姓名`."""
        return self.render(_LABELS)

    def render(self, values: Mapping[Field, str]) -> str:
        """The pattern filled with `values`; a field without a value is left out with its separator."""
        out = [self.separators[0]]
        for index, name in enumerate(self.fields):
            value = values.get(name)
            if value:
                if len(out) > 1:
                    out.append(self.separators[index])
                out.append(value)
        out.append(self.separators[-1])
        return "".join(out)

    def parse(self, card: str) -> ParsedCard | None:
        """The card's fields, or None when it does not fit the pattern."""
        candidates = self._candidates(chunk_keys(card))
        return candidates[0] if candidates else None

    def _candidates(self, keys: list[MatchKey]) -> list[ParsedCard]:
        if len(keys) == len(self.fields) and len(self.layouts) == 1:  # the usual: one candidate
            values = dict(zip(self.fields, keys, strict=True))
            return [ParsedCard(values.get("unit"), values["name"], values.get("title"))]
        exact: list[ParsedCard] = []
        merged: list[ParsedCard] = []
        if len(keys) > MAX_CHUNKS:
            return exact
        for layout in self.layouts:
            if len(keys) < len(layout):
                continue
            for cuts in combinations(range(1, len(keys)), len(layout) - 1):
                bounds = (0, *cuts, len(keys))
                values = {
                    name: join_keys(keys[start:end])
                    for name, start, end in zip(layout, bounds[:-1], bounds[1:], strict=True)
                }
                parsed = ParsedCard(values.get("unit"), values["name"], values.get("title"))
                (exact if len(keys) == len(layout) else merged).append(parsed)
        return exact + merged


def compile_card_rule(pattern: str, setting_name: str) -> CardRule:
    """Compile `pattern` (syntax in the module docstring) or raise CardRuleError."""
    folded = fold(pattern)
    if not folded:
        raise CardRuleError(setting_name, pattern, texts.CARD_RULE_EMPTY)
    if len(folded) > MAX_PATTERN_LENGTH:
        raise CardRuleError(setting_name, pattern, texts.CARD_RULE_TOO_LONG)
    fields: list[Field] = []
    separators = [""]
    for index, part in enumerate(_PATTERN_SEPARATOR.split(folded)):
        if index % 2:
            separators[-1] += part
        elif part:
            name = _placeholder(part, setting_name, pattern)
            if name in fields:
                reason = texts.card_rule_duplicate_field(_LABELS[name])
                raise CardRuleError(setting_name, pattern, reason)
            fields.append(name)
            separators.append("")
    if "name" not in fields:
        raise CardRuleError(setting_name, pattern, texts.CARD_RULE_NO_NAME)
    return CardRule(pattern, tuple(fields), tuple(separators))


def _placeholder(word: str, setting_name: str, pattern: str) -> Field:
    inner = word[1:-1] if word.startswith("{") and word.endswith("}") else word
    if "{" in inner or "}" in inner or not inner:
        raise CardRuleError(setting_name, pattern, texts.card_rule_bad_braces(word))
    name = _PLACEHOLDERS.get(to_simplified(inner))
    if name is None:
        raise CardRuleError(setting_name, pattern, texts.card_rule_unknown_field(inner))
    return name


def expected_card(entry: RosterEntry, rule: CardRule) -> str:
    """The card to set for a roster person, e.g. `XX社區-張三` (職務 left out)."""
    return rule.render({"unit": entry.unit, "name": entry.name})


def judge(
    card: str,
    rule: CardRule,
    roster: RosterIndex,
    group_unit: str,
    *,
    account: int | None = None,
) -> CardVerdict:
    """The verdict on `card` in a group of `group_unit` (rules in the module docstring)."""
    return _judge(chunk_keys(card), rule, roster, match_key(group_unit), account)


def judge_members(
    members: Iterable[tuple[int, str]], rule: CardRule, roster: RosterIndex, group_unit: str
) -> dict[int, CardVerdict]:
    """`judge` for every (account, card) of a member list, accounts checked against the roster."""
    unit = match_key(group_unit)
    return {
        account: _judge(chunk_keys(card), rule, roster, unit, account) for account, card in members
    }


def _judge(
    keys: list[MatchKey],
    rule: CardRule,
    roster: RosterIndex,
    group_unit: MatchKey,
    account: int | None,
) -> CardVerdict:
    best = CardVerdict("malformed")
    for parsed in rule._candidates(keys):
        verdict = _judge_one(parsed, roster, group_unit, account)
        if _RANK[verdict.kind] < _RANK[best.kind]:
            best = verdict
            if verdict.compliant:
                break
    if best.kind == "wrong_unit" and group_unit in keys:
        return CardVerdict("malformed", best.parsed)  # e.g. 張三-XX社區: the right unit, misplaced
    return best


def _judge_one(
    parsed: ParsedCard, roster: RosterIndex, group_unit: MatchKey, account: int | None
) -> CardVerdict:
    unit = group_unit if parsed.unit is None else parsed.unit
    if unit != group_unit:
        others = roster.lookup(unit, parsed.name)
        return CardVerdict("wrong_unit", parsed, others[0] if others else None)
    if not roster.has_unit(group_unit):
        return CardVerdict("compliant", parsed)
    people = roster.lookup(group_unit, parsed.name)
    if not people:
        return CardVerdict("unknown_person", parsed)
    if account is not None:
        own = tuple(person for person in people if person.account == account)
        if not own:
            return CardVerdict("account_mismatch", parsed, people[0])
        people = own
    active = [person for person in people if person.status == "在崗"]
    if active:
        return CardVerdict("compliant", parsed, active[0])
    return CardVerdict("departed", parsed, people[0])


def explain(verdict: CardVerdict, rule: CardRule, group_unit: str) -> str:
    """What to tell a member about their card ("" when compliant)."""
    if verdict.kind == "compliant":
        return ""
    if verdict.kind == "departed":
        return texts.CARD_DEPARTED
    example = rule.render({"unit": group_unit, "name": texts.EXAMPLE_NAME})
    return texts.card_notice(verdict.kind, rule.display, example)
