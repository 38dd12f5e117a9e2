import asyncio
from typing import Any

from plugins.scanner.extract import Collected, collect
from plugins.scanner.findings import TextPiece


def seg(kind: str, **data: Any) -> dict[str, Any]:
    return {"type": kind, "data": data}


def text(value: str) -> dict[str, Any]:
    return seg("text", text=value)


def spec_node(*segments: dict[str, Any]) -> dict[str, Any]:
    return {"type": "node", "data": {"user_id": "1", "nickname": "甲", "content": list(segments)}}


class Platform:
    """Answers get_forward_msg and get_msg from dictionaries and counts the calls."""

    def __init__(
        self, forwards: dict[str, Any] | None = None, replies: dict[str, Any] | None = None
    ) -> None:
        self.forwards = forwards or {}
        self.replies = replies or {}
        self.calls: list[str] = []

    async def forward(self, ident: str) -> Any:
        self.calls.append(f"forward:{ident}")
        answer = self.forwards[ident]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def reply(self, ident: str) -> Any:
        self.calls.append(f"reply:{ident}")
        answer = self.replies[ident]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def collected(self, segments: Any, **bounds: int) -> Collected:
        return await collect(segments, self.forward, self.reply, **bounds)

    async def collect(self, segments: Any, **bounds: int) -> list[TextPiece]:
        return (await self.collected(segments, **bounds)).pieces


async def test_plain_message_fetches_nothing() -> None:
    platform = Platform()
    assert await platform.collect([text("你好")]) == [TextPiece("text", "你好")]
    assert platform.calls == []


async def test_spec_shaped_forward() -> None:
    platform = Platform({"f1": {"message": [spec_node(text("机密★")), spec_node(text("二"))]}})
    pieces = await platform.collect([seg("forward", id="f1")])
    assert pieces == [TextPiece("forward", "机密★"), TextPiece("forward", "二")]


async def test_napcat_shaped_forward_nested() -> None:
    platform = Platform(
        {
            "outer": {
                "messages": [
                    {"message": [text("外层"), seg("forward", id="inner")]},
                    {"content": [seg("file", name="內部文件.pdf")]},
                ]
            },
            "inner": {"messages": [{"message": [text("内层"), seg("json", data='{"title":"t"}')]}]},
        }
    )
    pieces = await platform.collect([text("看看"), seg("forward", id="outer")])
    assert pieces == [
        TextPiece("text", "看看"),
        TextPiece("forward", "外层"),
        TextPiece("file", "內部文件.pdf"),
        TextPiece("forward", "内层"),
        TextPiece("card", "t"),
    ]
    assert platform.calls == ["forward:outer", "forward:inner"]


async def test_inline_forward_content_is_used_without_fetching() -> None:
    platform = Platform()
    inline = [{"message": [text("内联"), seg("forward", id="x", content=[spec_node(text("深"))])]}]
    pieces = await platform.collect([seg("forward", id="abc", content=inline)])
    assert pieces == [TextPiece("forward", "内联"), TextPiece("forward", "深")]
    assert platform.calls == []


def chain(length: int) -> dict[str, Any]:
    """Forward f0 holds f1, which holds f2 … each with one text."""
    return {
        f"f{i}": {"messages": [{"message": [text(f"第{i}层"), seg("forward", id=f"f{i + 1}")]}]}
        for i in range(length)
    }


async def test_depth_is_bounded() -> None:
    platform = Platform(chain(10))
    pieces = await platform.collect([seg("forward", id="f0")], max_depth=3)
    assert [piece.text for piece in pieces] == ["第0层", "第1层", "第2层"]
    assert platform.calls == ["forward:f0", "forward:f1", "forward:f2"]


async def test_node_count_is_bounded() -> None:
    big = {"messages": [{"message": [text(str(i))]} for i in range(50)]}
    platform = Platform({"big": big})
    pieces = await platform.collect([seg("forward", id="big")], max_nodes=10)
    assert [piece.text for piece in pieces] == [str(i) for i in range(10)]


async def test_fetch_count_is_bounded() -> None:
    many = {f"f{i}": {"messages": [{"message": [text(str(i))]}]} for i in range(20)}
    platform = Platform(many)
    await platform.collect([seg("forward", id=f"f{i}") for i in range(20)], max_nodes=5)
    assert len(platform.calls) == 5


async def test_cycles_are_fetched_once() -> None:
    loop = {"messages": [{"message": [text("圈"), seg("forward", id="loop")]}]}
    platform = Platform({"loop": loop})
    pieces = await platform.collect([seg("forward", id="loop"), seg("forward", id="loop")])
    assert pieces == [TextPiece("forward", "圈")]
    assert platform.calls == ["forward:loop"]


async def test_failed_fetches_are_skipped() -> None:
    platform = Platform(
        {"bad": RuntimeError("expired"), "good": {"messages": [{"message": [text("好")]}]}},
        {"9": TimeoutError()},
    )
    pieces = await platform.collect(
        [seg("reply", id="9"), seg("forward", id="bad"), seg("forward", id="good"), text("正文")]
    )
    assert pieces == [TextPiece("text", "正文"), TextPiece("forward", "好")]


async def test_garbage_answers_are_skipped() -> None:
    platform = Platform({"f": 42, "g": {"retcode": 100}}, {"1": None, "2": ["x"]})
    segments = [seg("reply", id="1"), seg("reply", id="2"), seg("forward", id="f")]
    pieces = await platform.collect([*segments, seg("forward", id="g")])
    assert pieces == []
    assert len(platform.calls) == 4


