"""Every sentence the measures say (Traditional; `core.send` converts to the deployment's script)."""

from core import runtime
from core.cite import article_label, cite, joined
from core.durations import format_duration
from plugins.measures.articles import provisions

USAGE_WARN = "用法：/警告 @成員 [原因]"
USAGE_MUTE = "用法：/禁言 @成員 <時長> [原因]；時長如 10m、2h、3d，不足30天"
USAGE_UNMUTE = "用法：/解禁 @成員"
USAGE_KICK = "用法：/移出 @成員 [原因]"
USAGE_RECORDS = "用法：/記錄 [@成員]"
NOT_SELF = "不能對自己或機器人採取措施。"
PROTECTED_TARGET = "不能對黨群工作部、單位分管負責人或機器人採取這項措施。"
REASON_TOO_LONG = "原因最多 200 字。"
NO_REASON = "未說明"


def measure_articles() -> str:
    """第八、十條: the articles that provide for muting, removing and blacklisting, as one
    citation."""
    return joined(provisions(runtime.rulebook()))


def _under(articles: str) -> str:
    """（第八、十條） after a measure, or nothing when no article provides for it."""
    return f"（{articles}）" if articles else ""


def warned(reason: str) -> str:
    return (
        f" 警告{_under(cite('measures'))}：{reason or NO_REASON}。請遵守群規，再犯將被禁言或移出。"
    )


def muted(seconds: int, reason: str) -> str:
    return (
        f" 已被禁言 {format_duration(seconds)}{_under(measure_articles())}：{reason or NO_REASON}。"
    )


UNMUTED = " 已解除禁言。"


def kicked(reason: str) -> str:
    return f"已將一名成員移出本群{_under(measure_articles())}：{reason or NO_REASON}。"


def platform_refused(answer: str) -> str:
    return f"已記錄，但平台未執行：{answer}。請檢查機器人是否為群管理員。"


JOURNAL_NOTICE = (
    "【處置記錄】資料庫暫時寫不進記錄（磁碟已滿或資料庫斷線）。撤回等措施照常執行，"
    "記錄暫存於日誌，資料庫恢復後自動補入記錄鏈。請盡快檢查伺服器。"
)
STILL_A_MEMBER = "平台答覆成功，但成員仍在群中"
NOT_READ_BACK = "平台答覆成功，但讀不到成員的權限"
RIGHTS_UNCHANGED = "平台答覆成功，但管理權限未變"
CUT_SHORT = "執行中斷，平台結果未知"
ASKED_OWNER = "已請群主處理"
ASKED_SENDER = "已請發送者自行撤回"

_KIND_ASKED = {
    "recall": "撤回其一則訊息",
    "mute": "將其禁言",
    "unmute": "解除其禁言",
    "kick": "將其移出本群",
}


def referred(told: list[str]) -> str:
    done = "，".join(told) if told else "未能聯絡到可處理的人，請管理員手動處理"
    return f"機器人權限不足，未執行；{done}"


def _which(message_id: int | None) -> str:
    return f"（訊息編號 {message_id}）" if message_id is not None else ""


def referral_to_owner(
    group_id: int, kind: str, target: int | None, article: int, message_id: int | None
) -> str:
    what = _KIND_ASKED.get(kind, "處理")
    who = f"帳號尾號 {str(target)[-4:]} 的成員" if target is not None else "一名成員"
    return (
        f"【請協助】群 {group_id}：依{article_label(article)}須對{who}{what}{_which(message_id)}，"
        "機器人的權限不足以處理管理員或群主，請您在群內處理。內容不轉述，可按訊息編號查看。"
    )


def referral_to_sender(group_id: int, article: int, message_id: int | None) -> str:
    return (
        f"您在群 {group_id} 發的一則訊息{_which(message_id)}依{article_label(article)}不應留在群內，"
        "請您立即自行撤回。"
    )


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
        else f"已列入全街黑名單{_under(measure_articles())}：{reason or NO_REASON}"
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


