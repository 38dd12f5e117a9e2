"""Who the weekly check lists (Art. 4, 14): a pure function of the facts about one group.

A member is a candidate for one or more reasons, in this order:
- `card`: not real-named. Their card is not accepted by the real-name core (`checks.accepted`:
  a visitor of another unit who is 在崗 on the roster passes) and they have no open card deadline
  still running. Judged only where the group's real-name duty is on and the platform has cards
  (`rule` given).
- `not_on_roster`: the group's unit has a roster and the account is on no roster at all (where
  the platform's accounts are not the roster's: bound to no roster person, `identities`).
- `departed`: the roster lists the account as 調離, or the handover duty recorded them as an
  admin who left the post (a `departed_admin` record made since they last joined the group).
  Only where the rulebook binds the departed duty (`Facts.departed_duty`).
- `silent`: not seen speaking for `silent_days` (the bot's own sightings or the platform's
  last_sent_time, whichever is later; the join time when neither is known; never, when nothing is).
- `blacklisted`: on the street-wide blacklist.

Exempted members (/保留) are left out altogether. The bot itself is never looked at. Owners and
admins on the platform, registered admins and the organisation's people are never removed: they
are `kept`, with their reasons, so that a departed admin can be flagged to the unit leader.
Someone who left the post is listed as `departed`, not asked to fix a card. Members with a `card`
reason, unless blacklisted, are the ones the group post asks to fix their card.
"""

from collections import Counter
from collections.abc import Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from adapters.port import Member
from core.rulebook import Rulebook
from plugins.realname.card import CardRule, judge_members
from plugins.realname.checks import accepted
from plugins.realname.normal import match_key
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

REASONS = ("card", "not_on_roster", "departed", "silent", "blacklisted")
# (roster identity, card pattern, group unit, account, card) -> the card is not accepted
CardMemo = MutableMapping[tuple[int, str, str, int, str], bool]


@dataclass(frozen=True)
class Facts:
    """Everything the check knows about one group at `now` (aware times throughout)."""

    members: Sequence[Member]
    self_id: int
    group_unit: str
    rule: CardRule | None  # None: the real-name duty is off, cards are not judged
    roster: RosterIndex
    now: datetime
    silent_days: int
    running_deadlines: Collection[int] = frozenset()  # open card deadlines not yet passed
    exempt: Collection[int] = frozenset()
    blacklisted: Collection[int] = frozenset()
    seen: Mapping[int, datetime] = field(default_factory=dict)
    departed_admins: Mapping[int, datetime] = field(default_factory=dict)  # handover records
    departed_duty: bool = True  # the rulebook binds the departed duty: 調離 people are listed
    protected: Collection[int] = frozenset()  # registered admins, the organisation's people
    # Each member's roster account where the platform's accounts are not the roster's (bound by
    # the person's own answer, plugins.registry.identity); None: an account is its own.
    identities: Mapping[int, int] | None = None
    # Card verdicts shared by the groups of one computation (one roster): a person's card in
    # several groups of their unit is judged once. None: judge every card afresh.
    card_memo: CardMemo | None = None


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str  # the card, else the nickname: for the admins' private list only
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Sweep:
    total: int  # members looked at (the bot left out)
    remove: tuple[Candidate, ...]  # plain members the admins may confirm for removal
    kept: tuple[Candidate, ...]  # owners, admins and protected people with reasons
    exempted: int  # candidates or not, members kept by /保留
    to_fix_card: tuple[int, ...]  # everyone with a `card` reason, removable or not

    def counts(self) -> list[tuple[str, int]]:
        """(reason, members) over removable and kept candidates, in `REASONS` order."""
        found = Counter(r for c in (*self.remove, *self.kept) for r in c.reasons)
        return [(reason, found[reason]) for reason in REASONS if found[reason]]

    @property
    def departed_admins(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.kept if "departed" in c.reasons)


