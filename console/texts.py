"""Every sentence the console shows or sends, in Traditional (the page is converted at the edge)."""

from models.registry import GroupStatus, GroupType

TITLE = "群規控制台"
NAV_LOGOUT = "登出"

LOGIN_TITLE = "登入"
LOGIN_HINT = (
    "請輸入你的 QQ 號。可登入者（黨群工作部、各單位分管負責人）會收到機器人 QQ 私訊的驗證碼；"
    "控制台只以 QQ 號登入，不接受 Telegram 帳號。"
)
ACCOUNT = "帳號"
SEND_CODE = "發送驗證碼"
BAD_ACCOUNT = "請輸入 QQ 號（數字）。"

CODE_TITLE = "輸入驗證碼"
CODE_HINT = "若帳號 {account} 可登入控制台，機器人已私訊發送 6 位驗證碼，5 分鐘內有效，可試 3 次。"
CODE = "驗證碼"
VERIFY = "登入"
OTHER_ACCOUNT = "換一個帳號"
CODE_WRONG = "驗證碼不正確或已失效。"
CODE_SPENT = "驗證碼不正確或已失效，請重新發送。"
TOO_MANY = "嘗試次數過多，請稍後再試。"
IDLE_ENDED = "閒置過久，已登出，請重新登入。"


def code_message(code: str, minutes: int) -> str:
    return (
        f"【控制台登入】驗證碼 {code}，{minutes} 分鐘內有效。"
        "請勿告訴他人；若不是你本人在登入，請忽略本訊息。"
    )


FORBIDDEN = "無權操作"
CSRF_REFUSED = "表單已失效（缺少或不符的驗證欄位），未做任何變更。請回到頁面重新提交。"
NOT_YOURS = "你只能查看本單位的群組。"
DEPARTMENT_ONLY = "只有黨群工作部可以批准或駁回。"
NO_ACCOUNT_ONLINE = "目前沒有已連線、在該群中的機器人帳號，無法通知群組；未做任何變更，請稍後再試。"
NOT_FOUND = "找不到該頁面。"
BAD_FILTER = "篩選條件有誤。"
REASON_NEEDED = "駁回需要填寫原因。"
BACK = "返回"

REGISTRY = "群組登記"
FILTER = "篩選"
ALL = "全部"
UNIT = "單位"
TYPE = "類型"
GRADE = "分級"
STATUS = "狀態"
PLATFORM = "平台"
GROUP_ID = "群號"
NAME = "群名"
ADMINS = "群組管理員"
DUTIES = "開啟的功能"
DECIDE = "審批"
APPROVE = "批准"
REJECT = "駁回"
REASON = "駁回原因"
NONE = "（無）"
NO_GROUPS = "沒有符合條件的群組。"
SCOPE_ALL = "你是黨群工作部成員，可查看全部群組。"
SCOPE_UNITS = "你可查看以下單位的群組：{units}。"


def count(n: int) -> str:
    return f"共 {n} 個群組"


def decided(group_id: int, status: str) -> str:
    return f"群 {group_id} 現在的狀態是「{status}」；群組與群組管理員已收到通知。"


# Filter values are ASCII, so a page converted to Simplified posts back what the server reads.
STATUSES = {s.name.lower(): s for s in GroupStatus}
TYPES = {t.name.lower(): t for t in GroupType}
GRADES = {"1": "一級", "2": "二級", "3": "三級"}

