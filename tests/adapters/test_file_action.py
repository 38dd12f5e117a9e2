"""Sending a file privately (the incident report, the workbook): a file segment of its bytes.

NapCat reads a path on its own machine (uriToLocalFile), often another container, so the bytes
go inline as `base64://`; and upload_private_file builds no temporary session
(ob/action/go-cqhttp/UploadPrivateFile.ts), so the file rides in send_private_msg, whose
`group_id` reaches a non-friend (ob/action/msg/SendMsg.ts createContext).
"""

import base64
from pathlib import Path

import pytest

from adapters.actions import MANAGEMENT, SendPrivateFile
from adapters.onebot import to_call


def test_a_private_file_goes_inline_through_the_shared_group(tmp_path: Path) -> None:
    report = tmp_path / "報告.txt"
    report.write_bytes("事件報告\n".encode())
    api, params = to_call(SendPrivateFile(30001, str(report), "報告.txt", via=700100))
    assert api == "send_private_msg"
    assert (params["user_id"], params["group_id"]) == (30001, 700100)
    (segment,) = params["message"]
    assert segment.type == "file"
    assert segment.data["name"] == "報告.txt"
    assert segment.data["file"] == "base64://" + base64.b64encode(report.read_bytes()).decode()
    assert not isinstance(SendPrivateFile(1, str(report), "x"), MANAGEMENT)  # paced as a send


def test_to_a_friend_no_group_is_named(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("x")
    _, params = to_call(SendPrivateFile(30001, str(report), "r.txt"))
    assert "group_id" not in params


def test_a_relative_path_is_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        SendPrivateFile(30001, "data/reports/x.txt", "x.txt")
