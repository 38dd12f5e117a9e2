"""The ported TDLib parsers: what parse_mode makes of text, and what it refuses, where."""

import pytest

from tests.telegram_api_text import MarkupError, found_entities, parse, utf16_len


def _spans(text: str, mode: str) -> tuple[str, list[tuple[str, int, int]]]:
    plain, entities = parse(text, mode)
    return plain, [(e["type"], e["offset"], e["length"]) for e in entities]


def test_markdown_v2_nests_escapes_and_counts_utf16() -> None:
    assert _spans(r"*粗 _斜_* \. 😀 __底__", "MarkdownV2") == (
        "粗 斜 . 😀 底",
        [("bold", 0, 3), ("italic", 2, 1), ("underline", 9, 1)],  # the emoji counts two
    )
    assert _spans("`a.b*c` ```py\nx = 1.0\n```", "MarkdownV2") == (
        "a.b*c x = 1.0\n",
        [("code", 0, 5), ("pre", 6, 8)],
    )
    assert parse("```py\nx\n```", "MarkdownV2")[1][0]["language"] == "py"
    assert _spans("*a\nb*", "MarkdownV2") == ("a\nb", [("bold", 0, 3)])
    assert _spans(">引用\n正文", "MarkdownV2") == ("引用\n正文", [("blockquote", 0, 3)])


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("1.2", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("(備註)", "Character '(' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("名*片", "Can't find end of Bold entity at byte offset 3"),
        (">*a\nb*", "Can't find end of Bold entity at byte offset 1"),  # a quote ends at \n
        ("[連結](http://x", "Can't find end of a URL at byte offset 9"),
    ],
)
def test_markdown_v2_refusals(text: str, error: str) -> None:
    with pytest.raises(MarkupError) as refused:
        parse(text, "MarkdownV2")
    assert str(refused.value) == error


def test_html_decodes_entities_and_keeps_a_lone_ampersand() -> None:
    assert _spans("<b>A&amp;B</b> &lt;x&gt; &#33; AT&T <i>斜</i>", "HTML") == (
        "A&B <x> ! AT&T 斜",
        [("bold", 0, 3), ("italic", 15, 1)],
    )
    link = parse('<a href="https://example.org/">看</a>', "HTML")[1][0]
    assert (link["type"], link["url"]) == ("text_link", "https://example.org/")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<font>x</font>", 'Unsupported start tag "font" at byte offset 0'),
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_refusals(text: str, error: str) -> None:
    with pytest.raises(MarkupError) as refused:
        parse(text, "HTML")
    assert str(refused.value) == error


def test_legacy_markdown_and_no_parse_mode() -> None:
    assert _spans("*粗* _斜_ `碼`", "Markdown") == (
        "粗 斜 碼",
        [("bold", 0, 1), ("italic", 2, 1), ("code", 4, 1)],
    )
    with pytest.raises(MarkupError, match="Can't find end of the entity starting at byte offset 0"):
        parse("*x", "markdown")
    assert parse("*x 1.2 <b>", "") == ("*x 1.2 <b>", [])
    with pytest.raises(ValueError, match="BBCode"):
        parse("x", "BBCode")


def test_commands_and_mentions_telegram_finds() -> None:
    text = "/start@qungui_bot hi @lisi /群規 a/b /x/y mail@example.org"
    found = [(e["type"], e["offset"], e["length"]) for e in found_entities(text)]
    assert found == [("bot_command", 0, 17), ("mention", 21, 5)]
    assert utf16_len("😀a") == 3
