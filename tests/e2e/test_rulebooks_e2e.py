"""The same scenarios under two rulebooks, with no code change between them: this street's
(rulebooks/default.toml) and another's (tests/data/rulebook_yy: other numbering, a merged and an
added category, a stricter ladder, a 12-hour card deadline, no broadcast duty).

Every expectation is read from the rulebook the bot runs under: the articles its sentences cite
(through `core.cite`, with that rulebook installed here too), the articles its records are filed
under, the ladder's steps, the card deadline and the weekly check's silent days.
"""

import asyncio
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from core import cite
from core.rulebook import DEFAULT_FILE, Rulebook, load_rulebook
from tests import accounts
from tests.e2e.process import ROOT, TOKEN, BotProcess, new_peer
from tests.peer import Call, Peer, PeerMember, at, message_text, text
from tests.rulebooks import install

pytestmark = pytest.mark.e2e

OTHER_FILE = ROOT / "tests" / "data" / "rulebook_yy" / "rulebook.toml"
LEXICONS = ROOT / "tests" / "data" / "rulebook_yy" / "lexicon"  # the added category's file
RULEBOOKS = [pytest.param(DEFAULT_FILE, id="default"), pytest.param(OTHER_FILE, id="yy")]
NEWCOMER = 50030  # joins with a card that is not real-name
SILENT = 50050  # on the roster, last spoke 75 days ago
HARMFUL = ("你個傻逼", "草 泥 馬", "傻*逼")  # the default lexicon's vulgar terms
MARKED = "明天會議材料（機密★1年），內容如下：撥款三百萬"


class Ruled(NamedTuple):
    file: Path
    book: Rulebook

    def process(self, tmp_path: Path, **settings: str) -> BotProcess:
        return BotProcess(
            tmp_path,
            QUNGUI_RULEBOOK_FILE=str(self.file),
            QUNGUI_LEXICON_DIR=str(LEXICONS),
            **settings,
        )


@pytest.fixture(params=RULEBOOKS)
def ruled(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Ruled:
    """The rulebook of this run, installed here as well, so `core.cite` answers as the bot's."""
    book = load_rulebook(request.param)
    install(monkeypatch, book)
    return Ruled(request.param, book)


def _in_group(call: Call) -> bool:
    return int(call.params.get("group_id", 0)) == accounts.GROUP


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("user_id", 0)) == user_id


def _mentions(user_id: int) -> Callable[[Call], bool]:
    return lambda call: any(
        s["type"] == "at" and s["data"]["qq"] == str(user_id) for s in call.params["message"]
    )


def _said(call: Call) -> str:
    return "".join(s["data"]["text"] for s in call.params["message"] if s["type"] == "text")


async def _say(peer: Peer, user_id: int, said: str | list[dict[str, Any]]) -> Call:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, user_id, said)
    return await peer.wait_for("send_group_msg", _in_group, after=start)