# --- 拉黑申請：群組管理員申請，黨群工作部或單位分管負責人確認 -----------------------------------

USAGE_BAN_CONFIRM = "用法：/確認拉黑 <編號>"
USAGE_BAN_REJECT = "用法：/駁回拉黑 <編號> <原因>"


def _here(removed_here: bool) -> str:
    return "已移出本群。" if removed_here else "本群未找到此帳號。"


def request_filed(number: int, reason: str, removed_here: bool) -> str:
    """In the group: the account is not named (the command named it already)."""
    under = measure_articles()
    return (
        f"{_here(removed_here)}已提交全街黑名單申請（第 {number} 號{'，' + under if under else ''}）："
        f"{reason or NO_REASON}。經黨群工作部或單位分管負責人確認後，才在其他群生效。"
    )


def request_already(number: int, removed_here: bool) -> str:
    return f"{_here(removed_here)}此帳號已有待確認的全街黑名單申請（第 {number} 號）。"


def listed_already(removed_here: bool) -> str:
    return f"該帳號已在全街黑名單中。{_here(removed_here)}"


def request_notice(
    number: int,
    group_id: int,
    unit: str,
    requester: int,
    target: int,
    reason: str,
    removed_here: bool,
) -> str:
    """Privately, to the department and the unit's leaders: names the account, to decide on it."""
    here = "已從該群移出" if removed_here else "該群未找到此帳號"
    return (
        f"【拉黑申請 第 {number} 號】{unit} 的群 {group_id}：管理員（帳號 {requester}）申請將帳號 "
        f"{target} 列入全街黑名單：{reason or NO_REASON}。{here}。"
        f"確認：/確認拉黑 {number}　駁回：/駁回拉黑 {number} <原因>"
    )


def unknown_request(number: int) -> str:
    return f"找不到第 {number} 號拉黑申請。"


def request_other_unit(number: int, unit: str) -> str:
    where = f"「{unit}」的群" if unit else "未登記單位的群"
    return f"第 {number} 號申請來自{where}，只有該單位的分管負責人或黨群工作部可以決定。"


def request_decided(number: int, approved: bool) -> str:
    return f"第 {number} 號申請已{'確認' if approved else '駁回'}，不再處理。"


def request_approved(number: int, removed: int, failed: int, already: bool) -> str:
    head = "該帳號本已在全街黑名單中" if already else "已列入全街黑名單"
    tail = f"，{failed} 個群的移出未執行，請檢查機器人是否為群管理員" if failed else ""
    return f"已確認第 {number} 號申請：{head}，並從 {removed} 個群移出{tail}。"


def request_rejected(number: int, reason: str) -> str:
    return f"已駁回第 {number} 號申請：{reason}。"


def requester_approved(number: int, removed: int) -> str:
    return f"您的全街黑名單申請（第 {number} 號）已獲確認：已列入黑名單，並從 {removed} 個群移出。"


def requester_rejected(number: int, reason: str) -> str:
    return f"您的全街黑名單申請（第 {number} 號）被駁回：{reason}。其他群不受影響。"


# --- 黑名單帳號在群內出現 ------------------------------------------------------------------------

REASON_LISTED_PRESENT = "全街黑名單帳號在群內出現"
_SEEN = {"spoke": "在群內發言", "joined": "入群"}


def listed_removed_notice(group_id: int, unit: str, user_id: int, seen: str, done: bool) -> str:
    """Privately, to the group's admins."""
    outcome = "已移出並拒絕其再次申請" if done else "移出未執行，請人工處理"
    how = _SEEN.get(seen, seen)
    return (
        f"【黑名單】{unit} 的群 {group_id}：黑名單帳號 {user_id} {how}，{outcome}"
        f"{_under(measure_articles())}。"
    )


