"""Every sentence, heading and label the reports show (Traditional; `core.send` converts messages,
the workbook and the chart convert their own with `core.script.in_script`)."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.cite import cite
from plugins.content import categories as content_categories
from plugins.measures.wording import KIND_NAMES, STATUS_NAMES
from plugins.registry.platforms import label
from plugins.reports.scorecard import CategoryStat, Realname, Scorecard
from plugins.reports.street import StreetReport, Totals

# --- names ---------------------------------------------------------------------------------------

_CATEGORY_NAMES = {
    "": "人工處置",
    "state_secret": "涉密標識",
    "internal": "內部資料標識",
    "id_number": "身份證號",
    "phone": "手機號碼",
    "blacklisted": "黑名單帳號申請入群",
    "blacklist": "黑名單帳號入群",
    "full": "群人數已滿",
    "card_deadline": "逾期未改群名片",
    "roster_match": "名冊比對入群",
    "scan_incomplete": "轉發未能讀完",
}
_KIND_NAMES = {"join_approve": "批准入群", "join_refuse": "拒絕入群"}
ACTIVITY_NAMES = {"active": "正常", "dormant": "沉寂", "finished": "任務完結"}
SOURCE_NAMES = {"checked": "即時檢查", "estimated": "依記錄估算", "unknown": "無法讀取"}


def category_name(key: str) -> str:
    content = content_categories.by_key().get(key)
    return content.name if content is not None else _CATEGORY_NAMES.get(key, key)


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind) or _KIND_NAMES.get(kind, kind)


def status_name(status: str) -> str:
    return STATUS_NAMES.get(status, status)


# --- numbers and dates ---------------------------------------------------------------------------


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.1f} 秒"
    if seconds < 3600:
        return f"{seconds / 60:.1f} 分鐘"
    return f"{seconds / 3600:.1f} 小時"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def local_date(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def last_day(until: datetime, tz: ZoneInfo) -> date:
    """The last day of a period that ends (exclusively) at `until`."""
    return local_date(until - timedelta(microseconds=1), tz)


def period(since: datetime, until: datetime, tz: ZoneInfo) -> str:
    """`2026-03-02 至 2026-03-08`."""
    return f"{local_date(since, tz):%Y-%m-%d} 至 {last_day(until, tz):%Y-%m-%d}"


# --- /合規報告 -------------------------------------------------------------------------------------


def sent_to_admins() -> str:
    return f"本群的合規報告（{cite('reports')}）已私聊發送給群組管理員。"


SENT_TO_CALLER = "本群尚無登記的群組管理員，合規報告已私聊發送給您。"
MARK = {True: "✓", False: "✗"}


def _realname_line(realname: Realname) -> str:
    if realname.source == "unknown":
        return f"{MARK[False]} 實名：無法讀取成員名單，未能檢查"
    ok = realname.missing == 0
    return (
        f"{MARK[ok]} 實名：{realname.compliant}/{realname.members} 人合規"
        f"（{percent(realname.rate)}，{SOURCE_NAMES[realname.source]}）"
    )


def _category_lines(stats: Sequence[CategoryStat]) -> list[str]:
    return [
        f"　・{category_name(s.category)}：發現 {s.findings}，措施 {s.measures}，"
        f"平均用時 {duration(s.mean_seconds)}"
        for s in stats
    ]


def scorecard(card: Scorecard, since: datetime, until: datetime, tz: ZoneInfo) -> str:
    """Privately, to the group's admins: counts, no names."""
    f = card.facts
    admins_ok = bool(f.admins)
    lines = [
        f"【合規報告】群 {f.group_id}（{f.name or '未知群名'}）",
        f"建群單位：{f.unit}　類型：{f.type.value}　分級：{card.grade}",
        f"統計期間：{period(since, until, tz)}",
        f"{MARK[card.filed]} 備案：{f.status}",
        f"{MARK[admins_ok]} 群組管理員：{f'{len(f.admins)} 人' if admins_ok else '未登記'}",
        _realname_line(f.realname),
        f"{MARK[not f.open_clearance]} 清理：待確認移出 {f.open_clearance} 人",
        f"{MARK[not card.unsettled]} 處置：發現 {card.findings} 起，措施 {card.measures} 項"
        f"（未執行或結果未知 {card.unsettled} 項），發現至處置平均 {duration(card.mean_seconds)}",
        *_category_lines(card.categories),
        f"{MARK[not f.handovers_pending]} 交接：期間完成 {f.handovers_done} 次，"
        f"待確認 {f.handovers_pending} 次",
        _activity_line(card, tz),
    ]
    if f.duties_off:
        lines.append(f"關閉的功能：{'、'.join(f.duties_off)}")
    count = len(card.problems)
    lines.append(f"需改進 {count} 項。" if count else "各項合規。")
    return "\n".join(lines)