async def _until(check: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


def _sealed(bot: BotProcess, count: int) -> Callable[[], list[tuple[Any, ...]] | None]:
    def rows() -> list[tuple[Any, ...]] | None:
        found = bot.query(
            "SELECT action, article, status, rulebook FROM measure_record ORDER BY id"
        )
        return found if len(found) >= count and all(r[2] != "pending" for r in found) else None

    return rows


async def test_the_duties_cite_and_apply_the_rulebook_in_force(
    tmp_path: Path, ruled: Ruled
) -> None:
    book = ruled.book
    bot = ruled.process(tmp_path)
    bot.start()
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"單位,姓名,帳號,狀態,備註\nXX社區,李四,{accounts.ADMIN},調離,調往街道\n"
        f"XX社區,張三,{accounts.MEMBER},在崗,\n",
        "utf-8",
    )
    assert bot.manage("roster", "import", str(roster)).returncode == 0
    peer = new_peer(bot.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.SELF, "群規", role="owner"),  # the bot owns the group: it sets admins
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="admin"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
        PeerMember(accounts.STRANGER, "路人", "XX社區-路人"),
    )

    def rights(params: dict[str, Any]) -> None:
        member = peer.groups[accounts.GROUP].members[int(params["user_id"])]
        member.role = "admin" if params["enable"] else "member"

    peer.answers["set_group_admin"] = rights
    try:
        await peer.connect()
        # /群規: the rulebook's title, and each article in its numbering with its own text.
        rules = _said(await _say(peer, accounts.STRANGER, "/群規"))
        assert f"《{book.title}》" in rules
        filing = book.article_of("filing")
        assert cite.article_label(filing) in rules
        assert book.text_of(filing)[:20] in rules

        # Filing, cited by the rulebook's article for it.
        start = len(peer.calls)
        filed = _said(await _say(peer, accounts.ADMIN, "/備案 內部 XX社區"))
        assert "已備案" in filed
        assert f"（{cite.cite('filing')}）" in filed
        await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)

        # The card prompt, with the rulebook's deadline.
        start = len(peer.calls)
        await peer.member_joins(accounts.GROUP, PeerMember(NEWCOMER, "路人", card="路人甲"))
        prompt = await peer.wait_for("send_group_msg", _mentions(NEWCOMER), after=start)
        assert f"（{cite.cite('realname')}）" in _said(prompt)
        due = await _until(lambda: bot.query("SELECT deadline FROM card_deadline"))
        hours = (datetime.fromisoformat(due[0][0]) - datetime.now(UTC)).total_seconds() / 3600
        assert book.duty.realname is not None
        assert abs(hours - book.duty.realname.card_deadline_hours) < 0.1

        # A confidential marker: recalled, the sender told under the rulebook's article.
        start = len(peer.calls)
        marked = await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
        await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == marked, after=start)
        told = await peer.wait_for("send_group_msg", _mentions(accounts.MEMBER), after=start)
        assert cite.cite("confidential") in _said(told)
        assert "機密★" not in _said(told)

        # The ladder for harmful content, step by step as the rulebook's ladder says.
        ladder = book.ladder["harmful"]
        taken: list[tuple[str, int]] = []
        for word in HARMFUL[: len(ladder.steps)]:
            start = len(peer.calls)
            await peer.group_message(accounts.GROUP, accounts.STRANGER, word)
            await peer.wait_for("send_private_msg", _to(accounts.STREET_LEADER), after=start)
            for call in peer.calls[start:]:
                if call.action == "set_group_ban":
                    taken.append(("mute", int(call.params["duration"])))
                if call.action == "set_group_kick":
                    taken.append(("kick", 0))
                if call.action == "send_group_msg" and "警告" in _said(call):
                    assert f"（{cite.article_label(ladder.article)}）" in _said(call)
                    taken.append(("warning", 0))
        assert taken == [(s.kind, s.seconds) for s in ladder.steps[:3]]

        # The handover, and the outgoing admin who left the post.
        start = len(peer.calls)
        opened = [*text("/交接管理員 "), at(accounts.MEMBER), *text(" 調崗")]
        await peer.group_message(accounts.GROUP, accounts.ADMIN, opened)
        asked = await peer.wait_for("send_group_msg", _mentions(accounts.MEMBER), after=start)
        assert f"（{cite.cite('handover')}）" in _said(asked)
        start = len(peer.calls)
        await peer.group_message(accounts.GROUP, accounts.MEMBER, "/確認交接")
        reminder = await peer.wait_for("send_private_msg", _to(accounts.ADMIN), after=start)
        assert cite.cite("departed") in message_text(reminder.params["message"])
        assert [c.params["user_id"] for c in peer.calls[start:] if c.action == "set_group_admin"]

        # Every record: filed under the rulebook's articles, with the rulebook's digest.
        rows = await _until(_sealed(bot, 10))
        by_action = {action: article for action, article, _, _ in rows}
        assert by_action["recall"] in (book.article_of("confidential"), ladder.article)
        assert by_action["warning"] == ladder.article
        assert by_action["handover"] == book.article_of("handover")
        assert by_action["departed_admin"] == book.article_of("departed")
        assert {digest for *_, digest in rows} == {book.digest}
        kept = bot.query("SELECT digest, title FROM rulebook_edition")
        assert kept == [(book.digest, book.title)]
        rungs = bot.query(
            "SELECT detail FROM measure_record WHERE action IN ('warning', 'mute', 'kick') "
            "ORDER BY id"
        )
        assert [json.loads(d).get("rung") for (d,) in rungs] == [1, 2, 3]
    finally:
        await peer.close()
        bot.stop()


async def test_the_weekly_check_counts_silence_as_the_rulebook_does(
    tmp_path: Path, ruled: Ruled
) -> None:
    book = ruled.book
    # Looks every second; the slot set to Monday 00:00 (here, so both rulebooks' checks are due
    # at once: the README's QUNGUI_CLEARANCE_SCHEDULE overrides the rulebook's).
    bot = ruled.process(
        tmp_path, QUNGUI_CLEARANCE_CHECK_SECONDS="1", QUNGUI_CLEARANCE_SCHEDULE="週一 00:00"
    )
    bot.start()
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"單位,姓名,帳號,狀態,備註\nXX社區,王五,{accounts.OWNER},在崗,\nXX社區,孫七,{SILENT},在崗,\n",
        "utf-8",
    )
    assert bot.manage("roster", "import", str(roster)).returncode == 0
    peer = new_peer(bot.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(SILENT, "老孫", "XX社區-孫七", last_sent_time=int(time.time()) - 75 * 86400),
    )
    try:
        await peer.connect()
        await _say(peer, accounts.OWNER, "/備案 內部 XX社區")
        weekly = await peer.wait_for(
            "send_group_msg", lambda c: "【每週成員檢查】" in _said(c), within=20
        )
        said = _said(weekly)
        assert f"（{cite.cite('clearance')}" in said
        assert book.duty.clearance is not None
        silent_days = book.duty.clearance.silent_days
        assert (f"超過 {silent_days} 天未發言 1" in said) == (75 >= silent_days)
        assert ("沒有待處理成員" in said) == (75 < silent_days)
    finally:
        await peer.close()
        bot.stop()
