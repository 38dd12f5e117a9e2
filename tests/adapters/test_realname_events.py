"""The platform-neutral views of join requests and member notices, from NapCat's JSON."""

from typing import Any

from nonebot.adapters.onebot.v11 import Adapter

from adapters.events import (
    CardChange,
    JoinRequest,
    MemberChange,
    card_changed,
    join_request_of,
    member_joined,
    member_left,
)


def event(**data: Any) -> Any:
    parsed = Adapter.json_to_event({"time": 1_700_000_000, "self_id": 99999, **data})
    assert parsed is not None
    return parsed


def test_a_join_request_reads_as_one_and_an_invitation_does_not() -> None:
    request = event(
        post_type="request",
        request_type="group",
        sub_type="add",
        group_id=700100,
        user_id=50002,
        comment="問題：姓名\n答案：張三",
        flag="f-1",
        invitor_id=0,
    )
    assert join_request_of(request) == JoinRequest(
        "qq", "99999", 700100, 50002, "問題：姓名\n答案：張三", "f-1", "add"
    )
    invite = event(
        post_type="request",
        request_type="group",
        sub_type="invite",
        group_id=700100,
        user_id=50002,
        flag="f-2",
    )
    assert join_request_of(invite) is None
    assert member_joined(request) is None


def test_members_joining_and_leaving() -> None:
    joined = event(
        post_type="notice",
        notice_type="group_increase",
        sub_type="approve",
        group_id=700100,
        user_id=50002,
        operator_id=40001,
    )
    assert member_joined(joined) == MemberChange("qq", "99999", 700100, 50002, 40001)
    assert member_left(joined) is None
    gone = event(
        post_type="notice",
        notice_type="group_decrease",
        sub_type="leave",
        group_id=700100,
        user_id=50002,
        operator_id=0,
    )
    assert member_left(gone) == MemberChange("qq", "99999", 700100, 50002, None)
    assert card_changed(gone) is None


def test_napcats_group_card_notice_with_numbers_or_strings() -> None:
    for group_id, user_id in ((700100, 50002), ("700100", "50002")):
        notice = event(
            post_type="notice",
            notice_type="group_card",
            group_id=group_id,
            user_id=user_id,
            card_new="XX社區-張三",
            card_old="",
        )
        assert card_changed(notice) == CardChange("qq", "99999", 700100, 50002, "XX社區-張三", "")
    broken = event(post_type="notice", notice_type="group_card", group_id="x", user_id=1)
    assert card_changed(broken) is None
