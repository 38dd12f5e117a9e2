"""Every sentence the privacy duty says (Traditional; `core.send` converts the script).

Numbers appear only masked; the bot never posts personal data.
"""

from collections.abc import Sequence

from core.cite import cite

CATEGORY_NAMES = {"id_number": "身份證號", "phone": "手機號"}
OPTION_NAMES = {"phone": "手機號"}

RECORD_REASON = "含有個人信息（保護群成員個人信息）"

USAGE_OPTION = "用法：/隱私選項 手機 開|關（開啟後，群內的手機號也會被撤回）"


def _what(categories: Sequence[str], masked: Sequence[str], shown: int) -> str:
    names = "、".join(CATEGORY_NAMES.get(c, c) for c in categories)
    more = "等" if len(masked) > shown else ""
    return f"{names}（{'、'.join(masked[:shown])}{more}）"


def withdrawn(categories: Sequence[str], masked: Sequence[str], shown: int) -> str:
    return (
        f" 您的訊息含有{_what(categories, masked, shown)}，已撤回。"
        f"依{cite('privacy')}，請保護群成員的個人信息，勿在群內發送身份證號、手機號等。"
    )


def not_withdrawn(categories: Sequence[str], masked: Sequence[str], shown: int) -> str:
    return (
        f" 您的訊息含有{_what(categories, masked, shown)}，機器人未能撤回，"
        f"請立即自行撤回（{cite('privacy')}：保護群成員的個人信息）。"
    )


def admins_not_withdrawn(
    group_id: int, unit: str, user_id: int, message_id: int, masked: Sequence[str], answer: str
) -> str:
    return (
        f"【隱私】群 {group_id}（{unit}）：帳號 {user_id} 的訊息（編號 {message_id}）"
        f"含有個人信息（{'、'.join(masked)}），機器人未能撤回（平台答覆：{answer or '無'}）。"
        f"請群組管理員手動撤回（{cite('privacy')}）。"
    )


def option_state(states: dict[str, bool]) -> str:
    lines = [f"{OPTION_NAMES[o]}：{'開啟' if on else '關閉'}" for o, on in sorted(states.items())]
    head = f"【隱私選項】身份證號一律撤回（{cite('privacy')}）。"
    return head + "\n" + "\n".join(lines) + "\n" + USAGE_OPTION


def option_switched(option: str, enabled: bool) -> str:
    if enabled:
        return f"已開啟：本群的{OPTION_NAMES[option]}也會被撤回並提醒（{cite('privacy')}）。"
    return (
        f"已關閉：本群的{OPTION_NAMES[option]}不再撤回；身份證號仍一律撤回（{cite('privacy')}）。"
    )
