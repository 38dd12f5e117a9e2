"""Every sentence the measures say (Traditional; `core.send` converts to the deployment's script)."""

from plugins.measures.parse import format_duration

USAGE_WARN = "用法：/警告 @成員 [原因]"
USAGE_MUTE = "用法：/禁言 @成員 <時長> [原因]；時長如 10m、2h、3d，不足30天"
USAGE_UNMUTE = "用法：/解禁 @成員"
USAGE_KICK = "用法：/移出 @成員 [原因]"
USAGE_RECORDS = "用法：/記錄 [@成員]"
NOT_SELF = "不能對自己或機器人採取措施。"
REASON_TOO_LONG = "原因最多 200 字。"
NO_REASON = "未說明"


def warned(reason: str) -> str:
    return f" 警告（第十條）：{reason or NO_REASON}。請遵守群規，再犯將被禁言或移出。"


def muted(seconds: int, reason: str) -> str:
    return f" 已被禁言 {format_duration(seconds)}（第八、十條）：{reason or NO_REASON}。"


UNMUTED = " 已解除禁言。"


def kicked(reason: str) -> str:
    return f"已將一名成員移出本群（第八、十條）：{reason or NO_REASON}。"


def platform_refused(answer: str) -> str:
    return f"已記錄，但平台未執行：{answer}。請檢查機器人是否為群管理員。"


def leader_notice(group_id: int, unit: str, what: str, by: int | None) -> str:
    actor = "機器人" if by is None else f"管理員（帳號尾號 {str(by)[-4:]}）"
    return f"【處置】{unit} 的群 {group_id}：{actor}{what}。"


def records_header(count: int, group_id: int) -> str:
    return f"【記錄】群 {group_id}，最近 {count} 條："


NO_RECORDS = "沒有記錄。"
RECORDS_SENT = "記錄已私聊發送給您。"


def what_muted(seconds: int, reason: str) -> str:
    return f"禁言一名成員 {format_duration(seconds)}：{reason or NO_REASON}"


def what_kicked(reason: str) -> str:
    return f"移出一名成員：{reason or NO_REASON}"


# --- /拉黑 /解除黑名單 ----------------------------------------------------------------------------

USAGE_BAN = "用法：/拉黑 <@成員|帳號> [原因]"
USAGE_UNBAN = "用法：/解除黑名單 <帳號> <原因>"
NOT_LISTED = "此帳號不在黑名單中。"


def banned(reason: str, removed_here: bool, elsewhere: int, failed: int, already: bool) -> str:
    """In the group: the account is not named (the command named it already)."""
    head = (
        "該帳號已在全街黑名單中"
        if already
        else f"已列入全街黑名單（第八、十條）：{reason or NO_REASON}"
    )
    parts = [head + "。"]
    parts.append("已移出本群。" if removed_here else "本群未找到此帳號。")
    if elsewhere:
        parts.append(f"另從 {elsewhere} 個群移出。")
    if failed:
        parts.append(f"{failed} 個群的移出未執行，請檢查機器人是否為群管理員。")
    return "".join(parts)


def ban_notice(
    group_id: int, unit: str, actor: int, target: int, reason: str, removed: int, failed: int
) -> str:
    """Privately, to the unit's and the street's leaders: names the account, to lift it later."""
    tail = f"，{failed} 個群未執行" if failed else ""
    return (
        f"【黑名單】{unit} 的群 {group_id}：管理員（帳號 {actor}）將帳號 {target} 列入全街黑名單："
        f"{reason or NO_REASON}。已從 {removed} 個群移出{tail}。如需解除：/解除黑名單 {target} <原因>"
    )


def lifted(target: int, reason: str) -> str:
    return f"已解除帳號 {target} 的黑名單：{reason}。"


def lift_other_unit(unit: str) -> str:
    where = f"「{unit}」的群" if unit else "未登記單位的群"
    return f"此黑名單記錄來自{where}，只有該單位的分管負責人或黨群工作部可以解除。"


def lift_failed(answer: str) -> str:
    return f"未能解除：{answer}。"


# --- /舉報 ------------------------------------------------------------------------------------------

USAGE_REPORT = "用法：回覆要舉報的訊息，再輸入 /舉報 [說明]。舉報只私下送給本群的管理員。"
REPORT_NOT_FILED = "本群尚未備案，暫時無法受理舉報。"
REPORT_THANKS = "感謝您的舉報，已私下轉交本群管理員處理。群內不會顯示舉報內容。"
NOTE_TOO_LONG = "說明最多 200 字。"


def report_notice(
    group_id: int,
    unit: str,
    reporter: int,
    message_id: int,
    author: int | None,
    excerpt: str,
    note: str,
) -> str:
    """Privately, to the group's admins: a reference to the message, never the message."""
    lines = [
        f"【舉報】{unit} 的群 {group_id}：成員（帳號 {reporter}）舉報了一條訊息。",
        f"訊息：#{message_id}，發送者：{author if author is not None else '未知'}，摘要（已遮蔽）：{excerpt or '（無文字）'}",
    ]
    if note:
        lines.append(f"說明：{note}")
    lines.append("如需處置：/警告、/禁言、/移出 或 /拉黑。")
    return "\n".join(lines)


# --- the audit trail: the key, the daily anchor, `manage.py audit verify` ---------------------------

KEY_SETTING = "QUNGUI_AUDIT_KEY_FILE"


def key_missing(path: object) -> str:
    return f"審計金鑰 {path} 不存在（{KEY_SETTING}）：機器人首次啟動時建立；若已遺失，請從備份還原"


def key_lost(path: object, anchor_file: object) -> str:
    return (
        f"審計金鑰 {path} 不存在，但錨點檔 {anchor_file} 已有內容：請從備份還原金鑰（{KEY_SETTING}）；"
        "換用新金鑰會使既有記錄全部無法核對"
    )


def key_wrong_size(path: object, size: int) -> str:
    return f"審計金鑰 {path} 應為 32 位元組，實為 {size} 位元組（{KEY_SETTING}）"


def key_too_open(path: object, mode: int) -> str:
    return f"審計金鑰 {path} 的權限 {mode:o} 過寬（{KEY_SETTING}）：請執行 chmod 600 {path}"


def key_unreadable(path: object, why: str) -> str:
    return f"審計金鑰 {path} 無法使用（{KEY_SETTING}）：{why}"


def anchor_file_unusable(path: object, why: str) -> str:
    return f"錨點檔 {path} 無法寫入（QUNGUI_AUDIT_ANCHOR_FILE）：{why}"
