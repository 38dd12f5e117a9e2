"""Sending a file privately (the incident report): NapCat's upload_private_file, absolute paths."""

import pytest

from adapters.actions import MANAGEMENT, SendPrivateFile
from adapters.onebot import to_call


def test_a_private_file_is_uploaded_by_absolute_path() -> None:
    action = SendPrivateFile(30001, "/srv/qungui/data/reports/報告.txt", "報告.txt")
    assert to_call(action) == (
        "upload_private_file",
        {"user_id": 30001, "file": "/srv/qungui/data/reports/報告.txt", "name": "報告.txt"},
    )
    assert not isinstance(action, MANAGEMENT)  # paced as a send, not as a group measure


def test_a_relative_path_is_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        SendPrivateFile(30001, "data/reports/x.txt", "x.txt")
