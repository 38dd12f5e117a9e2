"""adapters.onebot_log: NoneBot's line for each event, as the adapter parses NapCat's, holds the
event's name and ids and none of what people wrote."""

import time
from typing import Any

import pytest
from nonebot.adapters.onebot.v11 import Adapter, Event
from nonebot.adapters.onebot.v11.exception import NoLogException

from adapters.onebot_log import log_string, quiet_event_logs
from tests import accounts, napcat

SECRET = "機密★1年 110101199003077571"


def _event(data: dict[str, Any]) -> Event:
    event = Adapter.json_to_event({"time": int(time.time()), "self_id": accounts.SELF, **data})
    assert event is not None
    return event


SENDER = {"user_id": accounts.MEMBER, "nickname": SECRET, "card": SECRET, "role": "member"}
EVENTS = [
    (
        napcat.group_message(
            7, accounts.GROUP, SECRET, accounts.MEMBER, napcat.text(SECRET), SENDER
        ),
        f"[message.group.normal]: group_id={accounts.GROUP} user_id={accounts.MEMBER} message_id=7",
    ),
    (
        napcat.private_message(8, accounts.MEMBER, SECRET),
        f"[message.private.friend]: user_id={accounts.MEMBER} target_id={accounts.MEMBER}"
        " message_id=8",
    ),
    (
        napcat.card_changed(accounts.GROUP, accounts.MEMBER, SECRET, SECRET),
        f"[notice.group_card]: group_id={accounts.GROUP} user_id={accounts.MEMBER}",
    ),
    (
        napcat.join_request(accounts.GROUP, accounts.MEMBER, f"問題：姓名\n答案：{SECRET}", "f"),
        f"[request.group.add]: group_id={accounts.GROUP} user_id={accounts.MEMBER}",
    ),
    (
        napcat.member_joined(accounts.GROUP, accounts.MEMBER, accounts.ADMIN),
        f"[notice.group_increase.approve]: group_id={accounts.GROUP} user_id={accounts.MEMBER}"
        f" operator_id={accounts.ADMIN}",
    ),
    (  # an id field carrying text is not an id
        {"post_type": "notice", "notice_type": "x", "group_id": SECRET, "user_id": True},
        "[notice.x]",
    ),
]


@pytest.mark.parametrize(("data", "line"), EVENTS)
def test_the_line_names_the_event_and_its_ids_only(data: dict[str, Any], line: str) -> None:
    event = _event(data)
    assert log_string(event) == line


def test_quiet_event_logs_makes_it_nonebots_line_and_meta_events_stay_unlogged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Event, "get_log_string", Event.get_log_string)  # undone after the test
    data, line = EVENTS[0]
    assert SECRET in _event(data).get_log_string()  # what NoneBot logs by itself
    quiet_event_logs()
    assert _event(data).get_log_string() == line
    heartbeat = _event(
        {"post_type": "meta_event", "meta_event_type": "heartbeat", "status": {}, "interval": 5}
    )
    with pytest.raises(NoLogException):
        heartbeat.get_log_string()
