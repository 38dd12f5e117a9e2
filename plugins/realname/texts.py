"""Every sentence of the real-name duty that people read, in Traditional Chinese.

The plugin layer passes these through `core.script.in_script` for deployments that show Simplified.
"""

from collections.abc import Sequence

from core import runtime
from core.cite import article_label, cite


def admins_article() -> str:
    """The article that has admins verify who joins: the first binding the duty (Art. 4)."""
    return article_label(runtime.rulebook().article_of("realname"))


# --- roster files -------------------------------------------------------------------------------

ROSTER_COLUMNS = ("單位", "姓名", "帳號", "狀態", "備註")

NO_PERSONAL_DATA = "不收集身份證號或手機號"
ROW_MISSING_UNIT = "缺少單位"
ROW_MISSING_NAME = "缺少姓名"
ROW_MISSING_ACCOUNT = "缺少帳號"
ROW_BAD_ACCOUNT = "帳號應為5至11位數字"
ROW_BAD_STATUS = "狀態應為「在崗」或「調離」"
FILE_UNSUPPORTED = "只收 .xlsx 或 .csv 檔案"
FILE_UNREADABLE = "檔案無法讀取，請確認是有效的 .xlsx 檔案"
FILE_NO_HEADER = "第一行應為標題：單位、姓名、帳號、狀態、備註"


def row_duplicate_account(first_row: int) -> str:
    return f"帳號與第{first_row}行重複"


def row_untitled_column(column: str) -> str:
    return f"{column}欄有資料，但該欄沒有標題"


def header_unknown(name: str) -> str:
    return f"不收「{name}」欄：只收單位、姓名、帳號、狀態、備註"


def header_duplicate(name: str) -> str:
    return f"「{name}」欄出現兩次"


def header_missing(names: Sequence[str]) -> str:
    return f"缺少「{'」「'.join(names)}」欄"


FILE_NOT_TEXT = "文字編碼無法識別，請另存為「CSV UTF-8」"
FILE_BAD_CSV = "CSV 格式有誤，請用試算表軟件另存為「CSV UTF-8」"


def file_too_many_rows(limit: int) -> str:
    return f"名冊超過{limit}行，請分單位導入"


def file_too_large(limit_mb: int) -> str:
    return f"檔案超過{limit_mb} MB，未讀取：請分單位導入"


def file_unpacks_too_large(limit_mb: int) -> str:
    return f"檔案解壓後超過{limit_mb} MB，不像名冊，未讀取：請分單位導入"


def file_packed_too_tightly(ratio: int) -> str:
    return f"檔案內容的壓縮比超過{ratio}倍，不像名冊，未讀取：請用試算表軟件另存後再導入"


def roster_error(row: int, reason: str) -> str:
    """The whole message for a refused roster file; row 0 stands for the file as a whole."""
    return f"第{row}行：{reason}" if row > 0 else reason


# --- card rule ----------------------------------------------------------------------------------

FIELD_UNIT = "單位"
FIELD_NAME = "姓名"
FIELD_TITLE = "職務"

CARD_RULE_EMPTY = "格式是空的"
CARD_RULE_NO_NAME = "缺少「姓名」欄位"
CARD_RULE_TOO_LONG = "格式太長"


def card_rule_unknown_field(token: str) -> str:
    return f"不認識的欄位「{token}」：可用的欄位是 單位、姓名、職務，欄位之間用 - 等符號分隔"


def card_rule_bad_braces(token: str) -> str:
    return f"「{token}」的大括號不對：欄位寫成 {{姓名}} 或 姓名，欄位之間用 - 等符號分隔"


def card_rule_duplicate_field(field: str) -> str:
    return f"「{field}」欄位出現兩次"


def card_rule_invalid(setting_name: str, pattern: str, reason: str) -> str:
    return f"設定「{setting_name}」的群名片格式「{pattern}」無效：{reason}"


# --- card verdicts ------------------------------------------------------------------------------


EXAMPLE_NAME = "張三"
CARD_DEPARTED = "名冊中此人已調離"
_CARD_PROBLEMS = {
    "unknown_person": "群名片上的姓名不在本單位名冊中",
    "wrong_unit": "群名片上的單位不是本群的建群單位",
    "account_mismatch": "群名片上的姓名在名冊中屬於另一個帳號",
}


def card_notice(kind: str, pattern: str, example: str) -> str:
    """Why a card is not accepted (when there is more to say than its format) and the format."""
    problem = _CARD_PROBLEMS.get(kind)
    required = f"群名片請改為「{pattern}」，例如「{example}」"
    return f"{problem}。{required}" if problem else required


# --- join requests ------------------------------------------------------------------------------

