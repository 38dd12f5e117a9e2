"""What the real-name duty does without a command (COMMANDS.md): join requests, new members,
card changes and departures. Decisions come from the pure modules, measures go through the
measures service, platform calls through the paced port. Where a platform has no cards or join
answers (Telegram), applicants answer privately (plugins/realname/asking.py) and a member is known
by the account's binding to a roster person instead of by a card.
"""

from adapters.actions import AnswerJoin, Kick, Refused, SetCard, Why
from adapters.events import CardChange, JoinRequest, MemberChange
from adapters.message import Mention, Text
from adapters.port import Member, Platform
from core import runtime
from core.script import in_script
from core.send import to_group, to_people
from models.measures import RecordStatus
from models.realname import DeadlineStatus
from models.registry import Group
from plugins.realname import asking, asking_texts, store, texts
from plugins.realname.card import CardVerdict, explain, judge
from plugins.realname.checks import accepted, card_to_set
from plugins.realname.deadline import deadline_for
from plugins.realname.join import JoinDecision, answer_text, before_answer, decide_join
from plugins.realname.measure import act
from plugins.realname.rules import GroupRules, duty_group, rules_for, size_and_cap
from plugins.realname.wording import street_time
from plugins.registry import store as registry
from plugins.scanner.redact import redact

ANSWER_SHOWN = 100  # characters of a join answer passed on to the admins


async def screen_request(platform: Platform, request: JoinRequest) -> None:
    """Refuse, approve, or leave a join request to the admins (and tell them). Where requests
    carry no answer, what needs none is decided here and the applicant is asked for the rest."""
    group = await duty_group(request.platform, request.group_id)
    if group is None:
        return
    rules = await rules_for(group)
    members, cap = await size_and_cap(platform, group, rules)
    blacklisted = await store.is_blacklisted(request.platform, request.user_id)
    roster = await store.roster_index()
    if not platform.can.join_answers:
        early = before_answer(blacklisted=blacklisted, member_count=members, member_cap=cap)
        if early is None:
            await asking.ask(platform, group, request, roster)
        else:
            await _answer_request(platform, group, request, early, cap)
        return
    decision = decide_join(
        request.user_id,
        request.comment,
        blacklisted=blacklisted,
        member_count=members,
        member_cap=cap,
        auto_approve=rules.auto_approve,
        roster=roster,
        group_unit=group.unit.name,
    )
    await _answer_request(platform, group, request, decision, cap)


async def _answer_request(
    platform: Platform, group: Group, request: JoinRequest, decision: JoinDecision, cap: int
) -> None:
    admins = await registry.admin_ids(group)
    if decision.kind == "ask_admins":
        entry = decision.entry
        listed = texts.roster_person(entry.unit, entry.name, entry.status) if entry else ""
        # Masked before it is cut: a number cut in half would no longer be found.
        said = redact(answer_text(request.comment))[:ANSWER_SHOWN]
        notice = texts.join_request_notice(
            group.group_id, group.unit.name, request.user_id, said, decision.reason, listed
        )
        await to_people(platform, admins, notice, about=group.group_id)
        return
    approve = decision.kind == "approve"
    shown_reason = "" if approve else in_script(decision.reason, runtime.settings().qungui_script)
    answer = AnswerJoin(request.flag, request.sub_type, approve, shown_reason)
    kind = "join_approve" if approve else "join_refuse"
    await act(platform, group, kind, request.user_id, decision.why, decision.reason, answer)
    if decision.why == "full":
        notice = texts.join_full_notice(group.group_id, group.unit.name, request.user_id, cap)
        await to_people(platform, admins, notice, about=group.group_id)


