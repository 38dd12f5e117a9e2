"""Every sentence the content duty says (Traditional; `core.send` converts to the deployment's script).

Nothing here ever quotes a message: notices name the category, the article and the measures.
"""

from collections.abc import Sequence

from core.durations import format_duration
from plugins.content.categories import Category

KIND_NAMES = {"illegal": "違法信息", "harmful": "不良信息"}
STATUS_NAMES = {
    "done": "已執行",
    "failed": "未執行",
    "pending": "執行中",
    "unconfirmed": "結果未知",
}


def record_reason(category: Category) -> str:
    return f"{KIND_NAMES[category.kind]}：{category.name}（{category.reference}）"


# --- measures, as the group and the leaders read them -------------------------------------------


def measure_name(kind: str, seconds: int = 0) -> str:
    return {
        "recall": "撤回",
        "warning": "警告",
        "mute": f"禁言{format_duration(seconds)}" if seconds else "禁言",
        "kick": "移出本群",
        "blacklist": "列入全街黑名單",
    }.get(kind, kind)


def group_notice(category: Category, done: Sequence[str], failed: Sequence[str]) -> str:
    """After an @mention of the sender: what was found (category only) and what was done."""
    head = f" 發布的訊息含{KIND_NAMES[category.kind]}（{category.reference}：{category.name}）"
    line = head + (f"，已{'、'.join(done)}。" if done else "。")
    if category.kind == "harmful" and "警告" in done:
        line += "請遵守群規，再犯將被禁言或移出（第十條）。"
    if failed:
        line += f"以下措施未執行，請群管理員處理：{'、'.join(failed)}。"
    return line


def done_part(kind: str, seconds: int = 0) -> str:
    """How a carried-out measure reads after 已 (已撤回、已禁言1天、已移出本群…)."""
    return {"warning": "予以警告"}.get(kind, measure_name(kind, seconds))


def outcome_line(name: str, status: str, answer: str) -> str:
    shown = STATUS_NAMES.get(status, status)
    return f"{name}（{shown}：{answer}）" if status == "failed" and answer else f"{name}（{shown}）"


def leaders_notice(
    *,
    category: Category,
    group_id: int,
    unit: str,
    user_id: int,
    message_id: int,
    evidence: str,
    outcomes: Sequence[str],
    exempt: bool,
    rung: str | None,
    report_to: Sequence[str],
) -> str:
    """Privately, up the chain: who, where, which category and article, what was done."""
    lines = [
        f"【{KIND_NAMES[category.kind]}】{unit} 的群 {group_id}：帳號 {user_id} 發布"
        f"「{category.name}」（{category.reference}），訊息 #{message_id}。",
        f"證據（已遮蔽）：{evidence}",
        f"處置：{'、'.join(outcomes) or '（無）'}" + (f"；{rung}" if rung else "") + "。",
    ]
    if exempt:
        lines.append(
            "發送者為群組管理員、單位分管負責人或黨群工作部人員：只撤回並記錄，未自動處置，請核查。"
        )
    if report_to:
        lines.append(
            f"事件報告已私聊發送街道分管負責人，供報黨工委主要負責人及{'、'.join(report_to)}（第八條）。"
        )
    return "\n".join(lines)


def rung_line(number: int, window_days: int) -> str:
    return f"{window_days}天內第{number}次"


def burst_notice(group_id: int, unit: str, count: int, minutes: float) -> str:
    return (
        f"【輿情風險】{unit} 的群 {group_id}：{minutes:g} 分鐘內出現 {count} 條違法或不良信息"
        "（第十條），可能產生重大輿情風險。請街道分管負責人研判，並及時向區委網信辦報告。"
    )


# --- the incident report (Art. 8) ---------------------------------------------------------------

REPORT_TITLE = "違法信息事件報告"


def report_file_name(at: str, group_id: int, record_id: int) -> str:
    return f"{REPORT_TITLE}-{at}-{group_id}-{record_id}.txt"


def incident_report(
    *,
    street: str,
    when: str,
    group_id: int,
    group_name: str,
    unit: str,
    user_id: int,
    category: Category,
    others: Sequence[str],
    message_id: int,
    evidence: str,
    outcomes: Sequence[str],
    exempt: bool,
    outside_bodies: Sequence[str],
    record_ids: Sequence[int],
) -> str:
    lines = [
        f"{street}工作群組{REPORT_TITLE}",
        "",
        f"時間：{when}",
        f"群組：{group_name or '（未知群名）'}（群號 {group_id}）",
        f"建群單位：{unit or '（未登記）'}",
        f"發布帳號：{user_id}",
        f"類別：{category.name}（{category.reference}：{category.words}）",
    ]
    if others:
        lines.append(f"同一訊息的其他類別：{'、'.join(others)}")
    lines += [
        f"證據：訊息 #{message_id}，{evidence}（摘要已遮蔽，不轉述原文）",
        f"已採取措施（第八條）：{'、'.join(outcomes) or '（無）'}",
    ]
    if exempt:
        lines.append("說明：發送者為管理人員，只撤回並記錄，未自動處置。")
    lines += [
        f"處置記錄編號：{'、'.join(f'#{i}' for i in record_ids)}（可用 manage.py audit verify 核驗）",
        "",
        f"依第八條，請街道分管負責人報黨工委主要負責人，並報{'、'.join(outside_bodies)}。",
        "本報告由群規機器人自動生成。",
    ]
    return "\n".join(lines) + "\n"


# --- /內容設定 and /重載詞庫 ----------------------------------------------------------------------

USAGE_POLICY = (
    "用法：/內容設定 [禁言 <時長>] [拉黑 <類別…>|無|預設] [階梯 <警告|時長|移出|拉黑>…] "
    "[期限 <天數>] [預設]；不帶參數時顯示目前設定"
)
POLICY_SAVED = "已儲存本群的內容設定。"
POLICY_RESET = "本群的內容設定已恢復預設。"


def policy_shown(
    *, own: bool, mute: str, blacklist: Sequence[str], ladder: Sequence[str], window_days: int
) -> str:
    return "\n".join(
        [
            f"【內容設定】（{'本群自訂' if own else '預設'}）",
            f"違法信息（第七、八條）：撤回、禁言{mute}；以下類別改為拉黑並移出："
            f"{'、'.join(blacklist) or '（無）'}",
            f"不良信息（第九、十條）：撤回，{window_days}天內依次：{' → '.join(ladder)}",
            "管理員本人的訊息只撤回並記錄，不自動處置。",
        ]
    )


def lexicon_reloaded(illegal: int, harmful: int, errors: Sequence[str]) -> str:
    line = f"詞庫已重新載入：違法信息 {illegal} 條、不良信息 {harmful} 條。"
    if errors:
        shown = "\n".join(errors[:10])
        line += f"\n以下檔案未載入（{len(errors)}）：\n{shown}"
    return line