JOIN_BLACKLISTED = "此帳號已被列入黑名單，無法加入"


def join_full(cap: int) -> str:
    return f"本群已達成員上限（{cap}人）"


JOIN_APPROVED = "回答的姓名與本單位名冊相符"
JOIN_AUTO_APPROVE_OFF = "本群未開啟自動審核"
JOIN_NO_ROSTER = "本群的建群單位尚未導入名冊"
JOIN_NOT_IN_ROSTER = "此帳號不在本單位名冊中"
JOIN_NAME_OTHER_ACCOUNT = "回答的姓名在本單位名冊中，但屬於另一個帳號"
JOIN_ANSWER_MISMATCH = "此帳號在名冊中，但回答的不是名冊上的姓名"
JOIN_DEPARTED = "名冊中此人已調離"


def join_other_unit(unit: str) -> str:
    return f"此帳號在名冊中屬於「{unit}」，不是本群的建群單位"


# Refusals of a private answer (a platform without cards): said to the applicant, so they name
# nothing of the roster the applicant did not write themselves.
JOIN_CLAIM_NOT_IN_ROSTER = "回答的姓名不在本群建群單位的名冊中"
JOIN_CLAIM_OTHER_UNIT = "回答的單位不是本群的建群單位"
JOIN_CLAIM_NAME_TAKEN = "回答的姓名已由另一個帳號登記"
JOIN_BOUND_MISMATCH = "此帳號已登記為名冊上的另一人，回答的姓名不符"


# --- roster import and export (manage.py) -------------------------------------------------------


def file_unopened(reason: str) -> str:
    return f"無法打開檔案：{reason}"


def row_too_long(column: str, limit: int) -> str:
    return f"{column}超過{limit}字"


def row_unknown_unit(unit: str, known: Sequence[str]) -> str:
    return f"單位「{unit}」不在組織檔案中（已登記的單位：{'、'.join(known)}）"


def row_other_unit(unit: str, only: str) -> str:
    return f"單位「{unit}」不是本次導入的「{only}」"


def unknown_import_unit(unit: str, known: Sequence[str]) -> str:
    return f"--unit：{row_unknown_unit(unit, known)}"


def roster_refused(message: str) -> str:
    return f"名冊未導入，沒有任何改動。{message}"


def roster_imported(added: int, changed: int, unchanged: int, departed: int) -> str:
    return f"名冊已導入：新增 {added} 人，更新 {changed} 人，未變 {unchanged} 人，標記調離 {departed} 人。"


def roster_unchanged(unchanged: int) -> str:
    return f"名冊沒有變化（{unchanged} 人與檔案一致）。"


def roster_exported(count: int, path: str) -> str:
    return f"名冊已導出：{count} 人 → {path}"


# --- join requests and new members --------------------------------------------------------------


def join_request_notice(
    group_id: int, unit: str, user_id: int, answer: str, reason: str, listed: str
) -> str:
    """To the group's admins, privately: who asked to join, with what answer, and why it waits."""
    lines = [
        f"【入群申請】{unit} 的群 {group_id}：帳號 {user_id} 申請加入。",
        f"回答：{answer or '（無）'}",
        f"未自動處理：{reason}。",
    ]
    if listed:
        lines.append(f"名冊：{listed}")
    lines.append("請在 QQ 的群通知中同意或拒絕。")
    return "\n".join(lines)


def roster_person(unit: str, name: str, status: str) -> str:
    return f"{unit}-{name}（{status}）"


def join_full_notice(group_id: int, unit: str, user_id: int, cap: int) -> str:
    return (
        f"【入群申請】{unit} 的群 {group_id} 已達成員上限（{cap}人），已拒絕帳號 {user_id} 的申請。"
        "如需調整上限：/實名設定 人數上限 <人數>。"
    )


REASON_BLACKLISTED_JOINED = "黑名單帳號入群"


def blacklisted_removed_notice(group_id: int, unit: str, user_id: int, done: bool) -> str:
    outcome = "已移出並拒絕其再次申請" if done else "移出未執行，請人工處理"
    return f"【黑名單】{unit} 的群 {group_id}：黑名單帳號 {user_id} 入群，{outcome}（{admins_article()}）。"


def card_prompt(problem: str, deadline: str, removal: bool) -> str:
    """After an @mention of the member: the required format and the deadline."""
    tail = "逾期未改，將通知管理員並移出本群。" if removal else "逾期未改，將通知管理員。"
    return (
        f" 歡迎入群。依實名制要求（{cite('realname')}），{problem}。請於 {deadline} 前修改。{tail}"
    )


def card_recheck_prompt(problem: str, deadline: str) -> str:
    return f" 您的群名片不符合實名要求（{cite('realname')}）：{problem}。請於 {deadline} 前修改。"


