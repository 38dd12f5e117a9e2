"""Every sentence the content duty says (Traditional; `core.send` converts to the deployment's script).

Nothing here ever quotes a message: notices name the category, the article and the measures.
"""

from collections.abc import Sequence

from core import runtime
from core.cite import article_label
from core.durations import format_duration
from plugins.content.categories import Category, ladder_of, reference

KIND_NAMES = {"illegal": "違法信息", "harmful": "不良信息"}
STATUS_NAMES = {
    "done": "已執行",
    "failed": "未執行",
    "pending": "執行中",
    "unconfirmed": "結果未知",
}


def record_reason(category: Category) -> str:
    return f"{KIND_NAMES[category.kind]}：{category.name}（{reference(category)}）"


def _measures_article(category: Category, article: int | None) -> str:
    """The article the measures are under: given, else that of the category's own ladder."""
    return article_label(article if article is not None else ladder_of(category).article)


# --- measures, as the group and the leaders read them -------------------------------------------


def measure_name(kind: str, seconds: int = 0) -> str:
    return {
        "recall": "撤回",
        "warning": "警告",
        "mute": f"禁言{format_duration(seconds)}" if seconds else "禁言",
        "kick": "移出本群",
        "blacklist": "列入全街黑名單",
    }.get(kind, kind)


def group_notice(
    category: Category,
    done: Sequence[str],
    failed: Sequence[str],
    *,
    article: int | None = None,
) -> str:
    """After an @mention of the sender: what was found (category only) and what was done.
    `article`: the measures' (their ladder's)."""
    head = f" 發布的訊息含{KIND_NAMES[category.kind]}（{reference(category)}：{category.name}）"
    line = head + (f"，已{'、'.join(done)}。" if done else "。")
    if category.kind == "harmful" and done_part("warning") in done:
        line += f"請遵守群規，再犯將被禁言或移出（{_measures_article(category, article)}）。"
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
    article: int | None = None,
) -> str:
    """Privately, up the chain: who, where, which category and article, what was done.
    `article`: the measures' (their ladder's)."""
    lines = [
        f"【{KIND_NAMES[category.kind]}】{unit} 的群 {group_id}：帳號 {user_id} 發布"
        f"「{category.name}」（{reference(category)}），訊息 #{message_id}。",
        f"證據（已遮蔽）：{evidence}",
        f"處置：{'、'.join(outcomes) or '（無）'}" + (f"；{rung}" if rung else "") + "。",
    ]
    if exempt:
        lines.append(
            "發送者為群組管理員、單位分管負責人或黨群工作部人員：只撤回並記錄，未自動處置，請核查。"
        )
    if report_to:
        lines.append(
            "事件報告已私聊發送街道分管負責人，供報黨工委主要負責人及"
            f"{'、'.join(report_to)}（{_measures_article(category, article)}）。"
        )
    return "\n".join(lines)


def rung_line(number: int, window_days: int) -> str:
    return f"{window_days}天內第{number}次"


def _risk_article() -> int | None:
    """Where the rulebook speaks of a public-opinion risk (Art. 10): the last article binding
    both the content and the measures duty, else the content duty's last."""
    book = runtime.rulebook()
    content = book.articles_of("content")
    both = [n for n in content if n in book.articles_of("measures")]
    found = both or list(content)
    return found[-1] if found else None


def burst_notice(group_id: int, unit: str, count: int, minutes: float) -> str:
    """A possible major public-opinion risk (Art. 10)."""
    article = _risk_article()
    cited = f"（{article_label(article)}）" if article is not None else ""
    return (
        f"【輿情風險】{unit} 的群 {group_id}：{minutes:g} 分鐘內出現 {count} 條違法或不良信息"
        f"{cited}，可能產生重大輿情風險。請街道分管負責人研判，並及時向區委網信辦報告。"
    )


# --- the incident report (Art. 8: the ladder's article) -----------------------------------------

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
    article: int | None = None,
) -> str:
    """`article`: the measures' (their ladder's)."""
    measures = _measures_article(category, article)
    lines = [
        f"{street}工作群組{REPORT_TITLE}",
        "",
        f"時間：{when}",
        f"群組：{group_name or '（未知群名）'}（群號 {group_id}）",
        f"建群單位：{unit or '（未登記）'}",
        f"發布帳號：{user_id}",
        f"類別：{category.name}（{reference(category)}：{category.words}）",
    ]
    if others:
        lines.append(f"同一訊息的其他類別：{'、'.join(others)}")
    lines += [
        f"證據：訊息 #{message_id}，{evidence}（摘要已遮蔽，不轉述原文）",
        f"已採取措施（{measures}）：{'、'.join(outcomes) or '（無）'}",
    ]
    if exempt:
        lines.append("說明：發送者為管理人員，只撤回並記錄，未自動處置。")
    lines += [
        f"處置記錄編號：{'、'.join(f'#{i}' for i in record_ids)}（可用 manage.py audit verify 核驗）",
        "",
        f"依{measures}，請街道分管負責人報黨工委主要負責人，並報{'、'.join(outside_bodies)}。",
        "本報告由群規機器人自動生成。",
    ]
    return "\n".join(lines) + "\n"


# --- /內容設定 and /重載詞庫 ----------------------------------------------------------------------

POLICY_SAVED = "已儲存本群的內容設定。"
POLICY_RESET = "本群的內容設定已恢復預設。"


def usage_policy(ladders: Sequence[str]) -> str:
    """`ladders`: the rulebook's ladder names, for the commands that name one."""
    return (
        "用法：/內容設定 階梯 <階梯名> <警告|時長|移出|拉黑>…｜期限 <階梯名> <天數>｜"
        "類別 <類別> <階梯名>｜預設；不帶參數時顯示目前設定。"
        f"階梯名：{'、'.join(ladders)}"
    )


def ladder_shown(
    *,
    name: str,
    article: int,
    steps: Sequence[str],
    window_days: int,
    categories: Sequence[str],
    own: bool,
) -> str:
    """One ladder as /內容設定 shows it, with the categories it deals with."""
    head = f"{name}（{article_label(article)}）：{' → '.join(steps)}；期限{window_days}天"
    return "\n".join(
        [head + ("（本群自訂）" if own else ""), f"　類別：{'、'.join(categories) or '（無）'}"]
    )


def policy_shown(*, own: bool, ladders: Sequence[str]) -> str:
    return "\n".join(
        [
            f"【內容設定】（{'本群自訂' if own else '預設'}）",
            *ladders,
            "違規訊息一律撤回；同一人在期限內第 n 次違規採第 n 步，之後都採最後一步。",
            "管理員本人的訊息只撤回並記錄，不自動處置。",
        ]
    )


def lexicon_reloaded(illegal: int, harmful: int, errors: Sequence[str]) -> str:
    line = f"詞庫已重新載入：違法信息 {illegal} 條、不良信息 {harmful} 條。"
    if errors:
        shown = "\n".join(errors[:10])
        line += f"\n以下檔案未載入（{len(errors)}）：\n{shown}"
    return line
