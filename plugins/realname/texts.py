"""Every sentence of the real-name duty that people read, in Traditional Chinese.

The plugin layer passes these through `core.script.in_script` for deployments that show Simplified.
"""

from collections.abc import Sequence

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
