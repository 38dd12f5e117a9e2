"""Showing a picture privately (the street report's chart): an image segment by file URI."""

import pytest
from nonebot.adapters.onebot.v11 import Message, MessageSegment

from adapters.actions import MANAGEMENT, SendPrivateImage
from adapters.onebot import to_call


def test_a_private_image_is_an_image_segment_by_file_uri() -> None:
    api, params = to_call(SendPrivateImage(10001, "/srv/qungui/data/workbooks/週報.png"))
    assert api == "send_private_msg"
    assert params["user_id"] == 10001
    (segment,) = params["message"]
    assert segment.type == "image"
    assert segment.data["file"] == "file:///srv/qungui/data/workbooks/%E9%80%B1%E5%A0%B1.png"
    assert params["message"] == Message(
        MessageSegment.image("file:///srv/qungui/data/workbooks/%E9%80%B1%E5%A0%B1.png")
    )
    assert not isinstance(SendPrivateImage(1, "/x.png"), MANAGEMENT)


def test_a_relative_image_path_is_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        SendPrivateImage(10001, "data/chart.png")
