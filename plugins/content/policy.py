"""What the content duty does about a message (Art. 7-10): pure decisions, measures as values.

Every category of the rulebook is dealt with by one of its ladders (a group may change a ladder
or move a category, `overrides`): the message is recalled, and the sender's n-th offence within
the ladder's window takes the ladder's n-th step (the last one again after that). Offences are
counted from the warnings, mutes, removals and blacklistings on record for the sender in the
group within the window, under any ladder's article or the measures duty's, so the count decays.
A blacklisting step lists the sender street-wide and removes them (here and, through the duty,
everywhere else).

In the default rulebook illegal information (Art. 7, measures of Art. 8) has a one-step ladder, a
day's mute, or the blacklist for state security, terrorism, cults, vice and other prohibited
content; harmful information (Art. 9, measures of Art. 10) climbs warning, mute 1 h, mute 1 d,
removal within 30 days. Who is told, and whether an incident report goes to the outside bodies,
is the tell chain of the ladder's article.

Registered admins, unit leaders and the department are never sanctioned automatically: their
message is recalled and recorded, and the chain told, like anyone's. When several findings stand in
one message, the gravest decides (illegal before harmful, then severity, then position).
"""

from dataclasses import dataclass, field, replace

from adapters.actions import Kick, Mute, Recall
from adapters.port import Role
from core import runtime
from core.rulebook import Category, Ladder, Rulebook, Step
from plugins.content import texts
from plugins.measures.articles import provisions
from plugins.measures.escalation import Level, levels_of, reports_outside
from plugins.measures.measure import Measure
from plugins.scanner.findings import Finding

DUTY = "content"
# Records that count as rungs climbed: a warning, mute, removal or blacklisting, by hand or by this
# duty, under a ladder's article or the measures duty's (other duties' removals, e.g. for a card,
# answer other articles).
RUNG_ACTIONS = ("warning", "mute", "kick", "blacklist")


def rung_articles(book: Rulebook) -> tuple[int, ...]:
    """The articles a rung on record is under: those providing for the measures."""
    return provisions(book)


def step_name(step: Step) -> str:
    return texts.measure_name(step.kind, step.seconds)


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
    prior: int = 0  # rungs on record in the ladder's window (ladders of several steps)
    listed: bool = False  # already on the blacklist
    sender_role: Role = "member"  # the sender's platform role (an admin's message needs the owner)


@dataclass(frozen=True)
class Verdict:
    category: Category  # of the gravest finding
    others: tuple[str, ...]  # names of the other categories found
    measures: tuple[Measure, ...]
    rung: int | None  # 1-based rung taken (a ladder of several steps, not exempt)
    blacklists: bool  # remove the account from every managed group too
    ladder: Ladder  # the one that decided; its article is the measures'
    levels: tuple[Level, ...] = field(default=())
    report: bool = False  # an incident report for the outside bodies


def gravest(findings: tuple[Finding, ...]) -> Finding:
    return max(findings, key=lambda f: (f.kind == "illegal", f.severity, -f.piece, -f.start))


def decide(offence: Offence, ladder: Ladder, book: Rulebook | None = None) -> Verdict:
    """The measures for `offence` on `ladder`, the ladder of its gravest finding's category."""
    if not offence.findings:
        raise ValueError("nothing to decide: no findings")
    book = book or runtime.rulebook()
    known = {c.key: c for c in book.category}
    category = known[gravest(offence.findings).category]
    names = dict.fromkeys(known[f.category].name for f in offence.findings)
    names.pop(category.name)
    base = Measure(
        kind="recall",
        article=ladder.article,
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
    step: Step | None = None
    if not offence.exempt:
        step = ladder.steps[min(offence.prior, len(ladder.steps) - 1)]
        rung = offence.prior + 1 if len(ladder.steps) > 1 else None
    return Verdict(
        category=category,
        others=tuple(names),
        measures=(recall, *_measures_of(step, base, offence, rung)),
        rung=rung,
        blacklists=step is not None and step.kind == "blacklist",
        ladder=ladder,
        levels=levels_of(book, ladder.article),
        report=reports_outside(book, ladder.article),
    )


def _measures_of(
    step: Step | None, base: Measure, offence: Offence, rung: int | None
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
