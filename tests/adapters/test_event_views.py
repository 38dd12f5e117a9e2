"""The platform-neutral views the duties read: a posted group message, a group file upload."""

from datetime import UTC, datetime
from typing import Any

from nonebot.adapters.onebot.v11 import GroupUploadNoticeEvent
from nonebot.adapters.onebot.v11.event import File

from adapters.events import Posted, Upload, posted_of, upload_of
from tests import accounts
from tests.factories import group_msg, private_msg


def test_posted_of_reads_a_group_message_and_knows_the_bots_own() -> None:
    event = group_msg("hello", accounts.MEMBER)
    assert posted_of(event) == Posted(
        "qq",
        accounts.GROUP,
        accounts.MEMBER,
        event.message_id,
        datetime.fromtimestamp(event.time, UTC),
        False,
    )
    own = posted_of(group_msg("hello", accounts.SELF))
    assert own is not None
    assert own.from_self
    assert posted_of(private_msg("hello", accounts.MEMBER)) is None


def test_upload_of_reads_napcats_group_upload_notice() -> None:
    event = GroupUploadNoticeEvent(
        time=1_700_000_000,
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_upload",
        user_id=accounts.MEMBER,
        group_id=accounts.GROUP,
        file=File(id="/abc", name="方案.docx", size=10, busid=102),
    )
    assert upload_of(event) == Upload(
        "qq",
        accounts.GROUP,
        accounts.MEMBER,
        "/abc",
        "方案.docx",
        10,
        datetime.fromtimestamp(1_700_000_000, UTC),
        False,
    )
    assert upload_of(group_msg("hello")) is None


def test_the_bots_role_follows_the_notices_about_it() -> None:
    from nonebot.adapters.onebot.v11 import GroupAdminNoticeEvent, GroupDecreaseNoticeEvent

    from adapters import events
    from adapters.account import Account
    from adapters.pacing import Limiter

    account = Account(Limiter(1, 1, 0), roles={700100: "member"})
    events._accounts["OneBot V11:99999"] = account
    base: dict[str, Any] = {"time": 1, "self_id": 99999, "post_type": "notice", "group_id": 700100}
    set_ = GroupAdminNoticeEvent(**base, notice_type="group_admin", sub_type="set", user_id=99999)
    events.note_own_role(set_)
    assert account.roles[700100] == "admin"
    other = GroupAdminNoticeEvent(**base, notice_type="group_admin", sub_type="unset", user_id=5)
    events.note_own_role(other)
    assert account.roles[700100] == "admin"  # someone else's rights: not the bot's
    unset = GroupAdminNoticeEvent(
        **base, notice_type="group_admin", sub_type="unset", user_id=99999
    )
    events.note_own_role(unset)
    assert account.roles[700100] == "member"
    removed = GroupDecreaseNoticeEvent(
        **base, notice_type="group_decrease", sub_type="kick_me", user_id=99999, operator_id=1
    )
    events.note_own_role(removed)
    assert 700100 not in account.roles


def test_a_message_time_in_seconds_or_milliseconds_and_nonsense() -> None:
    from adapters.events import message_time

    at = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert message_time(int(at.timestamp())) == at
    assert message_time(int(at.timestamp()) * 1000) == at  # NapCat's fallback (ob/api/msg.ts)
    assert message_time(0) is None
    assert message_time(2**70) is None
    assert message_time("1") is None
