"""Join requests where the platform carries no answer and there are no cards (Telegram).

A person proves who they are by answering the bot privately: when they ask to join, the bot
writes to them (a platform like Telegram lets it write to a join applicant for a few minutes)
and keeps the question in the database (models.realname.JoinQuestion). Their next private
message that is not a command is the answer, decided by the pure `join.decide_join` with a
`Claim`; an approval binds the account to the roster person (AccountBinding) before the
platform is asked, so the member's arrival finds them bound. Each measure goes through the
measures service. A question that cannot be sent, or that is not answered within
QUNGUI_JOIN_ANSWER_MINUTES, leaves the request to the admins, who are told privately; nothing
personal is ever posted in a group. Every question is closed once (an atomic update), so the
expiry of several processes, or two answers at once, decide it once.
"""

from datetime import datetime, timedelta

from nonebot.log import logger

from adapters.actions import AnswerJoin, Refused
from adapters.events import JoinRequest
from adapters.port import Platform
from core import accounts, runtime
from core.script import in_script
from core.send import to_people, to_person
from models.measures import RecordStatus
from models.realname import JoinQuestion, QuestionStatus
from models.registry import Group
from plugins.realname import asking_texts, store, texts
from plugins.realname.join import Claim, JoinDecision, answer_text, decide_join
from plugins.realname.measure import act
from plugins.realname.normal import match_key
from plugins.realname.roster_index import RosterIndex
from plugins.realname.rules import duty_group, rules_for, size_and_cap
from plugins.registry import store as registry
from plugins.scanner.redact import redact

JOB_ID = "realname.questions"
CHECK_SECONDS = 30  # how often unanswered questions are looked for (they live in the database)
ANSWER_SHOWN = 100  # characters of an answer passed on to the admins
SUB_TYPE = "add"  # a request to join (AnswerJoin's sub_type; the flag names chat and person)


async def ask(platform: Platform, group: Group, request: JoinRequest, roster: RosterIndex) -> None:
    """Ask the applicant privately who they are; when that cannot be sent, or the group's unit
    has no roster to check an answer against, tell the admins instead."""
    if not roster.has_unit(match_key(group.unit.name)):
        outcome = asking_texts.outcome_join_waiting(texts.JOIN_NO_ROSTER)
        await _tell_admins(platform, group, request.user_id, None, outcome)
        return
    question = await store.ask(
        platform=platform.name,
        bot_id=platform.self_id,
        group_id=group.group_id,
        user_id=request.user_id,
        flag=request.flag,
    )
    minutes = runtime.settings().qungui_join_answer_minutes
    words = asking_texts.join_question(group.name, group.unit.name, minutes)
    sent = await to_person(platform, request.reach or request.user_id, words, about=group.group_id)
    if isinstance(sent, Refused) and await store.close_question(
        question, QuestionStatus.UNREACHABLE
    ):
        outcome = asking_texts.outcome_join_waiting(asking_texts.JOIN_UNREACHABLE)
        await _tell_admins(platform, group, request.user_id, None, outcome)


async def awaits_answer(platform_name: str, bot_id: str, user_id: int) -> bool:
    return bool(await store.open_questions(platform_name, bot_id, user_id))


async def take_answer(platform: Platform, user_id: int, text: str) -> None:
    """A private message from an applicant: the answer to each of their open questions."""
    for question in await store.open_questions(platform.name, platform.self_id, user_id):
        try:
            await _decide(platform, question, text)
        except Exception:  # one group's failure must not hold up the applicant's other request
            logger.exception(f"join answer for group {question.group_id} not decided")


