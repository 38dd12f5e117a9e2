"""Telegram updates, parsed by the real adapter, read as the neutral views."""

import pytest

from adapters import events, telegram_people
from adapters.telegram_events import NAME, flag_parts
from adapters.views import JoinRequest, MemberChange, Sender
from tests import telegram as tg


@pytest.fixture(autouse=True)
def _nobody_known() -> None:
    telegram_people.forget()


def test_a_group_message_names_its_platform_chat_and_sender() -> None:
    event = tg.event(tg.group_message("你好", tg.MEMBER))
    # Telegram says no role: unknown until the chat's admins are known
    assert events.sender_of(event) == Sender(NAME, tg.MEMBER, tg.GROUP, None)
    assert events.group_of(event) == (NAME, tg.GROUP)
    posted = events.posted_of(event)
    assert posted is not None
    assert posted.platform == NAME
    assert posted.group_id == tg.GROUP
    assert not posted.from_self


def test_a_known_admin_is_read_as_one() -> None:
    telegram_people.note_admins(tg.GROUP, {tg.ADMIN: "admin", tg.OWNER: "owner"})
    event = tg.event(tg.group_message("你好", tg.ADMIN))
    assert events.sender_of(event) == Sender(NAME, tg.ADMIN, tg.GROUP, "admin")
    member = tg.event(tg.group_message("你好", tg.MEMBER))
    assert events.sender_of(member) == Sender(NAME, tg.MEMBER, tg.GROUP, "member")


def test_a_private_message_has_no_group() -> None:
    event = tg.event(tg.private_message("/群規", tg.MEMBER))
    assert events.sender_of(event) == Sender(NAME, tg.MEMBER, None, None)
    assert events.group_of(event) is None


def test_the_stable_key_is_the_chat_and_its_message_id() -> None:
    one = tg.event(tg.group_message("同一條", message_id=41))
    same = tg.event(tg.group_message("同一條", message_id=41))
    other_chat = tg.event(tg.group_message("同一條", group_id=tg.OTHER_GROUP, message_id=41))
    assert events.stable_key(one) == events.stable_key(same)
    assert events.stable_key(one) != events.stable_key(other_chat)


def test_text_caption_and_document_name_reach_the_scanner() -> None:
    from adapters import telegram_edge

    raw = tg.document_message("機密-名單.xlsx", caption="請看附件")
    telegram_edge.keep_raw([raw])
    segments = events.as_received(tg.event(raw))
    assert {"type": "text", "data": {"text": "請看附件"}} in segments
    assert {"type": "file", "data": {"name": "機密-名單.xlsx"}} in segments


def test_a_reply_is_quoted_with_its_text() -> None:
    quoted = tg.group_message("原話", tg.ADMIN)["message"]
    event = tg.event(tg.group_message("回覆", reply_to_message=quoted))
    found = events.quoted_by(event)
    assert found is not None
    assert (found.message_id, found.sender_id, found.text) == (
        quoted["message_id"],
        tg.ADMIN,
        "原話",
    )
    fetched = events.quote_fetched(event)
    assert fetched == (
        str(quoted["message_id"]),
        {"message": [{"type": "text", "data": {"text": "原話"}}]},
    )


def test_a_text_mention_and_a_seen_username_are_mentions() -> None:
    telegram_people.note_user(tg.ADMIN, "li_si", "李四")
    text = "/交接管理員 王五 @li_si"
    entities = [tg.text_mention(7, 2, tg.OWNER), {"type": "mention", "offset": 10, "length": 6}]
    event = tg.event(tg.group_message(text, entities=entities))
    args = events.parse_args(event.get_message())
    assert args.mentions == (tg.OWNER, tg.ADMIN)
    assert args.words == ("/交接管理員",)


def test_an_unknown_username_stays_a_word() -> None:
    event = tg.event(
        tg.group_message("@nobody", entities=[{"type": "mention", "offset": 0, "length": 7}])
    )
    assert events.parse_args(event.get_message()).mentions == ()


def test_a_join_request_carries_no_answer_and_where_to_write() -> None:
    request = events.join_request_of(tg.event(tg.join_request(tg.STRANGER)))
    assert request == JoinRequest(
        NAME, "", tg.GROUP, tg.STRANGER, "", f"{tg.GROUP}:{tg.STRANGER}", "add", tg.STRANGER
    )
    assert flag_parts(request.flag) == (tg.GROUP, tg.STRANGER)


def test_chat_member_updates_are_joins_and_leaves() -> None:
    joined = tg.event(tg.member_update(tg.MEMBER, "left", "member"))
    assert events.member_joined(joined) == MemberChange(NAME, "", tg.GROUP, tg.MEMBER, None)
    assert events.member_left(joined) is None
    kicked = tg.event(tg.member_update(tg.MEMBER, "member", "kicked", by=tg.ADMIN))
    assert events.member_left(kicked) == MemberChange(NAME, "", tg.GROUP, tg.MEMBER, tg.ADMIN)
    telegram_people.note_admins(tg.GROUP, {tg.OWNER: "owner"})  # listed once: kept current
    promoted = tg.event(tg.member_update(tg.MEMBER, "member", "administrator", by=tg.OWNER))
    assert events.member_joined(promoted) is None
    assert events.member_left(promoted) is None
    assert telegram_people.role(tg.GROUP, tg.MEMBER) == "admin"


def test_one_member_read_does_not_make_the_admins_known() -> None:
    telegram_people.note_role(tg.GROUP, tg.ADMIN, "admin")
    assert not telegram_people.admins_known(tg.GROUP)
    event = tg.event(tg.group_message("你好", tg.ADMIN))
    assert events.sender_of(event) == Sender(NAME, tg.ADMIN, tg.GROUP, None)  # asked again


def test_the_bot_removed_is_the_bot_leaving() -> None:
    gone = tg.event(tg.member_update(tg.SELF, "administrator", "left", about_bot=True))
    assert events.self_left(gone)
    other = tg.event(tg.member_update(tg.MEMBER, "member", "left"))
    assert not events.self_left(other)


def test_an_edited_group_message_is_a_posting_read_anew_but_never_a_command() -> None:
    first = tg.group_message("會議改到三點", tg.MEMBER, message_id=77)
    body = {**first["message"], "text": "會議材料（機密★1年）", "edit_date": tg.now() + 5}
    edited = tg.event(tg.update("edited_message", body))
    assert events.is_edit(edited)
    assert not events.is_edit(tg.event(first))
    posted = events.posted_of(edited)
    assert posted is not None
    assert (posted.group_id, posted.message_id, posted.user_id) == (tg.GROUP, 77, tg.MEMBER)
    assert posted.edited_at is not None
    assert {"type": "text", "data": {"text": "會議材料（機密★1年）"}} in events.as_received(edited)
    assert events.stable_key(edited) != events.stable_key(tg.event(first))
