"""Every sentence the confidential duty says (Traditional; `core.send` converts the script).

None of them quotes what was withdrawn: the group hears that a marked item was withdrawn, the
admins and the unit leader get a redacted reference (masked marker, short hash).
"""

from collections.abc import Sequence

from core.cite import cite

CATEGORY_NAMES = {"state_secret": "國家秘密標誌", "internal": "內部資料標識"}
SOURCE_NAMES = {
    "text": "訊息文字",
    "forward": "轉發的聊天記錄",
    "card": "卡片分享",
    "reply": "引用的訊息",
    "file": "檔案名稱",
    "card_name": "群名片",
}

RECORD_REASON = "帶涉密或內部標識（上網不涉密、涉密不上網）"

_PRINCIPLE = "上網不涉密，涉密不上網；如需傳達，請走正式渠道。"


def article() -> str:
    return cite("confidential")


def withdrawn() -> str:
    return f" 您發送的內容帶有涉密或內部標識，已依{article()}撤回。{_PRINCIPLE}"


def file_withdrawn() -> str:
    return f" 您上傳的檔案名稱帶有涉密或內部標識，已依{article()}撤回。{_PRINCIPLE}"


def not_withdrawn() -> str:
    return f" 您發送的內容帶有涉密或內部標識，機器人未能撤回，請立即自行撤回（{article()}）。"


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, "涉密標識")


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, "訊息")


def outcome(done: bool, answer: str, *, by_other: str | None = None, upload: bool = False) -> str:
    if by_other is not None:
        return "處置：同一訊息已由其他職責撤回。"
    if done:
        return "處置：已從群檔案刪除。" if upload else "處置：已撤回。"
    return f"處置：未能撤回（平台答覆：{answer or '無'}），請群組管理員手動處理並檢查機器人的管理權限。"


def reference(
    *,
    group_id: int,
    unit: str,
    user_id: int,
    message_id: int | None,
    when: str,
    source: str,
    category: str,
    excerpt: str,
    short_hash: str,
    markers: int,
    result: str,
) -> str:
    """The private notice to the admins and the unit leader: a reference, never the content."""
    where = f"訊息編號：{message_id}" if message_id is not None else "群檔案上傳"
    more = f"（共 {markers} 處）" if markers > 1 else ""
    return "\n".join(
        (
            f"【保密】{article()}：撤回帶涉密或內部標識的內容",
            f"群：{group_id}（{unit}）",
            f"發送者帳號：{user_id}",
            f"{where}　時間：{when}",
            f"位置：{source_name(source)}　類別：{category_name(category)}{more}",
            f"遮蔽摘要：{excerpt}　雜湊：{short_hash}",
            result,
            "內容不轉述；如需核查，請按訊息編號與雜湊調閱記錄（/記錄）。",
        )
    )


# --- a forwarded bundle not read to its end --------------------------------------------------

CUT_NAMES = {
    "depth": "巢狀轉發的層數超過上限",
    "nodes": "訊息則數超過上限",
    "time": "讀取逾時",
    "fetch_failed": "平台未能提供轉發內容",
}


def cut_names(cuts: Sequence[str]) -> str:
    return "、".join(CUT_NAMES.get(cut, cut) for cut in cuts)


def unread_reason(cuts: Sequence[str]) -> str:
    """The record's reason: why the scan stopped short, never what the bundle said."""
    return f"轉發的聊天記錄未能讀完（{cut_names(cuts)}）"


def unread_withdrawn() -> str:
    return (
        f" 您轉發的聊天記錄層數或內容過多，機器人未能讀完，依本群設定已撤回（{article()}）。"
        "如需傳達，請分開轉發或直接發送。"
    )


def unread_outcome(recall: bool, done: bool, answer: str, referred: bool) -> str:
    if not recall:
        return "處置：未撤回（本群設定：只報告），請群組管理員人工查看這則轉發。"
    if done:
        return "處置：已撤回（本群設定：未讀完即撤回）。"
    if referred:
        return f"處置：{answer}。"
    return f"處置：未能撤回（平台答覆：{answer or '無'}），請群組管理員人工查看並處理。"


def unread_notice(
    *,
    group_id: int,
    unit: str,
    user_id: int,
    message_id: int,
    when: str,
    cuts: Sequence[str],
    result: str,
) -> str:
    """To the registered admins, privately: which message, why it was not read, what was done."""
    return "\n".join(
        (
            f"【保密】{article()}：一則轉發的聊天記錄未能讀完",
            f"群：{group_id}（{unit}）",
            f"發送者帳號：{user_id}",
            f"訊息編號：{message_id}　時間：{when}",
            f"原因：{cut_names(cuts)}",
            "已讀的部分未見涉密或內部標識；未讀的部分機器人無法判斷。",
            result,
            "更改本群的做法：/保密選項 未讀完 撤回|報告|預設",
        )
    )


# --- /保密選項 ---------------------------------------------------------------------------------

USAGE_OPTION = (
    "用法：/保密選項 未讀完 撤回|報告|預設"
    "（轉發的聊天記錄過深、過長或讀取失敗而未能讀完時：撤回並報告管理員，或只報告；"
    "預設：內部群撤回，群眾群只報告）"
)


def _unread_state(recall: bool) -> str:
    return "撤回並報告管理員" if recall else "只報告管理員"


def option_state(recall: bool, own: bool, group_type: str) -> str:
    whose = "本群設定" if own else f"{group_type}群的預設"
    return (
        f"【保密選項】帶涉密或內部標識的內容一律撤回（{article()}）。\n"
        f"轉發未讀完：{_unread_state(recall)}（{whose}）\n{USAGE_OPTION}"
    )


def option_switched(recall: bool, own: bool, group_type: str) -> str:
    whose = "" if own else f"（回到{group_type}群的預設）"
    return f"已設定：轉發的聊天記錄未能讀完時，{_unread_state(recall)}{whose}。"