async def _decide(platform: Platform, question: JoinQuestion, text: str) -> None:
    if not await store.close_question(question, QuestionStatus.ANSWERED):
        return  # expired or decided meanwhile
    group = await duty_group(question.platform, question.group_id)
    if group is None:
        return  # the duty was switched off meanwhile: the request waits for the admins
    user_id = question.user_id
    rules = await rules_for(group)
    members, cap = await size_and_cap(platform, group, rules)
    roster = await store.roster_index()
    claim = await _claim(platform.name, user_id, roster)
    decision = decide_join(
        user_id,
        text,
        blacklisted=await store.is_blacklisted(platform.name, user_id),
        member_count=members,
        member_cap=cap,
        auto_approve=rules.auto_approve,
        roster=roster,
        group_unit=group.unit.name,
        claim=claim,
    )
    # Masked before it is cut: a number cut in half would no longer be found.
    said = redact(answer_text(text))[:ANSWER_SHOWN]
    entry = decision.entry
    listed = texts.roster_person(entry.unit, entry.name, entry.status) if entry else ""
    if decision.kind == "ask_admins":
        matched = entry.account if entry and decision.why == "auto_approve_off" else None
        await store.note_outcome(question, None, matched)
        await to_person(
            platform, user_id, asking_texts.join_answer_waiting(group.name), about=group.group_id
        )
        outcome = asking_texts.outcome_join_waiting(decision.reason)
        await _tell_admins(platform, group, user_id, said, outcome, listed)
        return
    outcome = await _answer(platform, group, question, decision, claim)
    await _tell_admins(platform, group, user_id, said, outcome, listed)


async def _answer(
    platform: Platform, group: Group, question: JoinQuestion, decision: JoinDecision, claim: Claim
) -> str:
    """Approve (the account bound first) or refuse; tell the applicant; the admins' outcome."""
    user_id, approve = question.user_id, decision.kind == "approve"
    newly_bound = (
        approve
        and decision.entry is not None
        and claim.bound is None
        and await store.bind(platform.name, user_id, decision.entry.account, group.group_id)
    )
    shown = "" if approve else in_script(decision.reason, runtime.settings().qungui_script)
    kind = "join_approve" if approve else "join_refuse"
    answer = AnswerJoin(question.flag, SUB_TYPE, approve, shown)
    record = await act(platform, group, kind, user_id, decision.why, decision.reason, answer)
    await store.note_outcome(question, record.id)
    if record.status != RecordStatus.DONE:
        if newly_bound and record.status == RecordStatus.FAILED:
            await store.unbind(platform.name, user_id)  # not let in: bound on a later answer
        return asking_texts.outcome_join_failed(approve, record.platform_answer)
    words = (
        asking_texts.join_answer_approved(group.name)
        if approve
        else asking_texts.join_answer_refused(group.name, decision.reason)
    )
    await to_person(platform, user_id, words, about=group.group_id)
    return (
        asking_texts.OUTCOME_JOIN_APPROVED
        if approve
        else asking_texts.outcome_join_refused(decision.reason)
    )


async def _claim(platform_name: str, user_id: int, roster: RosterIndex) -> Claim:
    bound = await store.bound_account(platform_name, user_id)
    entry = roster.by_account(bound) if bound is not None else None
    return Claim(entry, frozenset(await store.taken_accounts(platform_name, user_id)))


async def _tell_admins(
    platform: Platform,
    group: Group,
    user_id: int,
    said: str | None,
    outcome: str,
    listed: str = "",
) -> None:
    notice = asking_texts.join_private_notice(
        group.group_id, group.unit.name, user_id, said, outcome, listed
    )
    await to_people(platform, await registry.admin_ids(group), notice, about=group.group_id)


async def expire(at: datetime | None = None) -> None:
    """One run of the job: every question unanswered past its window is closed and left to the
    group's admins, who are told. A question is taken by the account that asked it, else by an
    account of this process in the group; none here: another process, or a later run."""
    at = at or store.now()
    minutes = runtime.settings().qungui_join_answer_minutes
    for question in await store.questions_due(at - timedelta(minutes=minutes)):
        local = accounts.local_platforms(question.platform)
        platform = local.get(question.bot_id) or accounts.platform_for_group(
            question.platform, question.group_id
        )
        if platform is None:
            continue
        try:
            if not await store.close_question(question, QuestionStatus.EXPIRED):
                continue
            group = await duty_group(question.platform, question.group_id)
            if group is not None:
                outcome = asking_texts.outcome_join_waiting(asking_texts.join_no_reply(minutes))
                await _tell_admins(platform, group, question.user_id, None, outcome)
        except Exception:  # one group's failure must not hold up the other questions
            logger.exception(f"join question {question.id} not expired")
