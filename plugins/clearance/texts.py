"""Every sentence of the clearance duty that people read, in Traditional Chinese.

`core.send` converts them for deployments that show Simplified. Group messages carry counts and
@mentions only; names and accounts go to the admins privately.
"""

from collections.abc import Sequence

from core.cite import cite

DUTY_OFF = "本群未開啟「清理」功能。群組管理員可用 /開啟 清理。"
NOT_SELF = "不能對自己或機器人這樣做。"
REASON_TOO_LONG = "原因最多 200 字。"

_REASONS = {
    "card": "群名片未實名",
    "not_on_roster": "不在名冊",
    "departed": "已調離",
    "blacklisted": "黑名單",
}


def articles() -> str:
    """What the member check carries out: the periodic check, and departed staff leaving."""
    return cite("clearance", "departed")


def reason_label(reason: str, silent_days: int) -> str:
    if reason == "silent":
        return f"超過 {silent_days} 天未發言"
    return _REASONS.get(reason, reason)


def reasons_text(reasons: Sequence[str], silent_days: int) -> str:
    return "、".join(reason_label(r, silent_days) for r in reasons)


def _counts(counts: Sequence[tuple[str, int]], silent_days: int) -> str:
    return "、".join(f"{reason_label(r, silent_days)} {n}" for r, n in counts)


def members_unreadable(answer: str) -> str:
    return f"無法讀取成員列表：{answer}。請檢查機器人是否在群內並為管理員。"


# --- the weekly post in the group ----------------------------------------------------------------


# Where the platform lists no members (Telegram): who the counts are of.
KNOWN_ONLY = "（本平台沒有成員名單，只計機器人入群後見過的成員）"


def weekly_counts(
    total: int,
    listed: int,
    counts: Sequence[tuple[str, int]],
    exempted: int,
    silent_days: int,
    known_only: bool = False,
) -> str:
    """The week's counts, in the group: no names, no accounts."""
    text = f"【每週成員檢查】本群 {total} 人" + (KNOWN_ONLY if known_only else "")
    text += (
        f"，待處理 {listed} 人（{_counts(counts, silent_days)}）" if listed else "，沒有待處理成員"
    )
    if exempted:
        text += f"，另有 {exempted} 人經管理員保留"
    tail = "名單已私聊發送群組管理員。" if listed else ""
    return f"{text}（{articles()}）。{tail}"


def fix_card(pattern: str) -> str:
    return f"以下成員請把群名片改為「{pattern}」，否則可能被清理出群："


def more_not_mentioned(count: int) -> str:
    return f"……另有 {count} 人未點名，請管理員私下提醒。"


# --- the list to the admins, privately ------------------------------------------------------------


def list_head(
    unit: str,
    group_id: int,
    week: str,
    total: int,
    removable: int,
    silent_days: int,
    known_only: bool = False,
) -> str:
    when = f"{week} 每週檢查" if week else "即時檢查"
    known = KNOWN_ONLY if known_only else ""
    head = f"【成員檢查】{unit} 的群 {group_id}（{when}）：本群 {total} 人{known}，待清理 {removable} 人。"
    return head if removable else head + "沒有需要確認的名單。"


def batch_line(batch: int, expires: str) -> str:
    return (
        f"批次號 {batch}，{expires} 前有效。確認移出：/清理確認 {batch}"
        "（移出前會再次核對，已離群、已合規或已保留的成員不會移出）。"
    )


def member_line(name: str, user_id: int, reasons: str) -> str:
    return f"{name or '（無名片）'}（{user_id}）：{reasons}"


def kept_line(name: str, user_id: int, reasons: str) -> str:
    return f"{member_line(name, user_id, reasons)}（群主、管理員或受保護人員，不移出）"


def exempted_line(count: int) -> str:
    return f"經 /保留 排除 {count} 人。"


def departed_admin_notice(unit: str, group_id: int, name: str, user_id: int) -> str:
    return (
        f"【調離人員仍任管理】{unit} 的群 {group_id}：{name or '（無名片）'}（{user_id}）"
        "已調離，但仍是本群的群主、管理員或群組管理員，機器人不會移出。"
        f"依{cite('handover', 'departed')}，請安排 /交接管理員 並請其退出本群。"
    )


# --- /清理檢查 and /清理確認 -------------------------------------------------------------------------

USAGE_CONFIRM = "用法：/清理確認 <批次號>"


