"""The duties a group can switch on or off, each with the articles it serves."""

from dataclasses import dataclass

from core.script import to_simplified


@dataclass(frozen=True)
class Duty:
    key: str
    name: str
    articles: tuple[int, ...]
    summary: str


DUTIES: tuple[Duty, ...] = (
    Duty("realname", "實名", (4, 7), "入群實名認證、名片格式、成員人數上限、入群申請審核"),
    Duty("clearance", "清理", (4, 14), "每週成員檢查、確認後清理無關人員、完結群組解散提醒"),
    Duty("confidential", "保密", (11,), "撤回帶涉密或內部標識的訊息，不轉述其內容"),
    Duty("content", "內容", (7, 8, 9, 10), "違法信息與不良信息的處置、記錄與報告"),
    Duty("privacy", "隱私", (4,), "撤回身份證號等個人信息，提醒保護成員隱私"),
)

BY_KEY = {d.key: d for d in DUTIES}


def find_duty(word: str) -> Duty | None:
    """The duty named by its Chinese name (either script) or its key."""
    key = to_simplified(word.strip()).lower()
    for duty in DUTIES:
        if key in (duty.key, to_simplified(duty.name)):
            return duty
    return None


def articles_label(articles: tuple[int, ...]) -> str:
    return "、".join(f"第{a}條" for a in articles)