async def test_reply_is_fetched_with_its_forwards() -> None:
    platform = Platform(
        {"f": {"message": [spec_node(text("被引用的转发"))]}},
        {"7": {"message_id": 7, "message": [text("请勿转发"), seg("forward", id="f")]}},
    )
    pieces = await platform.collect([seg("reply", id=7), text("收到")])
    assert pieces == [
        TextPiece("text", "收到"),
        TextPiece("reply", "请勿转发"),
        TextPiece("forward", "被引用的转发"),
    ]


async def test_reply_as_cq_string() -> None:
    platform = Platform(replies={"7": {"message": "引用[CQ:face,id=1]内容"}})
    pieces = await platform.collect("[CQ:reply,id=7]好的")
    assert pieces == [
        TextPiece("text", "好的"),
        TextPiece("reply", "引用"),
        TextPiece("reply", "内容"),
    ]


async def test_time_budget_keeps_what_was_gathered() -> None:
    async def slow(ident: str) -> Any:
        await asyncio.sleep(10)
        return {"messages": [{"message": [text("太慢")]}]}

    async def fast(ident: str) -> Any:
        return {"message": [text("引用")]}

    collected = await collect(
        [text("正文"), seg("reply", id="1"), seg("forward", id="f")], slow, fast, time_budget=0.05
    )
    assert collected.pieces == [TextPiece("text", "正文"), TextPiece("reply", "引用")]
    assert collected.cut_short == ("time",)


async def test_forwards_of_the_message_come_before_those_of_the_reply() -> None:
    platform = Platform(
        {
            "mine": {"messages": [{"message": [text("我的转发")]}]},
            "quoted": {"messages": [{"message": [text("引用的转发")]}]},
        },
        {"1": {"message": [seg("forward", id="quoted")]}},
    )
    pieces = await platform.collect([seg("reply", id="1"), seg("forward", id="mine")])
    assert [piece.text for piece in pieces] == ["我的转发", "引用的转发"]


# --- what a scan that stopped short says ---------------------------------------------------------


async def test_a_message_read_whole_says_nothing_was_cut() -> None:
    platform = Platform(chain(3) | {"f3": {"messages": [{"message": [text("底")]}]}})
    collected = await platform.collected([text("看"), seg("forward", id="f0")], max_depth=5)
    assert [p.text for p in collected.pieces] == ["看", "第0层", "第1层", "第2层", "底"]
    assert collected.cut_short == ()


async def test_a_bundle_nested_past_the_bound_is_cut_for_depth() -> None:
    platform = Platform(chain(45))
    collected = await platform.collected([seg("forward", id="f0")], max_depth=5)
    assert len(collected.pieces) == 5
    assert collected.cut_short == ("depth",)


async def test_an_inline_bundle_nested_past_the_bound_is_cut_for_depth() -> None:
    inner: list[dict[str, Any]] = [{"message": [text("最深")]}]
    for _ in range(4):
        inner = [{"message": [seg("forward", id="x", content=inner)]}]
    collected = await Platform().collected([seg("forward", id="top", content=inner)], max_depth=3)
    assert collected.pieces == []
    assert collected.cut_short == ("depth",)


async def test_exactly_the_bound_is_not_cut() -> None:
    platform = Platform(chain(2) | {"f2": {"messages": [{"message": [text("底")]}]}})
    collected = await platform.collected([seg("forward", id="f0")], max_depth=3)
    assert collected.cut_short == ()
    big = {"messages": [{"message": [text(str(i))]} for i in range(10)]}
    collected = await Platform({"big": big}).collected([seg("forward", id="big")], max_nodes=10)
    assert (len(collected.pieces), collected.cut_short) == (10, ())


async def test_a_bundle_of_ten_thousand_is_cut_for_nodes() -> None:
    huge = {"messages": [{"message": [text(str(i))]} for i in range(10_000)]}
    collected = await Platform({"huge": huge}).collected([seg("forward", id="huge")])
    assert len(collected.pieces) == 500
    assert collected.cut_short == ("nodes",)


async def test_more_forwards_than_fetches_is_cut_for_nodes() -> None:
    many: dict[str, Any] = {f"f{i}": {"messages": []} for i in range(8)}
    collected = await Platform(many).collected(
        [seg("forward", id=f"f{i}") for i in range(8)], max_nodes=5
    )
    assert collected.cut_short == ("nodes",)


async def test_a_failed_or_unreadable_fetch_is_cut_but_a_missing_quote_is_not() -> None:
    platform = Platform(
        {"bad": RuntimeError("expired"), "odd": {"retcode": 100}, "ok": {"messages": []}},
        {"9": RuntimeError("expired")},
    )
    assert (await platform.collected([seg("reply", id="9")])).cut_short == ()
    assert (await platform.collected([seg("forward", id="ok")])).cut_short == ()
    for ident in ("bad", "odd"):
        collected = await platform.collected([seg("forward", id=ident), text("正文")])
        assert collected.pieces == [TextPiece("text", "正文")]
        assert collected.cut_short == ("fetch_failed",)


async def test_a_fetch_that_never_answers_is_cut_for_time() -> None:
    async def never(ident: str) -> Any:
        await asyncio.Event().wait()

    collected = await collect(
        [seg("forward", id="a"), seg("forward", id="b")], never, never, time_budget=0.05
    )
    assert collected.cut_short == ("time",)


async def test_a_cycle_at_the_depth_bound_is_no_cut() -> None:
    loop = {"messages": [{"message": [text("圈"), seg("forward", id="loop")]}]}
    collected = await Platform({"loop": loop}).collected([seg("forward", id="loop")], max_depth=1)
    assert collected.cut_short == ()