GROUP_PAGE = "群組檔案"
FILED = "備案"
FILED_BY = "備案人"
DECIDED_BY = "審批人"
MEMBERS = "人數"
SINCE = "起"
UNTIL = "止"
CURRENT = "現任"
FORMER = "已卸任"
ON = "開啟"
OFF = "關閉"
UNBOUND = "本街道的群規未規定，不適用"
ARTICLES = "條款"
RECORDS = "處置記錄"
NO_RECORDS = "（尚無記錄）"
WHEN = "時間"
KIND = "措施"
ARTICLE = "條"
UNDER = "依"  # a record's article, numbered as the older rulebook it was made under numbers it
CATEGORY = "類別"
EVIDENCE = "證據（已遮蔽）"
ANSWER = "平台回覆"
HANDOVERS = "交接"
FROM_ADMIN = "原管理員"
TO_ADMIN = "新管理員"
OPENED = "發起"
HANDOVER_STATUSES = {
    "pending": "待確認",
    "done": "已完成",
    "expired": "已逾期",
    "cancelled": "已取代",
}
BATCHES = "清理批次"
BATCH = "批次"
WEEK = "週"
BY_ADMIN = "管理員發起"
EXPIRES = "期限"
CONFIRMED = "已確認"
NOT_CONFIRMED = "未確認"

REPORTS = "報告"
REPORTS_DEPARTMENT_ONLY = "全街報告只有黨群工作部可以查看。"
BAD_PERIOD = "期間有誤：請填寫不晚於今天的起止日期（起日不晚於止日，最長一年）。"
PERIOD_SINCE = "起日"
PERIOD_UNTIL = "止日"
SHOW = "查看"
DOWNLOAD_WORKBOOK = "下載報表（.xlsx）"
CHART_ALT = "各類發現的數量"

NOTICES = "群發通知"
NOTICES_DEPARTMENT_ONLY = "只有黨群工作部可以群發通知。"
NOTICE_TEXT = "通知內容"
NOTICE_HINT = (
    "選擇收件群組（同一類中任一符合即可，不同類須同時符合），寫好內容後先預覽；確認後才發出。"
)
EVERYTHING = "全部已備案群組"
PREVIEW = "預覽收件群組"
NOTICE_NUMBER = "群發 #{number}"
AS_GROUPS_SEE = "群內看到的通知"
RECIPIENTS = "收件群組（{n} 個）"
CONFIRM_SEND = "確認發送"
EXPIRES_AT = "預覽有效至"
NOTICE_STATUSES = {"preview": "待確認", "sending": "發送中", "done": "已完成"}
TARGET_STATUSES = {
    "waiting": "待發",
    "sending": "發送中",
    "sent": "已發出",
    "refused": "未發出",
    "unconfirmed": "結果未知",
    "skipped": "已略過",
}


def tally_line(sent: int, refused: int, unconfirmed: int, waiting: int, skipped: int) -> str:
    return (
        f"已發出 {sent}，未發出 {refused}，結果未知 {unconfirmed}，待發 {waiting}，已略過 {skipped}"
    )


BLACKLIST = "黑名單"
BLACKLIST_ENTRIES = "黑名單（生效中）"
BLACKLIST_REQUESTS = "待確認的拉黑請求"
BLACKLIST_SCOPE_ALL = "你是黨群工作部成員，可查看並決定全部請求。"
BLACKLIST_SCOPE_UNITS = "你可查看並決定以下單位群組的黑名單與請求：{units}。"
ENTRY = "編號"
ACCOUNT_MASKED = "帳號"
BLACKLIST_REASON = "原因"
SOURCE_GROUP = "來源群"
ADDED_AT = "列入時間"
REQUESTED_BY = "申請人"
REQUESTED_AT = "申請時間"
CONFIRM_BAN = "確認"
REJECT_BAN = "駁回"
NO_ENTRIES = "黑名單目前沒有生效中的帳號。"
NO_REQUESTS = "沒有等待確認的拉黑請求。"
NOT_YOUR_UNIT = "（非本單位，不能決定）"


def entries_count(n: int) -> str:
    return f"共 {n} 個帳號"


def requests_count(n: int) -> str:
    return f"共 {n} 個請求"


