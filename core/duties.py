"""The duties the bot can carry out: the words a rulebook binds its articles to.

What the rulebook decides is which articles bind which duties (and so whether a duty runs at
all); what each duty does is the code's. `switchable` duties are the ones a group turns on and
off with /開啟 and /關閉, listed in /功能 in this order; `required` ones every rulebook must bind, since nothing else works
without them (a group is managed only once it is filed).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DutyKind:
    key: str
    name: str  # as people read it
    does: str  # what the bot does for it, in one clause
    switchable: bool = False
    required: bool = False


DUTY_KINDS: tuple[DutyKind, ...] = (
    DutyKind(
        "filing",
        "備案",
        "登記建群單位與群組管理員，向黨群工作部備案（/備案）",
        required=True,
    ),
    DutyKind(
        "approval",
        "批准與分級",
        "有群眾參與的群經黨群工作部批准後才納入管理；依類型、人數、活躍度分級",
        required=True,
    ),
    DutyKind(
        "realname",
        "實名",
        "入群實名認證、名片格式、成員人數上限、入群申請審核",
        switchable=True,
    ),
    DutyKind(
        "clearance",
        "清理",
        "每週成員檢查、確認後清理無關人員",
        switchable=True,
    ),
    DutyKind(
        "confidential",
        "保密",
        "撤回帶涉密或內部標識的訊息與檔案，不轉述其內容",
        switchable=True,
    ),
    DutyKind(
        "content",
        "內容",
        "違法信息與不良信息的撤回、階梯處置、記錄與報告",
        switchable=True,
    ),
    DutyKind(
        "privacy",
        "隱私",
        "撤回身份證號等個人信息，提醒保護成員隱私",
        switchable=True,
    ),
    DutyKind(
        "measures",
        "處置",
        "管理員的警告、禁言、移出與街道黑名單，逐項記錄",
    ),
    DutyKind("handover", "交接", "群組管理員調整時的交接與確認（/交接管理員）"),
    DutyKind("departed", "調離退群", "提醒名冊顯示已調離的人員退出本群"),
    DutyKind("dissolution", "解散", "提醒解散任務完結或長期閒置的群（/任務完結）"),
    DutyKind("broadcast", "群發通知", "黨群工作部向選定的群發送通知"),
    DutyKind("reports", "督查考核", "各群合規報告、全街報告與每週摘要"),
    DutyKind("trial", "試行期", "試行期屆滿前提醒黨群工作部"),
)

BY_KEY: dict[str, DutyKind] = {d.key: d for d in DUTY_KINDS}
DUTY_KEYS: tuple[str, ...] = tuple(BY_KEY)
SWITCHABLE: tuple[DutyKind, ...] = tuple(d for d in DUTY_KINDS if d.switchable)


def unbound(name: str) -> str:
    """What a command of a duty the rulebook leaves out answers."""
    return f"本街道的群規未規定「{name}」職責，此功能不適用。"
