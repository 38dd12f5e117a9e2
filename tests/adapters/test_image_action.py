"""Showing a picture privately (the street report's chart): an image segment of its bytes."""

import base64
from pathlib import Path

import pytest

from adapters.actions import MANAGEMENT, SendPrivateImage
from adapters.onebot import to_call


def test_a_private_image_is_an_inline_image_segment(tmp_path: Path) -> None:
    chart = tmp_path / "週報.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    api, params = to_call(SendPrivateImage(10001, str(chart), via=700100))
    assert api == "send_private_msg"
    assert (params["user_id"], params["group_id"]) == (10001, 700100)
    (segment,) = params["message"]
    assert segment.type == "image"
    assert segment.data["file"] == "base64://" + base64.b64encode(chart.read_bytes()).decode()
    assert not isinstance(SendPrivateImage(1, "/x.png"), MANAGEMENT)


def test_a_relative_image_path_is_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        SendPrivateImage(10001, "data/chart.png")
