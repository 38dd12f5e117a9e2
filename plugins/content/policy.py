"""What the content duty does about a message (Art. 7-10): pure decisions, measures as values.

Illegal information (Art. 7, measures of Art. 8): the message is recalled and the sender muted
(24 h by default); in the categories a group sets so (by default state security, terrorism, cults,
vice and other prohibited content, where spam accounts live), the sender is blacklisted street-wide
and removed instead of muted. The unit leader, the street leaders and the Party working committee
are told at once, and an incident report goes to the street leaders for the outside bodies.

Harmful information (Art. 9, measures of Art. 10): the message is recalled and the sender moves one
rung up the group's ladder (warning, mute 1 h, mute 1 d, removal by default), counted from the
warnings, mutes, removals and blacklistings on record for them in the group within the window
(30 days by default), so the count decays. The street leader is told.

Registered admins, unit leaders and the department are never sanctioned automatically: their
message is recalled and recorded, and the chain told, like anyone's. When several findings stand in
one message, the gravest decides (illegal before harmful, then severity, then position).
"""

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from adapters.actions import MAX_MUTE_SECONDS, Kick, Mute, Recall
from adapters.port import Role
from plugins.content import texts
from plugins.content.categories import BY_KEY, MEASURE_ARTICLE_OF, Category
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.scanner.findings import Finding

DUTY = "content"
RungKind = Literal["warning", "mute", "kick", "blacklist"]
# Records that count as rungs climbed: a warning, mute, removal or blacklisting, by hand or by this
# duty, under Art. 8 or 10 (other duties' removals, e.g. for a card, answer other articles).
RUNG_ACTIONS = ("warning", "mute", "kick", "blacklist")
RUNG_ARTICLES = (8, 10)


@dataclass(frozen=True)
class Rung:
    kind: RungKind
    seconds: int = 0  # a mute's length

    def __post_init__(self) -> None:
        if (self.kind == "mute") != (0 < self.seconds <= MAX_MUTE_SECONDS):
            raise ValueError(f"a mute rung needs 1 s to under 30 days, not {self}")

    @property
    def name(self) -> str:
        return texts.measure_name(self.kind, self.seconds)


DEFAULT_LADDER = (Rung("warning"), Rung("mute", 3600), Rung("mute", 86400), Rung("kick"))
DEFAULT_BLACKLIST = frozenset({"state_security", "terrorism", "cult", "vice", "other_illegal"})


