"""The tour's words: who is who, and what each OneBot action the bot called means, in one line.

Accounts are shown with the name the tour gives them; the bot's messages are shown whole, their
@mentions as @name, continuation lines indented under the first.
"""

import json
from typing import Any

from tests import accounts
from tests.peer import Call

NEWCOMER = 50030  # 路人甲, who joins with a card not in the format

PEOPLE = {
    accounts.SELF: "群規（機器人）",
    accounts.SUPERUSER: "超級用戶",
    accounts.DEPARTMENT: "黨群工作部",
    accounts.LEADER: "XX社區分管負責人",
    accounts.ADMIN: "李四",
    accounts.OWNER: "王五",
    accounts.MEMBER: "張三",
    NEWCOMER: "路人甲",
}
INDENT = " " * 8


def who(user_id: Any) -> str:
    if user_id is None:
        return "—"
    account = int(user_id)
    return f"{PEOPLE[account]} {account}" if account in PEOPLE else str(account)


def message(segments: Any) -> str:
    """A message the bot sent, as its readers see it."""
    if isinstance(segments, str):
        return segments
    parts = []
    for segment in segments:
        data = segment["data"]
        match segment["type"]:
            case "text":
                parts.append(data["text"])
            case "at":
                qq = data["qq"]
                parts.append("@全體成員" if qq == "all" else f"@{PEOPLE.get(int(qq), qq)}")
            case "file":
                parts.append(f"[檔案 {data.get('name') or data.get('file')}]")
            case "image":
                parts.append("[圖片]")
            case other:
                parts.append(f"[{other}]")
    return "".join(parts)


def quoted(text: str) -> str:
    lines = text.strip().splitlines() or [""]
    return "「" + f"\n{INDENT}".join(lines) + "」"


def action(call: Call) -> str:
    """One action the bot asked the platform for."""
    p = call.params
    match call.action:
        case "send_group_msg":
            return f"說（群 {p['group_id']}）：{quoted(message(p['message']))}"
        case "send_private_msg":
            return f"私訊 {who(p['user_id'])}：{quoted(message(p['message']))}"
        case "delete_msg":
            return f"撤回訊息 {p['message_id']}  (delete_msg)"
        case "get_forward_msg":
            return f"讀取轉發的聊天記錄 {p.get('id') or p.get('message_id')}  (get_forward_msg)"
        case "set_group_card":
            return f"把 {who(p['user_id'])} 的群名片設為「{p['card']}」  (set_group_card)"
        case "set_group_admin":
            verb = "設為管理員" if p["enable"] else "取消管理員"
            return f"{verb}：{who(p['user_id'])}  (set_group_admin)"
        case "set_group_kick":
            return f"移出 {who(p['user_id'])}  (set_group_kick)"
        case "set_group_ban":
            return f"禁言 {who(p['user_id'])} {p.get('duration', 0)} 秒  (set_group_ban)"
    shown = json.dumps(p, ensure_ascii=False, separators=(",", ":"))
    return (
        f"查詢 {call.action} {shown}"
        if call.action.startswith("get_")
        else f"{call.action} {shown}"
    )


def heading(number: int, chinese: str, english: str) -> str:
    title = f"{number}. {chinese} · {english}"
    return f"\n{title}\n{'─' * 72}"


def event(text: str) -> str:
    return f"  ▶ {text}"


def bot_line(call: Call) -> str:
    return f"    機器人 → {action(call)}"
