"""Every sentence of the notices to many groups (Traditional; `core.send` converts to the
deployment's script). The notice itself goes out as the department wrote it."""

from collections.abc import Sequence

from plugins.broadcast.parse import MAX_TEXT

USAGE = (
    "用法：/群發 <單位|內部|群眾|一級|二級|三級|全部…> <內容>\n"
    "選擇在前、以空格分開，第一個不是選擇的字詞起為內容；內容若以選擇字詞開頭，"
    "請在選擇後加「｜」：/群發 內部 ｜ 一級響應……"
)
USAGE_CONFIRM = "用法：/確認群發 <編號>"
NO_SELECTOR = "請先指定收件群組：單位名稱、內部或群眾、一級至三級，或「全部」。\n" + USAGE
NO_TEXT = "群發內容不能為空。\n" + USAGE
NOT_TEXT = "群發內容只能是文字（不含圖片、表情或@）。"
PREVIEW_SENT = "群發預覽已私訊給你。"
PREVIEW_UNDELIVERED = "群發預覽無法私訊給你：請加機器人為好友，或私訊機器人 /群發。"
PREVIEW_LIMIT = 20  # groups listed in a preview; the rest are counted
REFUSED_LIMIT = 10  # refused groups named in a tally

# Where a target's answer says why it has not gone (yet).
NO_ACCOUNT_HERE = "本進程沒有帳號在群中，待其他進程或稍後發出"
NOT_MANAGED = "群組已不在管理中（已撤銷、駁回或未批准），未發"
GAVE_UP = "確認後24小時內沒有帳號可送達，不再發送"
CUT_SHORT = "發送中斷，平台結果未知，不再重發"
RECORD_UNWRITTEN = "記錄寫不進資料庫，暫不發送"

_FLAGGED = {
    "confidential": "保密標記",
    "privacy": "身份證號碼",
    "illegal": "違法信息詞語",
    "harmful": "不良信息詞語",
}


def header(department: str) -> str:
    """The line that marks a notice as the department's, above its text in the group."""
    return f"【{department}通知】"


def unknown_selector(word: str, units: Sequence[str]) -> str:
    return (
        f"「{word}」不是單位、類型或等級：「｜」之前只能是收件選擇。"
        f"已登記的單位：{'、'.join(units)}；類型：內部、群眾；等級：一級、二級、三級；或「全部」。"
    )


def too_long(length: int) -> str:
    return f"群發內容過長（{length}字），上限{MAX_TEXT}字：請縮短，或改以檔案發送。"


def flagged(kinds: Sequence[str]) -> str:
    names = "、".join(dict.fromkeys(_FLAGGED.get(k, k) for k in kinds))
    return f"群發內容含有{names}，不予發出：請刪去後再發。"


def nothing_selected(selection: Sequence[str]) -> str:
    return f"沒有符合「{' '.join(selection)}」的已備案群組，未建立群發。"


def preview(
    number: int,
    selection: Sequence[str],
    groups: Sequence[tuple[str, int, str]],
    notice: str,
    until: str,
) -> str:
    """`groups`: (unit, group id, name) of each receiving group; `notice`: as the groups see it."""
    lines = [f"【群發預覽 #{number}】", f"收件：{' '.join(selection)}（共{len(groups)}個群組）"]
    lines += [
        f"{i}. {unit} {group_id} {name}".rstrip()
        for i, (unit, group_id, name) in enumerate(groups[:PREVIEW_LIMIT], 1)
    ]
    if len(groups) > PREVIEW_LIMIT:
        lines.append(f"……另有{len(groups) - PREVIEW_LIMIT}個群組")
    lines += ["內容：", notice, f"確認發出：/確認群發 {number}（{until}前有效；未確認則不發）"]
    return "\n".join(lines)


def unknown_number(number: int) -> str:
    return f"沒有編號 {number} 的群發。"


def expired(number: int) -> str:
    return f"群發 #{number} 的預覽已過期，未發出：請重新 /群發。"


def starting(number: int, groups: int) -> str:
    return f"群發 #{number} 開始發送，共{groups}個群組，依平台速度逐一發出……"


def tally(
    number: int,
    *,
    sent: int,
    refused: Sequence[tuple[int, str]],
    unconfirmed: int,
    waiting: int,
    skipped: int,
    already: bool = False,
) -> str:
    """`refused`: (group id, the platform's answer) of each group that refused it."""
    head = f"群發 #{number} 已確認過，不會重發。目前" if already else f"群發 #{number}"
    parts = [f"已發{sent}個群組"]
    if refused:
        parts.append(f"{len(refused)}個被拒")
    if unconfirmed:
        parts.append(f"{unconfirmed}個結果未知（不再重發）")
    if waiting:
        parts.append(f"{waiting}個待發（{NO_ACCOUNT_HERE}）")
    if skipped:
        parts.append(f"{skipped}個未發（已不在管理中或逾時）")
    lines = [f"{head}：{'，'.join(parts)}。"]
    lines += [f"· {group_id}：{answer}" for group_id, answer in refused[:REFUSED_LIMIT]]
    if len(refused) > REFUSED_LIMIT:
        lines.append(f"……另有{len(refused) - REFUSED_LIMIT}個群組被拒")
    return "\n".join(lines)


def problem(why: str, kinds: Sequence[str], shown: Sequence[str], length: int) -> str:
    """Why no broadcast was made (service.Problem), for the chat command and the console."""
    if why == "flagged":
        return flagged(kinds)
    if why == "too_long":
        return too_long(length)
    if why == "empty":
        return NO_TEXT
    return nothing_selected(shown)