ROSTER = "實名名冊"
ROSTER_NAME = "姓名"
ROSTER_STATUS = "狀態"
ROSTER_NOTE = "備註"
ROSTER_DEPARTMENT_ONLY = "只有黨群工作部可以導入名冊。"
ROSTER_HINT = (
    "上傳 .xlsx 或 .csv 名冊（欄位：單位、姓名、帳號、狀態、備註）。先試算、不寫入；"
    "確認無誤後再導入。選了單位，檔案即為該單位的完整名冊：檔案中沒有的該單位人員標記為調離。"
)
ROSTER_FILE = "名冊檔案"
ROSTER_WHOLE_UNIT = "整個單位的名冊（可不選）"
ROSTER_NO_UNIT = "（不選：只新增與更新）"
ROSTER_PREVIEW = "試算"
ROSTER_COMMIT = "確認導入"
ROSTER_NO_FILE = "請選擇要上傳的名冊檔案。"
ROSTER_EXPIRED = "這份試算已失效（已導入、已過期或不屬於此登入），未做任何變更。請重新上傳。"
ROSTER_CHANGED_MEANWHILE = (
    "試算之後名冊已有變動，未做任何變更。以下是按現在的名冊重新試算的結果，請再確認。"
)
ROSTER_ADDED = "新增"
ROSTER_CHANGED = "更新"
ROSTER_LEAVING = "標記調離"
ROSTER_NOTHING = "這份檔案與現有名冊一致，導入不會有任何改動。"
ROSTER_RECENT = "最近的導入"
ROSTER_SOURCE = "檔案"
ROSTER_AT = "時間"
ROSTER_NO_IMPORTS = "尚無導入記錄。"


def roster_plan(filename: str, added: int, changed: int, unchanged: int, departed: int) -> str:
    return (
        f"試算「{filename}」：新增 {added} 人，更新 {changed} 人，未變 {unchanged} 人，"
        f"標記調離 {departed} 人。尚未寫入。"
    )


def roster_more(n: int) -> str:
    return f"……另有 {n} 人未列出"


INCIDENTS = "處置事件"
INCIDENTS_HINT = "最上方是需要有人處理的：未執行、結果未知、已請有權限者處理；其餘按時間由新到舊。證據一律已遮蔽。"
ATTENTION = "需要處理"
RECENT = "其他處置"
NO_ATTENTION = "（目前沒有需要處理的事件）"
NO_INCIDENTS = "（沒有處置事件）"
NEXT_PAGE = "下一頁（更早）"
FIRST_PAGE = "回到第一頁"
REASON_SHOWN = "原因（已遮蔽）"
BAD_PAGE = "頁碼有誤。"

HEALTH = "帳號狀態"
HEALTH_ONLY = "只有黨群工作部可以查看帳號狀態。"
THIS_NODE = "本程序（節點）：{node}"
ACCOUNT_ID = "機器人帳號"
NODE = "程序（節點）"
ALIVE = "運作中"
DOWN = "已離線"
CONNECTED_SINCE = "連線起"
LAST_EVENT = "最後事件"
SENDS_WAITING = "待發訊息"
MANAGES_WAITING = "待執行管理"
PAUSED = "發送暫停"
NOT_PAUSED = "未暫停"
GROUPS_KNOWN = "所在群數"
NO_ACCOUNTS = "（目前沒有已連線的機器人帳號）"


def paused_for(seconds: float) -> str:
    return f"暫停中，尚餘 {seconds:.0f} 秒（風控退避）"


AUDIT = "審計核驗"
AUDIT_ONLY = "只有黨群工作部可以核驗審計鏈。"
AUDIT_HINT = "核驗會重新計算每一條處置記錄的封存值並比對錨點記錄，與 manage.py audit verify 相同；記錄多時需要數秒。"
CHAIN_HEAD = "鏈頭"
RECORD_COUNT = "記錄數"
HEAD_DIGEST = "鏈頭摘要"
EMPTY_CHAIN = "（尚無記錄）"
RUN_VERIFY = "開始核驗"
VERDICT = "核驗結果"
AUDIT_OK = "完整"
AUDIT_BROKEN = "已損壞"
AUDIT_UNUSABLE = "無法核驗"


def verified_in(seconds: float) -> str:
    return f"核驗用時 {seconds:.1f} 秒。"
