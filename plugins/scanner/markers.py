"""Confidential markers (Art. 11): the state-secret mark and the usual internal-use notices.

The state-secret mark is a level (秘密, 機密, 絕密) followed by a star and an optional period
(`秘密★1年`, `機密★10年`, `絕密★長期`, `機密★`, `秘密★公布後解密`); `密級：機密` and `㊙` count too.
The bare words 機密 and 秘密 are everyday words (商業機密, 小秘密) and count only in a marker's shape.

Markers are matched on the skeleton (see `normalize`), so spaces, symbols, zero-width and
full-width characters inserted between characters do not hide them. A `*` is a star once folded; a
star is therefore allowed between the characters of a marker (`機*密★` reads as 机★密★), where an
inserted `*` would otherwise split it. A marker never spans a line break.
"""

import re

from .articles import article_of_kind
from .findings import Finding
from .normalize import CIRCLED_SECRET, STAR, Normalized

STATE_SECRET_SEVERITY = 5
INTERNAL_SEVERITY = 3

# Internal-use notices, in their simplified (normalised) form.
INTERNAL_MARKERS = (
    "内部资料",
    "内部文件",
    "注意保存",
    "不得外传",
    "严禁外传",
    "请勿外传",
    "请勿转发",
    "仅供内部参考",
    "工作秘密",
)

# Everyday words that end in a level: without a period, `小秘密★` is a little secret, not a mark.
EVERYDAY_PREFIXES = ("小", "商业", "个人", "技术")

_S = f"{STAR}*"  # stars that may stand between the characters of a marker
_LEVEL = f"(?:绝|机|秘){_S}密"
_NUMBER = "[0-9〇零一二两三四五六七八九十百]{1,4}"
_PERIOD = (
    f"{_NUMBER}(?:年|个月|月)"
    "|长期|永久"
    "|解密(?:时间|日期|条件)?(?:[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?)?"
    "|[\u4e00-\u9fff]{1,8}?后解密"
)
_SECRET = re.compile(
    f"(?P<mark>(?P<level>{_LEVEL})(?:{STAR})+(?P<period>{_PERIOD})?)"
    f"|(?P<label>密{_S}级{_S}{_LEVEL})"
    f"|(?P<circled>{CIRCLED_SECRET})"
)
_INTERNAL = re.compile("|".join(_S.join(marker) for marker in INTERNAL_MARKERS))


def _is_everyday(skeleton: str, match: re.Match[str]) -> bool:
    """A bare `level★` right after an everyday prefix (小秘密★) is not a mark."""
    if match["period"]:
        return False
    return skeleton.endswith(EVERYDAY_PREFIXES, 0, match.start())


def find_markers(norm: Normalized, piece: int = 0) -> list[Finding]:
    """Confidential markers in one normalised text, with spans in the original text."""
    skeleton = norm.skeleton
    text = skeleton.text
    findings: list[Finding] = []
    if "密" in text or CIRCLED_SECRET in text:
        for match in _SECRET.finditer(text):
            if match.lastgroup == "mark" and _is_everyday(text, match):
                continue
            rule = {"mark": "state_secret_mark", "label": "classification_label"}.get(
                match.lastgroup or "", "circled_secret"
            )
            findings += _finding(norm, match, piece, "state_secret", STATE_SECRET_SEVERITY, rule)
    for match in _INTERNAL.finditer(text):
        rule = "internal:" + match.group().replace(STAR, "")
        findings += _finding(norm, match, piece, "internal", INTERNAL_SEVERITY, rule)
    return sorted(findings, key=lambda finding: (finding.start, finding.end))


def _finding(
    norm: Normalized, match: re.Match[str], piece: int, category: str, severity: int, rule: str
) -> list[Finding]:
    start, end = norm.skeleton.span(match.start(), match.end())
    if norm.crosses_line(start, end):
        return []
    article = article_of_kind("confidential")
    return [Finding("confidential", category, article, severity, start, end, piece, rule)]
