"""A command's argument keeps its segments: a mention picked in the Telegram client stays one."""

from nonebot.adapters.onebot.v11 import Message, MessageSegment

from adapters.events import parse_args
from core.dispatch import command_arg
from tests import telegram as tg


def test_a_telegram_mention_right_after_the_command_word_is_kept() -> None:
    head = "/禁言 "
    raw = tg.group_message(f"{head}小明 10m", entities=[tg.text_mention(len(head), 2, tg.MEMBER)])
    arg = command_arg(tg.event(raw).get_message(), "/禁言")
    assert parse_args(arg).mentions == (tg.MEMBER,)
    assert parse_args(arg).words == ("10m",)


def test_plain_text_after_the_command_word_is_the_argument() -> None:
    message = tg.event(tg.group_message("/批准  -1001700100 理由")).get_message()
    assert parse_args(command_arg(message, "/批准")).words == ("-1001700100", "理由")
    assert list(command_arg(tg.event(tg.group_message("/功能")).get_message(), "/功能")) == []


def test_qq_reads_as_nonebot_reads_it() -> None:
    message = Message([MessageSegment.text("/交接管理員 "), MessageSegment.at(40003)])
    message += MessageSegment.text(" 調崗")
    arg = command_arg(message, "/交接管理員")
    assert arg == Message([MessageSegment.at(40003), MessageSegment.text(" 調崗")])
    joined = command_arg(
        Message([MessageSegment.text("/備案"), MessageSegment.text(" 內部 XX")]), "/備案"
    )
    assert arg.__class__ is Message
    assert joined == Message(MessageSegment.text("內部 XX"))