# --- deadlines ----------------------------------------------------------------------------------

REASON_DEADLINE = "逾期未按格式修改群名片"
OUTCOME_REMOVED = "已移出"
OUTCOME_KEPT = "未移出（本群未開啟逾期移出）"
OUTCOME_EXEMPT = "群主或管理員，不移出"


def outcome_failed(answer: str) -> str:
    return f"移出未執行：{answer}"


def deadline_head(group_id: int, unit: str, pattern: str) -> str:
    return f"【實名逾期】{unit} 的群 {group_id}：以下成員逾期未按「{pattern}」修改群名片："


def member_line(name: str, user_id: int, what: str) -> str:
    """One member in a private list to the admins: card (or nickname), account, what of them."""
    return f"{name or '（無名片）'}（{user_id}）：{what}"


# --- /實名檢查 ------------------------------------------------------------------------------------

KIND_LABELS = {
    "malformed": "格式不符",
    "unknown_person": "不在名冊",
    "wrong_unit": "單位不符",
    "departed": "已調離",
    "account_mismatch": "姓名屬於他人帳號",
    "unbound": "未核對身份",
}
DUTY_OFF = "本群未開啟「實名」功能。群組管理員可用 /開啟 實名。"
CHECK_SENT = "未合規成員名單已私聊發送給您。"


def members_unreadable(answer: str) -> str:
    return f"無法讀取成員列表：{answer}。請檢查機器人是否在群內並為管理員。"


def check_counts(total: int, compliant: int, by_kind: Sequence[tuple[str, int]]) -> str:
    """In the group: counts only, never names."""
    head = f"【實名檢查】本群 {total} 人，群名片合規 {compliant} 人，未合規 {total - compliant} 人"
    parts = [f"{KIND_LABELS.get(kind, kind)} {n}" for kind, n in by_kind if n]
    return head + (f"（{'、'.join(parts)}）。" if parts else "。")


def check_bound_counts(total: int, compliant: int, by_kind: Sequence[tuple[str, int]]) -> str:
    """In the group, where there are no cards: counts only, never names."""
    head = (
        f"【實名檢查】本群已知 {total} 人，身份已核對 {compliant} 人，未合規 {total - compliant} 人"
    )
    parts = [f"{KIND_LABELS.get(kind, kind)} {n}" for kind, n in by_kind if n]
    head += f"（{'、'.join(parts)}）。" if parts else "。"
    return head + "機器人只知道群管理員，以及入群或發言後見過的成員。"


def check_bound_header(group_id: int, unit: str, count: int) -> str:
    return (
        f"【實名檢查】{unit} 的群 {group_id}，未合規 {count} 人"
        "（本群沒有群名片：成員入群時私聊回答單位和姓名以核對身份）："
    )


def check_list_header(group_id: int, unit: str, count: int, pattern: str) -> str:
    return f"【實名檢查】{unit} 的群 {group_id}，未合規 {count} 人（格式「{pattern}」）："


def check_line(name: str, user_id: int, kind: str) -> str:
    return member_line(name, user_id, KIND_LABELS.get(kind, kind))


def check_more(count: int) -> str:
    return f"……另有 {count} 人未列出。"


# --- /名片格式 and /實名設定 -------------------------------------------------------------------------

CARD_FORMAT_SETTING = "名片格式"
USAGE_CARD_FORMAT = "用法：/名片格式 [格式|預設]，例如 /名片格式 單位-姓名"
USAGE_SETTINGS = "用法：/實名設定 [自動審核 開|關] [逾期移出 開|關] [人數上限 <人數>|預設]；不帶參數時顯示目前設定"


def card_format_now(pattern: str, example: str, own: bool) -> str:
    whose = "本群自訂" if own else "預設"
    return f"本群的群名片格式（{whose}）：「{pattern}」，例如「{example}」。"


def card_format_set(pattern: str, example: str) -> str:
    return f"已將本群的群名片格式設為「{pattern}」，例如「{example}」。"


def settings_shown(
    pattern: str, cap: int, own_cap: bool, auto: bool, remove: bool, hours: float
) -> str:
    return "\n".join(
        [
            "【實名設定】",
            f"群名片格式：{pattern}",
            f"人數上限：{cap}（{'本群自訂' if own_cap else '依類型與分級的預設'}）",
            f"自動審核（入群回答與名冊相符即同意）：{'開' if auto else '關'}",
            f"逾期移出（逾期未改名片即移出）：{'開' if remove else '關'}",
            f"改名片期限：{hours:g} 小時",
        ]
    )


SETTINGS_SAVED = "已儲存。"
