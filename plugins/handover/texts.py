"""Every sentence the handover says (Traditional; `core.send` converts to the deployment's script).

Sentences for the group never hold an account number: people are @mentioned or named by card.
"""

from collections.abc import Callable, Sequence

from core.cite import cite
from plugins.handover.decide import Check, Refusal
from plugins.handover.history import Entry

USAGE_OPEN = (
    "用法：/交接管理員 @新管理員 [原因]；本群有多名群組管理員時：/交接管理員 @新管理員 @原管理員 "
    "[原因]；黨群工作部可加「強制」免去確認。"
)
REFUSALS: dict[Refusal, str] = {
    Refusal.FORCE_NOT_DEPARTMENT: "「強制」交接限黨群工作部使用。",
    Refusal.REASON_TOO_LONG: "原因最多 200 字。",
    Refusal.SELF: "不能把群組管理員交接給機器人。",
    Refusal.ALREADY_ADMIN: "此人已是本群的群組管理員。",
    Refusal.OLD_NOT_ADMIN: "指明的原管理員不是本群的群組管理員。",
    Refusal.WHICH_ADMIN: (
        "本群有多名群組管理員，請指明交出的一位：/交接管理員 @新管理員 @原管理員 [原因]"
    ),
}
NO_REASON = "未說明"
DEFAULT_REASON = "交接"  # stored on the registry rows when the opener gave no reason


def not_real_named(pattern: str, example: str) -> str:
    return (
        f"未實名：群名片不符合「{pattern}」格式（例如「{example}」），也不是本單位名冊中在崗的人員"
    )


# Where the platform has no cards (Telegram): real-named is bound to the roster.
NOT_BOUND = "未實名：沒有綁定本單位名冊中在崗的人員（入群申請時私聊答覆機器人完成綁定）"
CHECK_NOT_MEMBER = "不是本群成員（平台查無此人）"
CHECK_BLACKLISTED = "在全街黑名單中"


def checks_failed(
    failed: Sequence[Check], pattern: str, example: str, *, cards: bool = True
) -> str:
    said = {
        Check.NOT_MEMBER: CHECK_NOT_MEMBER,
        Check.BLACKLISTED: CHECK_BLACKLISTED,
        Check.NOT_REAL_NAMED: not_real_named(pattern, example) if cards else NOT_BOUND,
    }
    lines = [f"・{said[c]}" for c in failed]
    return f"無法交接給此人（{cite('handover')}：新管理員須是本群的實名成員）：\n" + "\n".join(
        lines
    )


def opened(reason: str, deadline: str, replaced: bool) -> str:
    """After an @mention of the new admin."""
    why = f"原因：{reason}。" if reason else ""
    older = "先前未確認的交接已取消。" if replaced else ""
    return (
        f" 您被指定為本群新的群組管理員（{cite('handover')}）。{why}"
        f"請在 {deadline} 前於本群發送 /確認交接 確認，逾期作廢。{older}"
    )


NO_PENDING = "本群沒有待確認的管理員交接。"
NOT_NAMED = "只有被指定的新管理員可以確認這次交接。"


def expired(when: str) -> str:
    return f"這次交接已於 {when} 過期，請重新發起 /交接管理員。"


# --- completion -------------------------------------------------------------------------------


def done_head() -> str:
    return f" 交接完成：您已登記為本群的群組管理員（{cite('handover')}）。"


RIGHTS_MOVED = "平台管理員權限已轉移。"


def rights_failed(answer: str) -> str:
    return f"平台管理員權限未能轉移（{answer}），請在群聊設置中手動調整。"


def done(rights: str, answer: str) -> str:
    """After an @mention of the new admin; `rights` as in RIGHTS_STATES."""
    if rights == "moved":
        return done_head() + RIGHTS_MOVED
    if rights == "failed":
        return done_head() + rights_failed(answer)
    return done_head()


def owner_steps(
    new_name: str,
    old_name: str | None,
    grant: bool,
    revoke: bool,
    where: str = "群聊設置 → 群管理 → 設置管理員",
) -> str:
    """After an @mention of the owner (or alone, when the owner cannot be found); `where`: the
    platform's settings page for admins (plugins.registry.platforms.ADMIN_SETTINGS)."""
    steps: list[str] = []
    if grant:
        steps.append(f"將「{new_name}」設為管理員")
    if revoke and old_name is not None:
        steps.append(f"取消「{old_name}」的管理員")
    numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
    return (
        " 群組管理員已交接，但機器人不是群主，無法轉移平台管理員權限。"
        f"請群主打開「{where}」：\n{numbered}"
    )