def _activity_line(card: Scorecard, tz: ZoneInfo) -> str:
    f = card.facts
    if card.activity == "finished" and f.finished_at is not None:
        return (
            f"{MARK[False]} 活躍：已於 {local_date(f.finished_at, tz):%Y-%m-%d} 標記任務完結，"
            f"應及時解散（{cite('dissolution')}）"
        )
    if card.activity == "dormant":
        return (
            f"{MARK[False]} 活躍：已 {card.silent_days} 天無人發言，"
            f"請考慮解散（{cite('dissolution')}）"
        )
    return f"{MARK[True]} 活躍：正常"


# --- /全街報告 and the Monday digest ----------------------------------------------------------------

STREET_PRIVATE_ONLY = "全街報告含帳號等資料，請私聊機器人使用 /全街報告。"


def file_not_sent(answer: str, path: str) -> str:
    return f"報表檔案未能發送（{answer}），已保存在伺服器：{path}"


def image_not_sent(answer: str) -> str:
    return f"圖表未能發送（{answer}），數字見報表檔案的「{SHEET_CATEGORIES}」工作表。"


def street_summary(report: StreetReport, t: Totals, tz: ZoneInfo, file_name: str) -> str:
    """The short text in the chat; the workbook has the rest."""
    status = "，".join(f"{name} {n}" for name, n in sorted(t.by_status.items())) or "無"
    lines = [
        f"【全街報告】{report.street}　{period(report.since, report.until, tz)}"
        f"（{cite('reports')}）",
        f"群組 {t.groups} 個：{status}",
    ]
    if len(t.by_platform) > 1:
        lines.append("平台：" + "，".join(f"{label(p)} {n}" for p, n in t.by_platform))
    if t.no_admin:
        shown = "、".join(str(g) for g in t.no_admin[:5]) + ("等" if len(t.no_admin) > 5 else "")
        lines.append(f"未登記群組管理員：{len(t.no_admin)} 個（群 {shown}）")
    lines += [
        f"實名率（依記錄估算）：{percent(t.realname_rate)}，{t.missing_cards} 人群名片待改正（改名片期限未結）",
        f"待確認清理 {t.open_clearance} 人，待確認交接 {t.handovers_pending} 次",
        f"沉寂 {t.dormant} 個，任務完結未解散 {t.finished} 個",
        f"發現 {t.findings} 起，措施 {t.measures} 項（未執行或結果未知 {t.unsettled} 項），"
        f"發現至處置平均 {duration(t.mean_seconds)}",
    ]
    top = [s for s in report.categories if s.findings][:3]
    if top:
        lines.append(
            "發現最多：" + "、".join(f"{category_name(s.category)} {s.findings}" for s in top)
        )
    lines.append(f"詳見圖表與報表檔案「{file_name}」。")
    return "\n".join(lines)


def workbook_name(since: datetime, until: datetime, made: datetime | None, tz: ZoneInfo) -> str:
    """`全街報告-20260223-20260301.xlsx`; with the time it was made when `made` is given."""
    span = f"{local_date(since, tz):%Y%m%d}-{last_day(until, tz):%Y%m%d}"
    stamp = f"-{made.astimezone(tz):%H%M%S}" if made is not None else ""
    return f"全街報告-{span}{stamp}.xlsx"


# --- the workbook ---------------------------------------------------------------------------------

