"""Which ids an incoming OneBot event may carry (adapters/onebot_edge.py): a pure check."""

import pytest

from adapters.onebot_edge import INT64_MAX, bad_id, shown_ids
from tests import accounts, napcat


def _message(**changes: object) -> dict[str, object]:
    sender = {"user_id": accounts.MEMBER, "nickname": "張三", "card": "", "role": "member"}
    frame = napcat.group_message(
        12345, accounts.GROUP, "XX社區工作群", accounts.MEMBER, napcat.text("機密內容"), sender
    )
    return {"time": 1, "self_id": accounts.SELF, **frame, **changes}


def test_an_ordinary_message_passes() -> None:
    assert bad_id(_message()) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("group_id", 2**70),
        ("group_id", 0),
        ("group_id", -1),
        ("user_id", -5),
        ("user_id", 0),
        ("user_id", INT64_MAX + 1),
        ("self_id", 0),
        ("message_id", 2**31),
        ("message_id", -(2**31) - 1),
        ("operator_id", -1),
        ("group_id", str(2**70)),  # pydantic would read the digits as a number
        ("group_id", 1e30),
        ("user_id", True),
        ("user_id", 12.5),
        ("user_id", "12a"),
        ("group_id", [1]),
    ],
)
def test_an_id_out_of_range_is_named(field: str, value: object) -> None:
    assert bad_id(_message(**{field: value})) == field


def test_the_edges_of_the_ranges_pass() -> None:
    assert bad_id(_message(group_id=INT64_MAX, user_id=INT64_MAX)) is None
    assert bad_id(_message(message_id=2**31 - 1)) is None
    assert bad_id(_message(message_id=-(2**31))) is None  # go-cqhttp's ids are negative int32
    assert bad_id(_message(group_id=str(accounts.GROUP))) is None  # a digit string is a number


def test_the_senders_id_is_checked_too() -> None:
    frame = _message()
    frame["sender"] = {"user_id": 2**64, "nickname": "x"}
    assert bad_id(frame) == "sender.user_id"


def test_none_is_zero_where_napcat_says_so() -> None:
    joined = napcat.member_joined(accounts.GROUP, accounts.MEMBER, 0)  # operator_id 0: unknown
    assert bad_id({"self_id": accounts.SELF, **joined}) is None
    typing = {  # NapCat's notify/input_status in a private chat (OB11InputStatusEvent.ts)
        "post_type": "notice",
        "notice_type": "notify",
        "sub_type": "input_status",
        "self_id": accounts.SELF,
        "user_id": accounts.MEMBER,
        "group_id": 0,
    }
    assert bad_id(typing) is None
    assert bad_id(_message(group_id=0)) == "group_id"  # a group message has a group


def test_an_absent_or_null_id_is_not_checked() -> None:
    frame = _message()
    del frame["message_id"]
    frame["operator_id"] = None
    assert bad_id(frame) is None


def test_the_logged_line_has_ids_and_never_text() -> None:
    shown = shown_ids(_message(group_id=2**70, user_id="機密內容"))
    assert f"group_id={2**70}" in shown
    assert "user_id=<str>" in shown
    assert shown.startswith("[message.group]")
    assert "機密" not in shown
    assert "張三" not in shown
