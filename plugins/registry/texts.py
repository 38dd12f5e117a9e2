"""Every sentence the registry says (Traditional; `core.send` converts to the deployment's script)."""

from collections.abc import Sequence

from core.cite import article_label, cite
from plugins.registry.duties import DUTIES, Duty

USAGE_FILE = "用法：/備案 <內部|群眾> <單位> [用途]"
USAGE_APPROVE = "用法：/批准 [群號]（私聊時須寫群號）"
USAGE_REJECT = "用法：/駁回 [群號] <原因>（私聊時須寫群號）"
USAGE_SWITCH = "用法：/開啟 <功能> 或 /關閉 <功能>；功能：" + "、".join(d.name for d in DUTIES)
USAGE_DONE = "用法：/任務完結 [原因]"
USAGE_REVOKE = "用法：/撤銷備案 [群號] <原因>（私聊時須寫群號）"

NOT_IN_GROUP = "請在要操作的群內使用這個指令。"


def not_filed() -> str:
    return (
        "本群尚未備案。群主或管理員可用「/備案 <內部|群眾> <單位> [用途]」備案"
        f"（{cite('filing', 'approval')}）。"
    )


UNKNOWN_GROUP = "找不到群 {group_id} 的備案記錄。"


def ambiguous_group(group_id: int, where: Sequence[str]) -> str:
    return (
        f"群號 {group_id} 在多個平台上都有備案：{'、'.join(where)}。請寫明平台，例如括號中的寫法。"
    )


def no_account(platform_label: str) -> str:
    return f"目前沒有已連線的 {platform_label} 帳號，無法在該群執行，請稍後再試。"


NOT_PENDING = "群 {group_id} 目前的狀態是「{status}」，不是待批准。"
PURPOSE_TOO_LONG = "用途最多 200 字。"
REASON_TOO_LONG = "原因最多 200 字。"
ALREADY_FINISHED = "本群已於 {when} 標記為任務完結。"


def refused(role_names: Sequence[str]) -> str:
    return f"權限不足：此指令限{'、'.join(role_names)}使用。"


def unknown_unit(name: str, known: Sequence[str]) -> str:
    return f"未知單位「{name}」。已登記的單位：{'、'.join(known)}"


def already_filed(status: str) -> str:
    return f"本群已備案，目前狀態「{status}」。如需更改，請聯繫黨群工作部。"


def filed_internal(unit: str) -> str:
    return (
        f"已備案：本群為「{unit}」的內部工作群，狀態「已備案」。"
        f"您已登記為群組管理員（{cite('filing')}）。"
    )


def filed_public(unit: str) -> str:
    return (
        f"已提交：本群為「{unit}」有群眾參與的工作群，須經黨群工作部批准（{cite('approval')}），"
        "目前狀態「待批准」。您已登記為群組管理員。"
    )


def department_pending(group_name: str, group_id: int, unit: str, purpose: str) -> str:
    lines = [
        f"【待批准】有群眾參與的工作群申請備案（{cite('approval')}）",
        f"群：{group_name or '（未知群名）'}（{group_id}）",
        f"單位：{unit}",
    ]
    if purpose:
        lines.append(f"用途：{purpose}")
    lines.append(f"批准：/批准 {group_id}　駁回：/駁回 {group_id} <原因>")
    return "\n".join(lines)


def department_filed(group_name: str, group_id: int, unit: str) -> str:
    return f"【備案】內部工作群已備案：{group_name or '（未知群名）'}（{group_id}），單位：{unit}。"


def leader_filed(group_name: str, group_id: int, unit: str, filer: int, public: bool) -> str:
    """Privately, to the unit's leaders: a group was filed under their unit (Art. 3)."""
    kind = "有群眾參與的工作群（待黨群工作部批准）" if public else "內部工作群"
    return (
        f"【備案】群 {group_name or '（未知群名）'}（{group_id}）已備案為「{unit}」的{kind}，"
        f"帳號 {filer} 登記為群組管理員。如非本單位的群，請撤銷：/撤銷備案 {group_id} <原因>"
    )


REVOKED_REFILE = "本群的備案已被撤銷，只有黨群工作部可以重新備案。"


def revoke_other_unit(group_id: int, unit: str) -> str:
    return f"群 {group_id} 屬於「{unit}」，只有該單位的分管負責人或黨群工作部可以撤銷其備案。"


def not_revocable(group_id: int, status: str) -> str:
    return f"群 {group_id} 目前的狀態是「{status}」，沒有可撤銷的備案。"


def revoked_in_group(reason: str) -> str:
    return (
        f"本群的備案已被撤銷（{cite('filing', 'approval')}）：{reason}。"
        "機器人不再在本群執行各項職責，"
        "原登記的群組管理員不再是群組管理員。如需重新備案，請聯繫黨群工作部。"
    )