def last_seen(member: Member, seen: Mapping[int, datetime]) -> datetime | None:
    """The latest sign of life: the bot's sighting or the platform's, else the join time."""
    ours, theirs = seen.get(member.user_id), member.last_sent_time
    if ours is None or theirs is None:
        return ours or theirs or member.join_time
    return max(ours, theirs)


def roster_entry(facts: Facts, user_id: int) -> RosterEntry | None:
    """The roster's entry for a member: by their account, or by the account they are bound to."""
    if facts.identities is None:
        return facts.roster.by_account(user_id)
    account = facts.identities.get(user_id)
    return facts.roster.by_account(account) if account is not None else None


def _recorded_departed(member: Member, facts: Facts) -> bool:
    """A handover record of their leaving the post, made since they (last) joined."""
    recorded = facts.departed_admins.get(member.user_id)
    if recorded is None:
        return False
    return member.join_time is None or recorded >= member.join_time


def _bad_cards(facts: Facts, members: Sequence[Member]) -> set[int]:
    """Members whose card the real-name core does not accept (judged once per memo key)."""
    rule, roster = facts.rule, facts.roster
    if rule is None or not members:
        return set()
    memo = facts.card_memo if facts.card_memo is not None else {}
    base = (id(roster), rule.pattern, facts.group_unit)
    todo = [m for m in members if (*base, m.user_id, m.card) not in memo]
    verdicts = judge_members(((m.user_id, m.card) for m in todo), rule, roster, facts.group_unit)
    for m in todo:
        memo[(*base, m.user_id, m.card)] = not accepted(verdicts[m.user_id], m.user_id, roster)
    return {m.user_id for m in members if memo[(*base, m.user_id, m.card)]}


def sweep(facts: Facts) -> Sweep:
    """The check of one group (rules in the module docstring)."""
    people = [m for m in facts.members if m.user_id != facts.self_id]
    exempted = sum(1 for m in people if m.user_id in facts.exempt)
    looked_at = [m for m in people if m.user_id not in facts.exempt]
    roster = facts.roster
    departed: set[int] = set()
    for member in looked_at if facts.departed_duty else ():
        entry = roster_entry(facts, member.user_id)
        if (entry is not None and entry.status == "調離") or _recorded_departed(member, facts):
            departed.add(member.user_id)
    running = facts.running_deadlines
    bad_card = _bad_cards(  # someone who left the post has no card to fix
        facts, [m for m in looked_at if m.user_id not in running and m.user_id not in departed]
    )
    has_roster = roster.has_unit(match_key(facts.group_unit))
    silent_before = facts.now - timedelta(days=facts.silent_days)
    remove: list[Candidate] = []
    kept: list[Candidate] = []
    to_fix: list[int] = []  # member-list order, removable or not
    for member in looked_at:
        uid = member.user_id
        reasons = []
        if uid in bad_card:
            reasons.append("card")
        if has_roster and roster_entry(facts, uid) is None:
            reasons.append("not_on_roster")
        if uid in departed:
            reasons.append("departed")
        seen_at = last_seen(member, facts.seen)
        if seen_at is not None and seen_at <= silent_before:
            reasons.append("silent")
        if uid in facts.blacklisted:
            reasons.append("blacklisted")
        if not reasons:
            continue
        if "card" in reasons and uid not in facts.blacklisted:
            to_fix.append(uid)
        candidate = Candidate(uid, member.shown_name, tuple(reasons))
        if member.role == "member" and uid not in facts.protected:
            remove.append(candidate)
        else:
            kept.append(candidate)
    return Sweep(len(people), tuple(remove), tuple(kept), exempted, tuple(to_fix))


def article_for(reasons: Sequence[str], book: Rulebook) -> int:
    """The departed duty's article for people who left their post (Art. 14 in the default
    rulebook), the clearance duty's for the periodic check otherwise (Art. 4)."""
    duty = "departed" if "departed" in reasons and book.binds("departed") else "clearance"
    return book.article_of(duty)
