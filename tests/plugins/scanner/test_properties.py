"""Properties: evasions inside a marker keep it found; text without marker characters is clean."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.scanner.findings import TextPiece
from plugins.scanner.lexicon import Term
from plugins.scanner.scan import Scanner

PURE = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=300
)

MARKERS = [
    "秘密★1年",
    "機密★10年",
    "绝密★长期",
    "絕密★長期",
    "機密★",
    "机密☆",
    "㊙",
    "密级机密",
    "內部資料",
    "内部文件",
    "注意保存",
    "不得外傳",
    "严禁外传",
    "請勿外傳",
    "请勿转发",
    "僅供內部參考",
    "工作秘密",
]
SPACES = " \t\u3000\u00a0\u2002"
SYMBOLS = "*＊.。,，-_~·•|/\\!！?？:：;；'\"“”‘’()（）[]【】<>《》+=#@&%$^`…—☆✩⭐"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\ufe0f"
FULL_WIDTH = "！＃＄％＆（）＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～"
INSERTS = st.text(alphabet=SPACES + SYMBOLS + INVISIBLE + FULL_WIDTH, max_size=3)

# Everyday text: frequent ideographs (none that a marker needs, in either script), latin letters,
# punctuation, stars and invisible characters. Digits are left out: a random 18-digit run can be a
# valid identity number, and that is a finding.
MARKER_CHARS = set("密㊙內内存傳传勿")
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可"
    "机秘绝機絕级級部資资料文件注意保得外严嚴禁请請转轉发發仅僅供参參考工作星期年月"
)
NEUTRAL = st.text(
    alphabet=st.sampled_from(
        [
            *sorted(set(COMMON) - MARKER_CHARS),
            *"abcXYZ",
            *SPACES,
            *SYMBOLS,
            *INVISIBLE,
            "★",
            "\n",
        ]
    ),
    max_size=80,
)
SCANNER = Scanner([])


def to_full_width(text: str, flags: list[bool]) -> str:
    """Turn ASCII characters of `text` full-width where the matching flag is set."""
    return "".join(
        chr(ord(char) + 0xFEE0) if "!" <= char <= "~" and flag else char
        for char, flag in zip(text, flags + [False] * len(text), strict=False)
    )


@st.composite
def evaded(draw: st.DrawFn) -> tuple[str, int, int]:
    """A marker with junk inserted between its characters, in neutral context.

    Returns the text and the span of the marker's first and last character.
    """
    marker = draw(st.sampled_from(MARKERS))
    marker = to_full_width(marker, draw(st.lists(st.booleans(), max_size=len(marker))))
    parts = [marker[0]]
    for char in marker[1:]:
        parts += [draw(INSERTS), char]
    body = "".join(parts)
    prefix = draw(st.sampled_from(["", "各位：", "通知 ", "【", "附件为"]))
    suffix = draw(st.sampled_from(["", " 请查收", "】", "，谢谢"]))
    return prefix + body + suffix, len(prefix), len(prefix) + len(body)


@PURE
@given(evaded())
def test_evasions_inside_a_marker_keep_it_found(case: tuple[str, int, int]) -> None:
    text, start, end = case
    findings = [f for f in SCANNER.scan([TextPiece("text", text)]) if f.kind == "confidential"]
    assert findings, text
    # some finding starts at the marker's first character and stays within the marker
    assert any(f.start == start and f.end <= end for f in findings), (text, findings)


@PURE
@given(NEUTRAL)
def test_text_without_marker_characters_is_never_flagged(text: str) -> None:
    assert SCANNER.scan([TextPiece("text", text)], phones=True) == []


@PURE
@given(st.sampled_from(["法輪功", "网络赌博", "赌球"]), st.data())
def test_evasions_inside_a_lexicon_term_keep_it_found(term: str, data: st.DataObject) -> None:
    scanner = Scanner([Term(term, "illegal", "测试", 7, 3)])
    parts = [term[0]]
    for char in term[1:]:
        parts += [data.draw(INSERTS), char]
    text = "大家看" + "".join(parts) + "的消息"
    [finding] = scanner.scan([TextPiece("text", text)])
    assert (finding.start, finding.end) == (3, 3 + len("".join(parts)))