def revoked_notice(group_id: int, unit: str, by: int, reason: str) -> str:
    """Privately, to the group's former admins, the department and the unit's leaders."""
    return f"【撤銷備案】{unit} 的群 {group_id} 的備案已由帳號 {by} 撤銷：{reason}。"


def revoked_for_you(group_id: int) -> str:
    return f"已撤銷群 {group_id} 的備案。"


def approved(group_id: int) -> str:
    return f"群 {group_id} 已獲黨群工作部批准，狀態「已批准」。"


def rejected(group_id: int, reason: str) -> str:
    return f"群 {group_id} 的備案申請被駁回。原因：{reason}"


def decided_for_department(group_id: int, approve: bool) -> str:
    return f"已{'批准' if approve else '駁回'}群 {group_id}。"


def profile(
    *,
    unit: str,
    group_type: str,
    status: str,
    grade: str,
    admins: Sequence[str],
    duties_on: Sequence[str],
    duties_off: Sequence[str],
    purpose: str,
    finished: str | None,
) -> str:
    lines = [
        "【群檔案】",
        f"建群單位：{unit}",
        f"類型：{group_type}　狀態：{status}　分級：{grade}",
    ]
    if purpose:
        lines.append(f"用途：{purpose}")
    lines.append(f"群組管理員：{'、'.join(admins) if admins else '（無）'}")
    lines.append(f"開啟的功能：{'、'.join(duties_on) or '（無）'}")
    if duties_off:
        lines.append(f"關閉的功能：{'、'.join(duties_off)}")
    if finished:
        lines.append(f"任務完結：{finished}")
    return "\n".join(lines)


def duty_line(duty: Duty, on: bool) -> str:
    return f"{'●' if on else '○'} {duty.name}（{cite(duty.key)}）：{duty.summary}"


def unbound_line(duty: Duty) -> str:
    """In /功能: a duty the rulebook in force does not bind, never on."""
    return f"－ {duty.name}：本街道的群規未規定，不適用"


def limit_lines(platform_label: str, limits: Sequence[str]) -> list[str]:
    """Under a duty's line in /功能: what it does on this platform where something is missing."""
    return [f"　↳ {platform_label}：{line}" for line in limits]


def duties(lines: Sequence[str]) -> str:
    return "【功能】●開啟 ○關閉\n" + "\n".join(lines) + "\n群組管理員可用 /開啟 或 /關閉 切換。"


def switched(duty: Duty, on: bool) -> str:
    return f"已{'開啟' if on else '關閉'}「{duty.name}」（{cite(duty.key)}）。"


def unknown_duty(word: str) -> str:
    return f"未知功能「{word}」。{USAGE_SWITCH}"


# --- /群規: each article of the rulebook, and what the bot does for it here --------------------

RULES_HEADER = "【群規】本群依《{title}》管理："


def rules_article(number: int, text: str) -> str:
    return f"{article_label(number)}　{text}"


RULES_NOT_DONE = "　（機器人不執行，僅供遵守）"
_STATES = {"on": "", "off": "（本群已關閉）", "later": "（備案後執行）"}


def rules_duty(name: str, does: str, state: str) -> str:
    """Under an article: a duty it binds, what the bot does for it, and whether it does here
    (`state`: on, off — switched off in this group —, later — the group is not filed)."""
    return f"　{'●' if state == 'on' else '○'} {name}{_STATES[state]}：{does}"


def rules_duty_again(name: str, state: str, first: int) -> str:
    """A duty already shown under an earlier article (`first`)."""
    return f"　{'●' if state == 'on' else '○'} {name}{_STATES[state]}：見{article_label(first)}"


def rules_limits(platform_label: str, limits: Sequence[str], indent: str = "　　") -> list[str]:
    """Under a duty in /群規 (or, with one indent, at the end): how the bot carries it out on
    this platform."""
    return [f"{indent}（{platform_label}）{line}" for line in limits]


def rules_cut(title: str) -> str:
    return f"（條文較長的只列開頭，以「…」標示；全文見《{title}》。）"


RULES_OFF = "本群關閉的功能：{names}。"
RULES_NOT_FILED = "本群尚未備案，機器人暫不執行各項職責。"
RULES_REVOKED = "本群的備案已被撤銷，機器人不執行各項職責。"


def finished(reason: str) -> str:
    tail = f"（{reason}）" if reason else ""
    return (
        f"已標記本群任務完結{tail}。依{cite('dissolution')}，工作職能已完結的群應及時解散；"
        "機器人將提醒管理員。"
    )


def department_finished(group_id: int, unit: str, reason: str) -> str:
    return f"【任務完結】{unit} 的群 {group_id} 已標記任務完結。{reason}".rstrip()
