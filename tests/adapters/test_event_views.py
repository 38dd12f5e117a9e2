"""The platform-neutral views the duties read: a posted group message, a group file upload."""

from datetime import UTC, datetime

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
