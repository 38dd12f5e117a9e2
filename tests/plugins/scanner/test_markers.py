import pytest

from plugins.scanner.findings import Finding
from plugins.scanner.markers import find_markers
from plugins.scanner.normalize import normalize


def markers(text: str) -> list[tuple[str, str]]:
    """(rule, original slice) of every marker in `text`."""
    return [(f.rule, text[f.start : f.end]) for f in find_markers(normalize(text))]


@pytest.mark.parametrize(
    "mark",
    [
        "秘密★1年",
        "機密★10年",
        "绝密★长期",
        "絕密★長期",
        "機密★",
        "机密★",
        "秘密★",
        "秘密★6个月",
        "秘密★6個月",
        "机密★二十年",
        "绝密★永久",
        "秘密★公布後解密",
        "机密★会议结束后解密",
        "机密★解密时间：2030年12月31日",
        "秘密☆1年",
        "机密⭐",
        "机密✩5年",
        "秘密✭",
        "機密＊",
        "机密*10年",
    ],
)
def test_state_secret_marks(mark: str) -> None:
    text = f"关于印发《实施方案》的通知 {mark} 请各单位遵照执行"
    assert markers(text) == [("state_secret_mark", mark)]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("機 密 ★", "機 密 ★"),
        ("機*密★", "機*密★"),
        ("机\u200b密\u200b★\u200b1\u200b年", "机\u200b密\u200b★\u200b1\u200b年"),
        ("ｍ機密★１０年", "機密★１０年"),
        ("绝.密.★.长.期", "绝.密.★.长.期"),
        ("秘 密 ＊ 1 年", "秘 密 ＊ 1 年"),
        ("機-密-☆", "機-密-☆"),
    ],
)
def test_state_secret_marks_through_evasions(text: str, covered: str) -> None:
    assert markers(text) == [("state_secret_mark", covered)]


def test_span_points_at_the_mark_in_the_original_text() -> None:
    text = "各位：附件為「機 密＊１０年」的材料，請查收。"
    [finding] = find_markers(normalize(text), piece=3)
    assert finding == Finding(
        "confidential",
        "state_secret",
        11,
        5,
        text.index("機"),
        text.index("年") + 1,
        3,
        "state_secret_mark",
    )


@pytest.mark.parametrize(
    "text",
    [
        "这是商业机密，不能说",
        "這是商業機密",
        "告诉你一个小秘密",
        "這是秘密",
        "秘密花园真好看",
        "保密工作很重要",
        "机密文件要妥善保管",
        "绝密档案这部电视剧好看吗",
        "我们的小秘密★",
        "商业机密☆",
        "個人秘密★",
        "机密\n★★★★★ 五星好评",
        "機*密",
        "秘密1年",
        "★★★ 重要通知 ★★★",
        "今天的會議很機密嗎",
    ],
)
def test_everyday_words_are_not_markers(text: str) -> None:
    assert markers(text) == []


def test_everyday_prefix_with_a_period_is_still_a_mark() -> None:
    assert markers("小秘密★1年") == [("state_secret_mark", "秘密★1年")]


def test_circled_secret() -> None:
    assert markers("㊙️ 明天的方案") == [("circled_secret", "㊙")]
    assert markers("㊙") == [("circled_secret", "㊙")]


@pytest.mark.parametrize("text", ["密级：机密", "密級：秘密", "密 级 绝 密"])
def test_classification_label(text: str) -> None:
    assert markers(text) == [("classification_label", text)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("內部資料", "internal:内部资料"),
        ("内部资料", "internal:内部资料"),
        ("內部文件", "internal:内部文件"),
        ("注意保存", "internal:注意保存"),
        ("不得外傳", "internal:不得外传"),
        ("嚴禁外傳", "internal:严禁外传"),
        ("請勿外傳", "internal:请勿外传"),
        ("請勿轉發", "internal:请勿转发"),
        ("请勿转发", "internal:请勿转发"),
        ("僅供內部參考", "internal:仅供内部参考"),
        ("工作秘密", "internal:工作秘密"),
        ("內 部 資 料", "internal:内部资料"),
        ("請*勿*轉*發", "internal:请勿转发"),
        ("仅\u200b供\u200b内\u200b部\u200b参\u200b考", "internal:仅供内部参考"),
        ("请勿，转发", "internal:请勿转发"),
    ],
)
def test_internal_markers(text: str, rule: str) -> None:
    [finding] = find_markers(normalize(f"【{text}】"))
    assert (finding.category, finding.severity, finding.rule) == ("internal", 3, rule)
    assert finding.start == 1
    assert finding.end == len(text) + 1


def test_internal_and_state_secret_markers_together() -> None:
    text = "工作秘密★1年，內部資料注意保存"
    assert markers(text) == [
        ("internal:工作秘密", "工作秘密"),
        ("state_secret_mark", "秘密★1年"),
        ("internal:内部资料", "內部資料"),
        ("internal:注意保存", "注意保存"),
    ]


def test_a_marker_does_not_span_lines() -> None:
    assert markers("内部\n资料") == []
    assert markers("机密\n★1年") == []