SHEET_SUMMARY = "總表"
SHEET_MEASURES = "處置記錄"
SHEET_CATEGORIES = "分類統計"
SHEET_NOTES = "說明"
SUMMARY_HEADERS = (
    "群號", "群名", "建群單位", "類型", "備案狀態", "分級", "群組管理員", "成員數",
    "群名片待改正", "實名率（估算）", "待確認清理", "發現", "措施", "未執行或結果未知",
    "發現至處置平均（秒）", "期間完成交接", "待確認交接", "活躍", "無人發言天數", "關閉的功能",
    "需改進",
)  # fmt: skip
MEASURE_HEADERS = (
    "編號", "時間", "群號", "單位", "措施", "條款", "類別", "執行者", "對象", "原因", "結果",
    "用時（秒）",
)  # fmt: skip
PLATFORM_HEADER = "平台"  # the last column of both sheets, when groups of several platforms
CATEGORY_HEADERS = ("類別", "發現", "措施", "發現至處置平均（秒）", "最長（秒）")
NOTES_HEADERS = ("項目", "說明")
BOT = "機器人"
NO_FINDINGS = "（無發現）"
PROBLEM_NAMES = {
    "not_filed": "未備案或未批准",
    "no_admin": "無群組管理員",
    "realname": "實名未全",
    "clearance": "待確認清理",
    "unsettled": "處置未執行",
    "handover": "交接待確認",
    "dormant": "沉寂",
    "finished": "完結未解散",
}


def chart_title(report: StreetReport, tz: ZoneInfo) -> str:
    return f"各類發現（{period(report.since, report.until, tz)}）"


# Without a CJK font on the machine the chart is labelled in plain letters (category keys).
PLAIN_NO_FINDINGS = "no findings"


def chart_plain_title(report: StreetReport, tz: ZoneInfo) -> str:
    since, last = local_date(report.since, tz), last_day(report.until, tz)
    return f"Findings by category, {since:%Y-%m-%d} to {last:%Y-%m-%d}"


REALNAME_NOTE = (
    "依記錄估算：成員數為備案時記錄的人數，減去改名片期限未結（群名片待改正）的人數；"
    "即時檢查請在群內使用 /合規報告。"
)


def notes(report: StreetReport, tz: ZoneInfo) -> list[tuple[str, str]]:
    made = report.generated_at.astimezone(tz)
    return [
        ("報告", f"{report.street} 全街報告（{cite('reports')}：群組管理納入督查考核）"),
        ("統計期間", period(report.since, report.until, tz)),
        ("生成時間", f"{made:%Y-%m-%d %H:%M:%S}"),
        ("時區", tz.key),
        ("實名率", REALNAME_NOTE),
        ("發現", "同一訊息在同一類別下的各項措施算作一起發現；無訊息的記錄各算一起。"),
        ("發現至處置", "自首條記錄建立至最後一項措施獲平台答覆的時間。"),
        (
            "沉寂",
            f"依清理職責的閒置天數無人發言的群（{cite('dissolution')}；各群可用 /清理設定 調整）。",
        ),
        ("任務完結", f"已用 /任務完結 標記、應及時解散的群（{cite('dissolution')}）。"),
    ]


# --- Art. 16 --------------------------------------------------------------------------------------


def trial_reminder(title: str, start: date, years: int, end: date, left: int) -> str:
    when = f"尚餘 {left} 天" if left > 0 else ("今日屆滿" if left == 0 else f"已屆滿 {-left} 天")
    return (
        f"【試行期提醒】《{title}》自 {start:%Y-%m-%d} 起試行 {years} 年，"
        f"試行期於 {end:%Y-%m-%d} 屆滿，{when}（{cite('trial')}）。"
        "請黨群工作部安排評估與修訂；正式施行或延長試行後，請更新群規檔的 in_force 與"
        " trial_years，本提醒即停止（每週一次）。"
    )


DIGEST_MARK = "全街週報 {week} 已發送"
TRIAL_MARK = "試行期提醒 {week} 已發送"


def exported(groups: int, measures: int, path: str) -> str:
    return f"已匯出全街報告：{groups} 個群，{measures} 項措施 → {path}"
