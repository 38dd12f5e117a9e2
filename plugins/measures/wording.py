"""How a measure record reads to an admin (privately: it names accounts)."""

from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from core import runtime
from core.cite import article_label
from models.measures import MeasureRecord
from models.rulebooks import edition_titles
from plugins.scanner.redact import redact

LOCAL = ZoneInfo("Asia/Shanghai")
OLDER_RULEBOOK = "先前的群規"  # an edition this database does not hold (made by another process)

KIND_NAMES = {
    "warning": "警告",
    "mute": "禁言",
    "unmute": "解禁",
    "kick": "移出",
    "recall": "撤回",
    "blacklist": "拉黑",
    "unblacklist": "解除黑名單",
    "handover": "交接",
    "departed_admin": "原管理員調離待退群",
    "clearance": "清理",
    "clearance_keep": "保留（不列入清理）",
    "clearance_unkeep": "取消保留",
    "content_policy": "內容設定",
    "filing_decision": "備案審批",
    "roster_import": "名冊匯入",
    "notice_undelivered": "私訊未送達",
    "scan_incomplete": "轉發未讀完",
    "broadcast": "群發確認",
    "notice": "群發通知",
}
STATUS_NAMES = {
    "pending": "執行中",
    "done": "已執行",
    "failed": "未執行",
    "unconfirmed": "結果未知",
    "referred": "已請有權限者處理",
}


def record_line(r: MeasureRecord, older: Mapping[str, str] | None = None) -> str:
    """One record, its reason masked again: records kept before reasons were redacted as typed
    may hold an ID number or a marker. A record made under another rulebook than the one in
    force says which (`older`: those rulebooks' titles by digest), its article being that
    rulebook's."""
    when = r.created_at.astimezone(LOCAL).strftime("%m-%d %H:%M")
    who = "機器人" if r.actor is None else str(r.actor)
    whom = f" → {r.target}" if r.target is not None else ""
    why = f"：{redact(r.reason)}" if r.reason else ""
    kind = KIND_NAMES.get(r.action, r.action)
    status = STATUS_NAMES.get(r.status.value, r.status.value)
    made_under = rulebook_of(r, older or {})
    under = f"，依《{made_under}》" if made_under else ""
    article = f"（{article_label(r.article)}{under}）" if r.article else ""
    return f"#{r.id} {when} {kind}{article}{who}{whom}{why}［{status}］"


def rulebook_of(r: MeasureRecord, older: Mapping[str, str]) -> str:
    """The title of the rulebook `r` was made under, where that is not the one in force ("" for
    a record of this rulebook, or from before rulebooks); `older`: titles by digest."""
    if not r.rulebook or r.rulebook == runtime.rulebook().digest:
        return ""
    return older.get(r.rulebook, OLDER_RULEBOOK)


async def older_titles(records: Iterable[MeasureRecord]) -> dict[str, str]:
    """The titles of the other rulebooks these records were made under (those kept here)."""
    return await edition_titles({r.rulebook for r in records} - {runtime.rulebook().digest, ""})