def check_reply(
    total: int,
    removable: int,
    counts: Sequence[tuple[str, int]],
    batch: int | None,
    days: int,
    known_only: bool = False,
) -> str:
    known = KNOWN_ONLY if known_only else ""
    if batch is None:
        return f"【清理檢查】本群 {total} 人{known}，沒有待清理成員。"
    return (
        f"【清理檢查】本群 {total} 人{known}，待清理 {removable} 人（{_counts(counts, days)}）。"
        f"名單已私聊發送給您，批次號 {batch}。"
    )


def unknown_batch(number: int) -> str:
    return f"找不到批次 {number}（或它不是本群的批次），沒有移出任何人。請核對批次號。"


def expired_batch(number: int, when: str) -> str:
    return f"批次 {number} 已於 {when} 過期，沒有移出任何人。請用 /清理檢查 重新生成名單。"


def already_confirmed(number: int, when: str) -> str:
    return f"批次 {number} 已於 {when} 確認過，沒有再次移出。"


def confirm_started(number: int, count: int, skipped: int) -> str:
    tail = f"；{skipped} 人已離群、已合規或已保留，不移出" if skipped else ""
    return f"開始清理批次 {number}：{count} 人將逐一移出{tail}。"


def nothing_left(number: int, skipped: int) -> str:
    return f"批次 {number} 已確認：{skipped} 人都已離群、已合規或已保留，沒有移出任何人。"


def confirm_done(number: int, removed: int, failed: int) -> str:
    tail = f"，{failed} 人平台未執行（已記錄，請人工處理）" if failed else ""
    return f"批次 {number} 清理完成：移出 {removed} 人{tail}。"


REASON_CLEARANCE = "每週成員檢查，經管理員確認清理"


def leader_cleared(unit: str, group_id: int, number: int, removed: int, by: int) -> str:
    return (
        f"【清理】{unit} 的群 {group_id}：批次 {number} 經管理員（帳號尾號 {str(by)[-4:]}）確認，"
        f"移出 {removed} 人（{articles()}）。"
    )


# --- /保留 and /取消保留 ---------------------------------------------------------------------------

USAGE_KEEP = "用法：/保留 @成員 <原因>"
USAGE_UNKEEP = "用法：/取消保留 @成員"
KEPT = " 已列為保留成員，不列入清理（原因已記錄）。"
UNKEPT = " 已取消保留，恢復列入每週清理。"
ALREADY_KEPT = "此成員已是保留成員。如要更改原因，請先 /取消保留。"
NOT_KEPT = "此成員不是保留成員。"

# --- /清理設定 -----------------------------------------------------------------------------------

USAGE_SETTINGS = (
    "用法：/清理設定 [時間 <週一 09:00|預設>] [沉默天數 <天數|預設>] [閒置天數 <天數|預設>] [預設]；"
    "不帶參數時顯示目前設定"
)
SETTINGS_SAVED = "已儲存。"


def _whose(own: bool) -> str:
    return "本群自訂" if own else "預設"


def settings_shown(
    when: str, own_when: bool, silent: int, own_silent: bool, dormant: int, own_dormant: bool
) -> str:
    return "\n".join(
        [
            "【清理設定】",
            f"每週檢查時間：{when}（{_whose(own_when)}）",
            f"沉默天數（超過即列入名單）：{silent}（{_whose(own_silent)}）",
            f"閒置天數（全群無訊息超過即提醒解散）：{dormant}（{_whose(own_dormant)}）",
        ]
    )


# --- finished and dormant groups (Art. 14) --------------------------------------------------------


def idle_line(
    name: str, group_id: int, finished_on: str | None, reason: str, days: int, since: str
) -> str:
    if finished_on is not None:
        what = f"已於 {finished_on} 標記任務完結" + (f"（{reason}）" if reason else "")
    else:
        what = f"已 {days} 天沒有訊息（最後：{since}）"
    return f"{name or '（未知群名）'}（{group_id}）{what}"


def dissolve_reminder(unit: str, line: str, finished: bool) -> str:
    rule = f"依{cite('dissolution')}，工作職能已完結的群應及時解散"
    advice = f"{rule}，請群主解散本群。" if finished else f"{rule}；如仍需要，請在群內說明用途。"
    return f"【解散提醒】{unit} 的群 {line}。{advice}"


def digest_head(count: int) -> str:
    return f"【完結與閒置群組】本週 {count} 個群應考慮解散（{cite('dissolution')}）："


def digest_line(unit: str, line: str) -> str:
    return f"{unit}｜{line}"
