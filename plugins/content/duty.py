"""Carrying out the content duty for one message: gather the facts, decide, act, tell, report.

Deciding is `policy.decide` (pure); acting is `carry_out`, one record per measure, in the order the
verdict lists them; a blacklisting then reaches every other managed group.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from nonebot.adapters import Bot, Event
from nonebot.log import logger

from adapters.events import Posted, platform_for
from adapters.message import Mention, Text
from adapters.port import GroupInfo, Platform
from core import runtime
from core.people import routes
from core.script import in_script
from core.send import file_to_person, to_group
from models.measures import MeasureRecord, RecordStatus
from plugins.content import store, texts
from plugins.content.burst import BurstWatch
from plugins.content.categories import category
from plugins.content.policy import Offence, Verdict, decide, gravest
from plugins.measures import blacklist
from plugins.measures.authority import fitted
from plugins.measures.escalation import Level, recipients
from plugins.measures.evidence import digest, reference
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out, escalate
from plugins.measures.sweep import remove_everywhere
from plugins.registry import store as registry
from plugins.registry.roles import Role, is_protected, roles_in_event
from plugins.scanner.findings import Finding
from plugins.scanner.redact import mask_term
from plugins.scanner.service import ScanResult

EXEMPT = {Role.REGISTERED_ADMIN, Role.UNIT_LEADER, Role.DEPARTMENT}
_watch: BurstWatch | None = None


def burst_watch() -> BurstWatch:
    global _watch
    if _watch is None:
        s = runtime.settings()
        _watch = BurstWatch(s.qungui_burst_count, s.qungui_burst_minutes)
    return _watch


def forget() -> None:
    """Drop the burst counts (tests start from nothing)."""
    global _watch
    _watch = None


async def handle(
    bot: Bot,
    event: Event,
    posted: Posted,
    result: ScanResult,
    findings: list[Finding],
    recalled_by: str | None,
) -> Verdict:
    """Everything the duty does about one message with findings that count."""
    platform_name, group_id, user_id = posted.platform, posted.group_id, posted.user_id
    group = await registry.find_group(platform_name, group_id)
    unit = group.unit.name if group is not None else ""
    book = runtime.rulebook()
    policy, _ = await store.policy_of(platform_name, group_id)
    # Nobody may blacklist or remove the department, a unit leader or a superuser: the duty
    # recalls and reports their message as it does an admin's, and takes no measure on them.
    exempt = bool(await roles_in_event(bot, event) & EXEMPT) or is_protected(
        platform_name, user_id, bot.self_id
    )
    first = gravest(tuple(findings))
    ladder = policy.ladder_for(book, category(first.category))
    prior = 0
    if len(ladder.steps) > 1 and not exempt:
        since = datetime.now(UTC) - timedelta(days=ladder.window_days)
        prior = await store.rungs_on_record(platform_name, group_id, user_id, since)
    offence = Offence(
        platform=platform_name,
        group_id=group_id,
        unit=unit,
        user_id=user_id,
        message_id=posted.message_id,
        findings=tuple(findings),
        evidence=reference(
            posted.message_id,
            mask_term(result.matched_text(first)),
            digest(p.text for p in result.pieces),
        ),
        exempt=exempt,
        recalled_by=recalled_by,
        prior=prior,
        sender_role=posted.role,
        listed=await blacklist.active(platform_name, user_id) is not None,
    )
    platform = platform_for(bot)
    verdict = decide(offence, ladder, book)
    verdict = replace(verdict, measures=tuple(fitted(m, platform.can) for m in verdict.measures))
    records = [await carry_out(platform, measure) for measure in verdict.measures]
    if verdict.blacklists:
        sweep = verdict.measures[-1]
        records += [r.record for r in await remove_everywhere(platform, sweep, skip=group_id)]
    await _tell_group(platform, verdict, records, group_id, user_id)
    outcomes = [_outcome(m, r) for m, r in zip(verdict.measures, records, strict=False)]
    outcomes += [_outcome(verdict.measures[-1], r) for r in records[len(verdict.measures) :]]
    org = runtime.org()
    bodies = list(org.escalation.outside_bodies) if verdict.report else []
    rung = texts.rung_line(verdict.rung, ladder.window_days) if verdict.rung else None
    notice = texts.leaders_notice(
        category=verdict.category,
        group_id=group_id,
        unit=unit,
        user_id=user_id,
        message_id=posted.message_id,
        evidence=offence.evidence,
        outcomes=outcomes,
        exempt=exempt,
        rung=rung,
        report_to=bodies,
        article=ladder.article,
    )
    await escalate(platform, unit, verdict.levels, notice, about=group_id)
    if verdict.report:
        await _report(platform, offence, verdict, records, outcomes, posted.at)
    count = burst_watch().note((platform_name, group_id), posted.at)
    if count is not None:
        burst = texts.burst_notice(group_id, unit, count, runtime.settings().qungui_burst_minutes)
        await escalate(platform, unit, [Level.STREET, Level.CYBERSPACE], burst, about=group_id)
    return verdict


def _outcome(measure: Measure, record: MeasureRecord) -> str:
    seconds = int(measure.detail.get("seconds", 0))
    name = texts.measure_name(measure.kind, seconds)
    if measure.kind == "recall" and measure.action is None:
        return texts.outcome_line(name, "done", "") + "（由其他職責撤回）"
    if measure.kind == "kick" and record.group_id != measure.group_id:
        name = f"移出群 {record.group_id}"
    return texts.outcome_line(name, record.status.value, record.platform_answer)


async def _tell_group(
    platform: Platform,
    verdict: Verdict,
    records: list[MeasureRecord],
    group_id: int,
    user_id: int,
) -> None:
    """@the sender: the category and what was done here (another duty's recall is its to tell)."""
    done: list[str] = []
    failed: list[str] = []
    for measure, record in zip(verdict.measures, records, strict=False):
        if measure.action is None and measure.kind == "recall":
            continue
        seconds = int(measure.detail.get("seconds", 0))
        ok = record.status == RecordStatus.DONE
        (done if ok else failed).append(
            texts.done_part(measure.kind, seconds)
            if ok
            else texts.measure_name(measure.kind, seconds)
        )
    said = texts.group_notice(verdict.category, done, failed, article=verdict.ladder.article)
    await to_group(platform, group_id, (Mention(user_id), Text(said)))


async def _report(
    platform: Platform,
    offence: Offence,
    verdict: Verdict,
    records: list[MeasureRecord],
    outcomes: list[str],
    at: datetime,
) -> None:
    """Write the incident report and send it to the street leaders (Art. 8 by default: the
    ladder's article tells the outside bodies)."""
    org, settings = runtime.org(), runtime.settings()
    local = at.astimezone(ZoneInfo(org.street.timezone))
    info = await platform.group(offence.group_id)
    text = texts.incident_report(
        street=org.street.name,
        when=f"{local:%Y-%m-%d %H:%M:%S}",
        group_id=offence.group_id,
        group_name=info.name if isinstance(info, GroupInfo) else "",
        unit=offence.unit,
        user_id=offence.user_id,
        category=verdict.category,
        others=verdict.others,
        message_id=offence.message_id,
        evidence=offence.evidence,
        outcomes=outcomes,
        exempt=offence.exempt,
        outside_bodies=org.escalation.outside_bodies,
        record_ids=[r.id for r in records],
        article=verdict.ladder.article,
    )
    stamp = f"{local:%Y%m%d-%H%M%S}"
    name = in_script(
        texts.report_file_name(stamp, offence.group_id, records[0].id), settings.qungui_script
    )
    path = store.write_report(name, in_script(text, settings.qungui_script))
    leaders = recipients(org, offence.unit, [Level.STREET])
    for route in routes(platform, leaders, about=offence.group_id):
        for leader in route.user_ids:
            answer = await file_to_person(route.port, leader, str(path), name, about=route.about)
            if not answer.ok:
                logger.warning(f"incident report {path.name} not sent to {leader}: {answer}")