def transfer_ownership(platform_label: str, group_id: int, group_name: str, new_name: str) -> str:
    """Privately, to an outgoing admin who owns the group: the bot cannot move ownership."""
    return (
        f"【轉讓群主】群 {group_name or '（未知群名）'}（{group_id}）的群組管理員已交接給「{new_name}」。"
        f"您是本群的群主，機器人無法轉移群主身份（{cite('handover')}）：請在 {platform_label} 客戶端中"
        "自行把群主轉讓給新管理員或建群單位指定的人。"
    )


RIGHTS_STATES = {
    "moved": "已由機器人轉移",
    "failed": "機器人轉移未成功，已請群主處理",
    "owner_told": "機器人不是群主，已在群內告知群主操作步驟",
    "none": "無需調整",
}


def department_notice(
    *,
    group_id: int,
    group_name: str,
    unit: str,
    old: int | None,
    new: int,
    opened_by: int,
    reason: str,
    forced: bool,
    rights: str,
) -> str:
    """Privately, to the department: names accounts, so the filing can be updated (Art. 3)."""
    before = f"帳號 {old}" if old is not None else "（原無登記的管理員）"
    how = "，強制交接（未經確認）" if forced else ""
    return (
        f"【管理員交接】{unit} 的群 {group_name or '（未知群名）'}（{group_id}）："
        f"群組管理員由 {before} 交接給帳號 {new}。原因：{reason or NO_REASON}。"
        f"發起：帳號 {opened_by}{how}。平台管理員權限：{RIGHTS_STATES[rights]}。"
        f"請據此更新備案（{cite('filing')}）。"
    )


def departed_reminder(group_id: int, group_name: str) -> str:
    """Privately, to an old admin whom the roster lists as 調離 (Art. 14)."""
    return (
        f"【退群提醒】名冊顯示您已調離崗位，本群的群組管理員已交接。依{cite('departed')}，已調離的人員應退出"
        f"原工作群：請退出群 {group_name or '（未知群名）'}（{group_id}）。未退出的，將列入下次成員清理。"
    )


def departed_reason() -> str:
    return f"原群組管理員已調離，應退群（{cite('departed')}）"


# --- departures ---------------------------------------------------------------------------------


def no_admin_notice(group_id: int, group_name: str, unit: str, last: int) -> str:
    """Privately, to the unit leader and the department."""
    return (
        f"【無管理員】{unit} 的群 {group_name or '（未知群名）'}（{group_id}）："
        f"最後一位群組管理員（帳號 {last}）已退群，本群現無登記的群組管理員。"
        f"請建群單位及時指定（{cite('filing', 'handover')}）：在群內發送 /交接管理員 @新管理員。"
    )


# --- /管理員記錄 --------------------------------------------------------------------------------

HISTORY_HEAD = "【管理員記錄】本群群組管理員的變更（由早到晚）："
NO_HISTORY = "本群沒有群組管理員記錄。"


def history_more(count: int) -> str:
    return f"（更早的 {count} 條未列出）"


def _why(reason: str) -> str:
    return f"（{reason}）" if reason else ""


def history_start(when: str, who: str, why: str, by: str | None) -> str:
    by_part = f"，經辦：{by}" if by else ""
    return f"{when} {who} 登記為群組管理員{_why(why)}{by_part}"


def history_handover(when: str, old: str | None, new: str, why: str, by: str, forced: bool) -> str:
    force = "，強制" if forced else ""
    return f"{when} 交接：{old or '（無）'} → {new}{_why(why or NO_REASON)}，發起：{by}{force}"


def history_end(when: str, who: str, why: str) -> str:
    return f"{when} {who} 卸任群組管理員{_why(why)}"


def history_line(entry: Entry, name: Callable[[int], str], when: str) -> str:
    """One entry, people named by `name` (a card, or a masked account)."""
    if entry.kind == "handover":
        old = name(entry.other) if entry.other is not None else None
        by = name(entry.by) if entry.by is not None else ""
        return history_handover(when, old, name(entry.who), entry.reason, by, entry.forced)
    if entry.kind == "start":
        registrar = name(entry.by) if entry.by is not None and entry.by != entry.who else None
        return history_start(when, name(entry.who), entry.reason, registrar)
    return history_end(when, name(entry.who), entry.reason)