REASON_LIFTED_PROTECTED = "黨群工作部、單位分管負責人與超級用戶不得列入黑名單"


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
# Lines for the operator's terminal carry the English words too, for logs and search.

KEY_SETTING = "QUNGUI_AUDIT_KEY_FILE"


def key_missing(path: object) -> str:
    return f"審計金鑰 {path} 不存在（{KEY_SETTING}）：機器人首次啟動時建立；若已遺失，請從備份還原"


def key_differs(path: object) -> str:
    return (
        f"審計金鑰 {path} 與資料庫中的記錄不符：共用一個資料庫的各進程須使用同一把金鑰"
        f"（把首個進程的金鑰檔複製過來，{KEY_SETTING}）；以另一把金鑰寫入會使記錄無法核對"
    )


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


def daily_anchor(count: int, head_id: int, digest: str) -> str:
    """Privately, to the department: a witness of the records kept outside the bot's machine."""
    return (
        f"【審計錨點】處置記錄共 {count} 條，鏈頭摘要 {digest}。請保存本訊息，"
        f"日後可用「{head_id}:{digest}」核對記錄未被刪改。"
    )


def anchor_log_disagrees(file_seq: int, table_seq: int) -> str:
    return (
        f"anchor file ends at line {file_seq}, its copy in the database at {table_seq}: "
        f"run `manage.py audit verify` — 錨點檔（第 {file_seq} 行）與資料庫副本（第 {table_seq} 行）不一致"
    )


ANCHOR_UNWRITTEN = "the anchor file could not be written — 錨點檔無法寫入"
BAD_ANCHOR_ARGUMENT = "--anchor 應寫成「鏈頭編號:摘要」，例如 340:ab12cd34ef56"


def audit_ok(count: int, head_id: int, digest: str, lines: int, anchored: int) -> str:
    return (
        f"audit ok: {count} records, head #{head_id} {digest[:12]}, chain intact,"
        f" {lines} anchor lines (sealed through #{anchored})"
        f" — 審計通過：共 {count} 條記錄，鏈頭 #{head_id} {digest[:12]}，錨點 {lines} 行"
    )


_RECORD_BREAK = {
    "removed": ("was removed", "被刪除"),
    "altered": ("was altered", "被改動"),
    "reopened": ("was set back to pending after it was sealed", "封存後被改回待執行"),
    "unkeyed": ("is not sealed with the audit key", "未以審計金鑰封存，疑被重算"),
    "rewritten": ("does not match its anchor: the chain was rewritten", "與錨點不符，記錄鏈被重寫"),
}


def record_break(record_id: int, what: str, seq: int | None, anchored: bool) -> str:
    english, chinese = _RECORD_BREAK[what]
    where = chinese_where = ""
    if anchored and seq is None:
        where, chinese_where = " (shown by the anchor given)", "（所給錨點可證）"
    elif anchored:
        where, chinese_where = f" (shown by anchor line {seq})", f"（錨點第 {seq} 行可證）"
    return (
        f"audit FAILED: record {record_id} {english}{where}"
        f" — 第 {record_id} 條記錄{chinese}{chinese_where}"
    )


def log_break(seq: int, what: str, where: str, other: int) -> str:
    side = "the anchor file" if where == "file" else "the anchor table in the database"
    chinese_side = "錨點檔" if where == "file" else "資料庫中的錨點副本"
    if what == "empty":
        return (
            "audit FAILED: no anchor covers the records (the anchor file and its copy are empty)"
            " — 錨點檔與資料庫副本皆為空，記錄無從核對"
        )
    if what == "cut":
        return (
            f"audit FAILED: {side} was cut: it ends before line {seq}, the other copy has {other}"
            f" — {chinese_side}自第 {seq} 行起被截斷（另一份有 {other} 行）"
        )
    english, chinese = ("was removed", "被刪除") if what == "removed" else ("was altered", "被改動")
    return f"audit FAILED: line {seq} of {side} {english} — {chinese_side}第 {seq} 行{chinese}"
