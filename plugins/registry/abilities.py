"""What each duty does on a platform that lacks something, said in one place for /功能 and /群規.

A pure function of the platform's capabilities (adapters.port.Capabilities): a duty that works
there in full has nothing to add; where a capability is missing, a short line says what the duty
does instead, the way a careful admin would. The duties decide by the same capabilities, so what
these lines say is what the bot does.
"""

from adapters.actions import MAX_MUTE_SECONDS
from adapters.port import Capabilities

NOTICES = "notices"  # not a duty: how the bot reaches people privately, shown by /群規

RECALL_LEFT_TO_ADMINS = "機器人不能撤回他人訊息：改由管理員撤回，機器人報告並記錄。"


def limits(duty: str, can: Capabilities) -> tuple[str, ...]:
    """The lines for `duty` (a key of plugins.registry.duties, or NOTICES) on a platform of
    these capabilities, in Traditional Chinese; () where nothing differs."""
    lines: list[str] = []
    if duty == "realname":
        if not can.set_card:
            lines.append("沒有群名片：不檢查、不代設名片；實名以成員本人私聊答覆、與名冊綁定為準。")
        if not can.join_answers:
            lines.append("入群申請不帶答案：機器人私聊申請人，核對名冊後批准或拒絕。")
        if not can.list_members:
            lines.append("沒有成員名單：只檢查機器人入群後見過（入群或發言）的成員。")
    elif duty == "clearance":
        if not can.list_members:
            lines.append("沒有成員名單：每週檢查只計機器人入群後見過（入群或發言）的成員。")
        if not can.set_card:
            lines.append("沒有群名片：不因名片列入名單，也不點名改名片；沉默與閒置照常檢查。")
    elif duty == "confidential":
        if not can.forward_bundles:
            lines.append("轉發的訊息逐條到達，逐條檢查。")
        if not can.group_files:
            lines.append("沒有群檔案：檢查訊息所附文件的檔名與說明文字。")
        if not can.recall_others:
            lines.append(RECALL_LEFT_TO_ADMINS)
    elif duty in ("content", "privacy"):
        if not can.recall_others:
            lines.append(RECALL_LEFT_TO_ADMINS)
        if duty == "content" and can.mute_max_seconds < MAX_MUTE_SECONDS:
            lines.append(f"禁言最長 {max(1, can.mute_max_seconds // 86400)} 天。")
    elif duty == NOTICES and not can.private_via_group:
        lines.append(
            "私聊通知只能送達曾私聊機器人的人：群組管理員與單位分管負責人請先私聊機器人一次（/start）。"
        )
    return tuple(lines)