async def welcome(platform: Platform, joined: MemberChange) -> None:
    """A new member: removed when blacklisted, given the roster's card, or asked to set one;
    where there are no cards, known by their binding, or reported to the admins without one."""
    if str(joined.user_id) == platform.self_id:
        return
    group = await duty_group(joined.platform, joined.group_id)
    if group is None:
        return
    if await store.is_blacklisted(joined.platform, joined.user_id):
        kick = Kick(group.group_id, joined.user_id, refuse_future=True)
        reason = texts.REASON_BLACKLISTED_JOINED
        record = await act(platform, group, "kick", joined.user_id, "blacklist", reason, kick)
        done = record.status == RecordStatus.DONE
        notice = texts.blacklisted_removed_notice(
            group.group_id, group.unit.name, joined.user_id, done
        )
        await to_people(platform, await registry.admin_ids(group), notice, about=group.group_id)
        return
    if not platform.can.set_card:
        await _without_card(platform, group, joined.user_id)
        return
    rules = await rules_for(group)
    roster = await store.roster_index()
    # Read the card first: a member may join with one already (ONEBOT.md, group_increase).
    member = await platform.member(group.group_id, joined.user_id)
    if isinstance(member, Refused) and member.why is Why.NOT_MEMBER:
        return  # gone again before the welcome
    verdict = CardVerdict("malformed")
    if isinstance(member, Member) and member.card:
        verdict = judge(member.card, rules.rule, roster, group.unit.name, account=joined.user_id)
        if accepted(verdict, joined.user_id, roster):
            return
    card = card_to_set(joined.user_id, rules.rule, roster, group.unit.name)
    if card is not None:
        set_card = SetCard(group.group_id, joined.user_id, card)
        if (await platform.perform(set_card, key=group.group_id)).ok:
            return
    problem = explain(verdict, rules.rule, group.unit.name)
    await ask_for_card(platform, group, rules, joined.user_id, problem, first=True)


async def _without_card(platform: Platform, group: Group, user_id: int) -> None:
    """No card to read or set, and no deadline: a member is known by their account's binding.
    One the admins let in after a matching answer is bound now; one nobody asked (added
    directly) may never have started the bot, so the admins are told, privately."""
    if await store.bound_account(platform.name, user_id) is not None:
        return
    matched = await store.matched_question(platform.name, group.group_id, user_id)
    taken = await store.taken_accounts(platform.name, user_id)
    if matched is not None and matched.person_account not in taken:
        assert matched.person_account is not None
        if await store.bind(platform.name, user_id, matched.person_account, group.group_id):
            return
    notice = asking_texts.joined_unproved_notice(group.group_id, group.unit.name, user_id)
    await to_people(platform, await registry.admin_ids(group), notice, about=group.group_id)


async def ask_for_card(
    platform: Platform, group: Group, rules: GroupRules, user_id: int, problem: str, *, first: bool
) -> None:
    """Open the member's deadline (in the database first), then @mention them with it."""
    joined_at = store.now()
    due = deadline_for(joined_at, runtime.realname_rules().card_deadline_hours)
    await store.open_deadline(
        platform=platform.name,
        bot_id=platform.self_id,
        group_id=group.group_id,
        user_id=user_id,
        joined_at=joined_at,
        deadline=due,
    )
    when = street_time(due)
    words = (
        texts.card_prompt(problem, when, rules.remove_after_deadline)
        if first
        else texts.card_recheck_prompt(problem, when)
    )
    await to_group(platform, group.group_id, (Mention(user_id), Text(words)))


async def card_changed(platform: Platform, change: CardChange) -> None:
    """A compliant card clears the member's deadline; a card changed to a bad one opens one."""
    if str(change.user_id) == platform.self_id:
        return
    group = await duty_group(change.platform, change.group_id)
    if group is None:
        return
    rules = await rules_for(group)
    roster = await store.roster_index()
    verdict = judge(change.card_new, rules.rule, roster, group.unit.name, account=change.user_id)
    pending = await store.open_deadline_of(change.platform, change.group_id, change.user_id)
    if accepted(verdict, change.user_id, roster):
        if pending is not None:
            await store.close(pending, DeadlineStatus.CLEARED)
        return
    if pending is None:
        problem = explain(verdict, rules.rule, group.unit.name)
        await ask_for_card(platform, group, rules, change.user_id, problem, first=False)


async def member_gone(left: MemberChange) -> None:
    """A member left: their deadline ends. The bot itself removed: every deadline there ends."""
    only = None if str(left.user_id) == left.bot_id else [left.user_id]
    await store.close_open(left.platform, left.group_id, DeadlineStatus.LEFT, only)