@dataclass(frozen=True)
class ContentPolicy:
    illegal_mute_seconds: int = 86400
    blacklist: frozenset[str] = DEFAULT_BLACKLIST  # illegal categories: blacklist and remove
    ladder: tuple[Rung, ...] = DEFAULT_LADDER
    window_days: int = 30

    def __post_init__(self) -> None:
        if not 0 < self.illegal_mute_seconds <= MAX_MUTE_SECONDS:
            raise ValueError("the mute for illegal information must be under 30 days")
        if not self.ladder or not 1 <= self.window_days <= 365:
            raise ValueError("a ladder needs a rung and a window of 1 to 365 days")
        unknown = [key for key in self.blacklist if BY_KEY.get(key, None) is None]
        if unknown or any(BY_KEY[key].kind != "illegal" for key in self.blacklist):
            raise ValueError(f"not illegal categories: {sorted(self.blacklist)}")

    def to_detail(self) -> dict[str, Any]:
        return {
            "illegal_mute_seconds": self.illegal_mute_seconds,
            "blacklist": sorted(self.blacklist),
            "ladder": [[r.kind, r.seconds] for r in self.ladder],
            "window_days": self.window_days,
        }

    @classmethod
    def from_detail(cls, data: Any) -> "ContentPolicy":
        """The policy a record's detail holds; defaults for what is missing or unreadable."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(
                illegal_mute_seconds=int(data.get("illegal_mute_seconds", 86400)),
                blacklist=frozenset(data.get("blacklist", DEFAULT_BLACKLIST)),
                ladder=tuple(Rung(k, int(s)) for k, s in data.get("ladder", ())) or DEFAULT_LADDER,
                window_days=int(data.get("window_days", 30)),
            )
        except (TypeError, ValueError):
            return cls()


@dataclass(frozen=True)
class Offence:
    """The facts about one message with findings, gathered before deciding."""

    platform: str
    group_id: int
    unit: str
    user_id: int
    message_id: int
    findings: tuple[Finding, ...]  # the illegal and harmful ones that count; one at least
    evidence: str  # masked excerpt and hash
    exempt: bool = False  # a registered admin, unit leader or department member
    recalled_by: str | None = None  # another duty recalled the message already
    prior: int = 0  # rungs on record in the window (harmful only)
    listed: bool = False  # already on the blacklist
    sender_role: Role = "member"  # the sender's platform role (an admin's message needs the owner)


@dataclass(frozen=True)
class Verdict:
    category: Category  # of the gravest finding
    others: tuple[str, ...]  # names of the other categories found
    measures: tuple[Measure, ...]
    rung: int | None  # 1-based rung of the ladder taken (harmful, not exempt)
    blacklists: bool  # remove the account from every managed group too
    levels: tuple[Level, ...] = field(default=())
    report: bool = False  # an incident report for the outside bodies (Art. 8)


def gravest(findings: tuple[Finding, ...]) -> Finding:
    return max(findings, key=lambda f: (f.kind == "illegal", f.severity, -f.piece, -f.start))


def decide(offence: Offence, policy: ContentPolicy) -> Verdict:
    if not offence.findings:
        raise ValueError("nothing to decide: no findings")
    category = BY_KEY[gravest(offence.findings).category]
    names = dict.fromkeys(BY_KEY[f.category].name for f in offence.findings)
    names.pop(category.name)
    base = Measure(
        kind="recall",
        article=MEASURE_ARTICLE_OF[category.kind],
        action=None,
        group_id=offence.group_id,
        target=offence.user_id,
        unit=offence.unit,
        category=category.key,
        reason=texts.record_reason(category),
        evidence=offence.evidence,
        detail={
            "duty": DUTY,
            "message_id": offence.message_id,
            "categories": sorted({f.category for f in offence.findings}),
        },
        platform=offence.platform,
        target_role=offence.sender_role,
    )
    recall = replace(
        base,
        action=None if offence.recalled_by else Recall(offence.group_id, offence.message_id),
        detail={**base.detail, "recalled_by": offence.recalled_by}
        if offence.recalled_by
        else base.detail,
    )
    rung: int | None = None
    step: Rung | None = None
    if offence.exempt:
        pass
    elif category.kind == "illegal":
        blacklisting = category.key in policy.blacklist
        step = Rung("blacklist") if blacklisting else Rung("mute", policy.illegal_mute_seconds)
    else:
        index = min(offence.prior, len(policy.ladder) - 1)
        step, rung = policy.ladder[index], offence.prior + 1
    measures = (recall, *_measures_of(step, base, offence, rung))
    illegal = category.kind == "illegal"
    return Verdict(
        category=category,
        others=tuple(names),
        measures=measures,
        rung=rung,
        blacklists=step is not None and step.kind == "blacklist",
        levels=(Level.UNIT, Level.STREET, Level.COMMITTEE) if illegal else (Level.STREET,),
        report=illegal,
    )


def _measures_of(
    step: Rung | None, base: Measure, offence: Offence, rung: int | None
) -> list[Measure]:
    if step is None:
        return []
    detail = {**base.detail, "rung": rung} if rung is not None else base.detail
    where, who = offence.group_id, offence.user_id
    if step.kind == "warning":
        return [replace(base, kind="warning", detail=detail)]
    if step.kind == "mute":
        return [
            replace(
                base,
                kind="mute",
                action=Mute(where, who, step.seconds),
                detail={**detail, "seconds": step.seconds},
            )
        ]
    kick = replace(
        base, kind="kick", action=Kick(where, who, step.kind == "blacklist"), detail=detail
    )
    if step.kind == "kick" or offence.listed:
        return [kick]
    return [replace(base, kind="blacklist", detail=detail), kick]
