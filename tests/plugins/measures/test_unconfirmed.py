"""A measure that gets no answer is sealed unconfirmed, never left pending; unconfirmed recalls
are tried again, once each, when the account is back (plugins/measures/retry.py)."""

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from adapters.actions import Action, Done, Outcome, Recall, Refused, Why
from adapters.port import GroupInfo, Platform, Role
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import texts
from plugins.measures.measure import Measure
from plugins.measures.retry import (
    MAX_ATTEMPTS,
    RETRY_MINUTES,
    Attempt,
    retry_unconfirmed,
    to_retry,
)
from plugins.measures.service import carry_out
from tests import accounts

UNCONFIRMED, DONE, FAILED = RecordStatus.UNCONFIRMED, RecordStatus.DONE, RecordStatus.FAILED
NO_ANSWER = Refused(Why.NO_ANSWER, "NetworkError: the connection ended before the answer", -1)


class FakePlatform:
    """The bot as the group's owner; each action answered with the next of `outcomes`."""

    name = "qq"
    self_id = str(accounts.SELF)

    def __init__(self, *outcomes: Outcome | Exception, groups: tuple[int, ...] = ()) -> None:
        self.outcomes = list(outcomes)
        self.performed: list[Action] = []
        self.joined = groups or (accounts.GROUP,)

    async def own_role(self, group_id: int) -> Role | None:
        return "owner"

    async def perform(self, action: Action, *, key: int | None = None) -> Outcome:
        self.performed.append(action)
        outcome = self.outcomes.pop(0) if self.outcomes else Done()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def groups(self) -> list[GroupInfo]:
        return [GroupInfo(g, "群", 3, 500) for g in self.joined]


def _port(fake: FakePlatform) -> Platform:
    return cast(Platform, fake)


def recall(message_id: int = 5001, group_id: int = accounts.GROUP, **detail: Any) -> Measure:
    return Measure(
        kind="recall",
        article=11,
        action=Recall(group_id, message_id),
        group_id=group_id,
        target=accounts.MEMBER,
        unit="XX社區",
        category="confidential",
        reason="標密內容",
        evidence="sha256:ab12",
        detail={"message_id": message_id, **detail},
        target_role="member",
    )


async def test_no_answer_seals_the_record_unconfirmed() -> None:
    record = await carry_out(_port(FakePlatform(NO_ANSWER)), recall())
    stored = await MeasureRecord.get(id=record.id)
    assert stored.status == UNCONFIRMED
    assert "平台無回應" in stored.platform_answer


async def test_a_refusal_with_an_answer_is_still_a_failure() -> None:
    record = await carry_out(_port(FakePlatform(Refused(Why.GONE, "Recall failed"))), recall())
    assert (await MeasureRecord.get(id=record.id)).status == FAILED


async def test_an_error_while_acting_leaves_no_record_pending() -> None:
    with pytest.raises(RuntimeError, match="boom"):
        await carry_out(_port(FakePlatform(RuntimeError("boom"))), recall())
    stored = await MeasureRecord.get()
    assert stored.status == UNCONFIRMED
    assert stored.platform_answer == texts.CUT_SHORT


# --- which recalls are tried again: pure -------------------------------------------------------


def _a(record_id: int, status: RecordStatus, message_id: int | None = 1, **kw: Any) -> Attempt:
    group_id, acted = kw.pop("group_id", accounts.GROUP), kw.pop("acted", True)
    return Attempt(record_id, status, group_id, message_id, acted, **kw)


def test_an_unconfirmed_recall_is_tried_again_once() -> None:
    first = _a(1, UNCONFIRMED)
    assert to_retry([first], [accounts.GROUP]) == [first]
    retried = _a(2, UNCONFIRMED, retry_of=1, attempt=2)
    assert to_retry([first, retried], [accounts.GROUP]) == [retried]  # the retry, not the first
    third = _a(3, UNCONFIRMED, retry_of=2, attempt=MAX_ATTEMPTS)
    assert to_retry([first, retried, third], [accounts.GROUP]) == []  # attempts used up


def test_what_is_not_tried_again() -> None:
    groups = [accounts.GROUP]
    assert to_retry([_a(1, FAILED), _a(2, DONE), _a(3, RecordStatus.REFERRED)], groups) == []
    assert to_retry([_a(1, UNCONFIRMED, message_id=None)], groups) == []  # an upload
    assert to_retry([_a(1, UNCONFIRMED, group_id=accounts.OTHER_GROUP)], groups) == []
    # another recall of the same message was done (a duty's, or a person's command)
    assert to_retry([_a(1, UNCONFIRMED), _a(2, DONE)], groups) == []
    # a record that only notes another duty recalled it says nothing of the recall itself
    noted = _a(2, DONE, acted=False)
    assert to_retry([_a(1, UNCONFIRMED), noted], groups) == [_a(1, UNCONFIRMED)]


def test_one_retry_per_message() -> None:
    a, b = _a(1, UNCONFIRMED), _a(2, UNCONFIRMED)  # two duties' recalls of one message
    assert to_retry([a, b, _a(3, UNCONFIRMED, message_id=2)], [accounts.GROUP]) == [
        a,
        _a(3, UNCONFIRMED, message_id=2),
    ]


# --- trying again through the service ------------------------------------------------------


async def test_an_unconfirmed_recall_is_carried_out_again_linked_to_the_first() -> None:
    first = await carry_out(_port(FakePlatform(NO_ANSWER)), recall(5001))
    back = FakePlatform(Done())

    made = await retry_unconfirmed(_port(back))

    assert back.performed == [Recall(accounts.GROUP, 5001)]
    again = await MeasureRecord.get(id=made[0])
    assert again.status == DONE
    assert again.detail["retry_of"] == first.id
    assert again.detail["attempt"] == 2
    assert again.detail["message_id"] == 5001
    assert (again.action, again.article, again.target) == ("recall", 11, accounts.MEMBER)
    assert (await MeasureRecord.get(id=first.id)).status == UNCONFIRMED  # its seal stays

    assert await retry_unconfirmed(_port(back)) == []  # a second connect changes nothing
    assert back.performed == [Recall(accounts.GROUP, 5001)]


async def test_retries_are_bounded_by_attempts_and_time() -> None:
    await carry_out(_port(FakePlatform(NO_ANSWER)), recall(5002))
    flaky = FakePlatform(*[NO_ANSWER] * 5)
    for _ in range(MAX_ATTEMPTS + 2):
        await retry_unconfirmed(_port(flaky))
    assert flaky.performed == [Recall(accounts.GROUP, 5002)] * (MAX_ATTEMPTS - 1)

    await carry_out(_port(FakePlatform(NO_ANSWER)), recall(5003))
    later = datetime.now(UTC) + timedelta(minutes=RETRY_MINUTES + 1)
    assert await retry_unconfirmed(_port(FakePlatform()), now=later) == []


async def test_a_recall_in_a_group_the_account_is_not_in_waits_for_its_own_account() -> None:
    await carry_out(_port(FakePlatform(NO_ANSWER)), recall(5004, group_id=accounts.OTHER_GROUP))
    elsewhere = FakePlatform(groups=(accounts.GROUP,))
    assert await retry_unconfirmed(_port(elsewhere)) == []
    assert elsewhere.performed == []
