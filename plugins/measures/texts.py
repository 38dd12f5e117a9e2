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
