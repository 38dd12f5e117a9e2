import json
from dataclasses import dataclass, field
from typing import Any

from plugins.scanner.cards import MAX_RAW, MAX_TEXTS, json_texts, xml_texts
from plugins.scanner.cq import parse_cq
from plugins.scanner.extract import extract, forward_messages, segments_of
from plugins.scanner.findings import TextPiece


def seg(kind: str, **data: Any) -> dict[str, Any]:
    return {"type": kind, "data": data}


def test_text_image_and_file_segments() -> None:
    out = extract(
        [
            seg("text", text="请看附件"),
            seg("at", qq="123"),
            seg("image", file="a.jpg", url="http://x", summary="[机密★]"),
            seg("image", file="b.jpg"),
            seg("file", file="/tmp/x.docx", name="內部資料.docx"),
            seg("file", file="会议纪要.pdf"),
            seg("text", text="   "),
        ]
    )
    assert out.pieces == [
        TextPiece("text", "请看附件"),
        TextPiece("text", "[机密★]"),
        TextPiece("file", "內部資料.docx"),
        TextPiece("file", "会议纪要.pdf"),
    ]
    assert out.forward_ids == out.reply_ids == []


def test_forward_and_reply_ids() -> None:
    out = extract([seg("reply", id=42), seg("forward", id="abc"), seg("forward", id="")])
    assert out.reply_ids == ["42"]
    assert out.forward_ids == ["abc"]


def test_inline_forward_content_needs_no_fetch() -> None:
    inline = [{"message": [seg("text", text="内部文件")]}, {"content": [seg("text", text="二")]}]
    out = extract([seg("forward", id="abc", content=inline)])
    assert out.forward_ids == []
    assert out.inline_forwards == [[[seg("text", text="内部文件")], [seg("text", text="二")]]]


def test_json_card() -> None:
    card = {
        "app": "com.tencent.structmsg",
        "prompt": "[分享]機密★文件",
        "meta": {
            "news": {
                "title": "關於做好汛期工作的通知",
                "desc": "請勿轉發",
                "jumpUrl": "https://example.org/a",
                "tag": "公众号",
            }
        },
        "config": {"ctime": 1700000000, "token": ""},
    }
    out = extract([seg("json", data=json.dumps(card, ensure_ascii=False))])
    texts = [piece.text for piece in out.pieces]
    assert {piece.source for piece in out.pieces} == {"card"}
    assert texts[:4] == ["[分享]機密★文件", "關於做好汛期工作的通知", "請勿轉發", "公众号"]
    assert "https://example.org/a" in texts


def test_json_card_with_nested_json_string() -> None:
    inner = json.dumps({"detail": {"desc": "内部资料"}}, ensure_ascii=False)
    assert json_texts(json.dumps({"meta": inner})) == ["内部资料"]


def test_json_card_duplicates_and_bounds() -> None:
    card = {"prompt": "同一句", "title": "同一句", "list": [f"第{i}条" for i in range(500)]}
    texts = json_texts(json.dumps(card, ensure_ascii=False))
    assert texts[0] == "同一句"
    assert texts.count("同一句") == 1
    assert len(texts) == MAX_TEXTS


def test_deep_json_is_bounded() -> None:
    assert json_texts("[" * 200 + '"底部的字"' + "]" * 200) == []  # deeper than MAX_DEPTH
    too_deep = "[" * 100_000 + "]" * 100_000  # deeper than the JSON parser goes
    assert json_texts(too_deep) == [too_deep[:MAX_RAW]]


def test_parsed_json_is_walked_as_it_is() -> None:
    assert json_texts({"meta": {"detail": {"desc": "内部资料"}}}) == ["内部资料"]
    assert json_texts(None) == []


def test_unparsable_json_is_scanned_as_it_is() -> None:
    assert json_texts("{not json 机密★") == ["{not json 机密★"]


def test_xml_card() -> None:
    xml = (
        "<?xml version='1.0' encoding='UTF-8' ?>"
        '<msg serviceID="1" brief="[分享]內部資料" templateID="1">'
        '<item layout="2"><title>關於&amp;通知</title><summary>请勿外传</summary></item>'
        "<source name='公众号' /><![CDATA[秘密★1年 <b>]]></msg>"
    )
    out = extract([seg("xml", data=xml)])
    assert [piece.text for piece in out.pieces] == [
        "[分享]內部資料",
        "秘密★1年 <b>",
        "關於&通知",
        "请勿外传",
    ]
    assert xml_texts("<a title='標題'>x</a>") == ["標題", "x"]


def test_non_mapping_data_is_skipped() -> None:
    assert extract([{"type": "text", "data": None}, {"type": "text"}, "junk"]).pieces == []


@dataclass
class SegmentObject:
    type: str
    data: dict[str, Any] = field(default_factory=dict)


def test_segments_of_accepts_objects_mappings_and_cq_strings() -> None:
    assert segments_of([SegmentObject("text", {"text": "a"})]) == [seg("text", text="a")]
    assert segments_of(seg("text", text="a")) == [seg("text", text="a")]
    assert segments_of("a[CQ:reply,id=7]") == [seg("text", text="a"), seg("reply", id="7")]
    assert segments_of(None) == []
    assert segments_of(42) == []


def test_parse_cq_unescapes() -> None:
    assert parse_cq("&#91;x&#93;&amp;[CQ:forward,id=a&#44;b][CQ:face]尾") == [
        seg("text", text="[x]&"),
        seg("forward", id="a,b"),
        seg("face"),
        seg("text", text="尾"),
    ]


def test_forward_messages_spec_shape() -> None:
    answer = {
        "message": [
            {"type": "node", "data": {"content": [seg("text", text="一")]}},
            {"type": "node", "data": {"content": "二[CQ:face,id=1]"}},
            {"type": "node", "data": {"id": "123"}},
        ]
    }
    assert forward_messages(answer) == [
        [seg("text", text="一")],
        [seg("text", text="二"), seg("face", id="1")],
    ]


def test_forward_messages_napcat_shape() -> None:
    answer = {
        "messages": [
            {"message_id": 1, "sender": {"nickname": "甲"}, "message": [seg("text", text="一")]},
            {"message_id": 2, "content": [seg("text", text="二")]},
        ]
    }
    assert forward_messages(answer) == [[seg("text", text="一")], [seg("text", text="二")]]


def test_forward_messages_odd_answers() -> None:
    assert forward_messages(None) == []
    assert forward_messages({"messages": "一"}) == [[seg("text", text="一")]]
    assert forward_messages([seg("text", text="一"), seg("text", text="二")]) == [
        [seg("text", text="一"), seg("text", text="二")]
    ]


def test_napcat_markdown_and_online_file_segments_carry_text() -> None:
    out = extract(
        [seg("markdown", content="# 通知\n机密★1年"), seg("onlinefile", fileName="內部資料.zip")]
    )
    assert out.pieces == [
        TextPiece("text", "# 通知\n机密★1年"),
        TextPiece("file", "內部資料.zip"),
    ]
