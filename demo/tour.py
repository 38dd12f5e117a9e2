"""A tour of the bot without a QQ account: `python -m demo.tour` (or `make demo`).

It starts `bot.py` on a fresh temporary data dir (tests/e2e/process.py) and, in place of NapCat,
the OneBot v11 test peer (tests/peer.py) over a real reverse WebSocket. Then it plays a short
script in a work group: the group is filed, a member joins with a bad card, a confidential
forward is recalled, the admin post is handed over. For each event it prints what the bot did:
the actions it called, with the text of its messages. It ends with the records the bot kept and
`manage.py audit verify`, and exits 0 when every step happened as it should.
"""

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from demo import narrate
from demo.narrate import NEWCOMER, who
from tests import accounts
from tests.e2e.process import TOKEN, BotProcess
from tests.peer import Call, Peer, PeerMember, at, bundled, text

GROUP = accounts.GROUP
QUIET_S = 1.0  # a step is over when the bot has called nothing for this long
WITHIN_S = 20.0
RECORDS_SQL = "SELECT id, action, article, category, target, status, evidence FROM measure_record"


class TourError(Exception):
    """A step did not happen as it should."""


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("user_id", 0)) == user_id


def _mentions(user_id: int) -> Callable[[Call], bool]:
    return lambda call: any(
        s["type"] == "at" and s["data"]["qq"] == str(user_id) for s in call.params["message"]
    )


def _says(words: str) -> Callable[[Call], bool]:
    return lambda call: words in narrate.message(call.params["message"])


class Tour:
    def __init__(self, peer: Peer) -> None:
        self.peer = peer
        self.start = 0

    def begin(self, number: int, chinese: str, english: str, happening: str) -> None:
        print(narrate.heading(number, chinese, english))
        print(narrate.event(happening))
        self.start = len(self.peer.calls)

    async def expect(self, what: str, action: str, where: Callable[[Call], bool]) -> Call:
        try:
            return await self.peer.wait_for(action, where, after=self.start, within=WITHIN_S)
        except TimeoutError as exc:
            self.show()
            raise TourError(f"expected {what} ({action}); {exc}") from exc

    async def settle(self) -> None:
        """Wait until the bot is quiet, then print everything it did in this step."""
        seen, since = len(self.peer.calls), time.monotonic()
        while time.monotonic() - since < QUIET_S:
            await asyncio.sleep(0.1)
            if len(self.peer.calls) != seen:
                seen, since = len(self.peer.calls), time.monotonic()
        self.show()

    def show(self) -> None:
        for call in self.peer.calls[self.start :]:
            print(narrate.bot_line(call))
        self.start = len(self.peer.calls)


def _admin_rights(peer: Peer) -> None:
    """The peer carries out set_group_admin on its model, as the platform would."""

    def answer(params: dict[str, object]) -> None:
        member = peer.groups[int(str(params["group_id"]))].members[int(str(params["user_id"]))]
        member.role = "admin" if params["enable"] else "member"

    peer.answers["set_group_admin"] = answer


async def play(peer: Peer) -> None:
    tour = Tour(peer)
    said = "/備案 內部 XX社區 社區工作通知"
    tour.begin(1, "備案", "the group is filed", f"{who(accounts.ADMIN)} 在群裡說：{said}")
    await peer.group_message(GROUP, accounts.ADMIN, said)
    await tour.expect("the filing confirmed", "send_group_msg", _says("已備案"))
    await tour.expect("the department told", "send_private_msg", _to(accounts.DEPARTMENT))
    await tour.settle()

    tour.begin(
        2, "入群", "a member joins with a bad card", f"{who(NEWCOMER)} 入群，群名片「路人甲」"
    )
    await peer.member_joins(GROUP, PeerMember(NEWCOMER, "路人", card="路人甲"))
    await tour.expect("the newcomer asked for a card", "send_group_msg", _mentions(NEWCOMER))
    await tour.settle()

    inner = peer.add_forward(
        "fw-inner",
        bundled(accounts.OWNER, "普通的一句話"),
        bundled(accounts.OWNER, "絕密★長期 部署方案全文"),
    )
    outer = peer.add_forward(
        "fw-outer", bundled(accounts.MEMBER, "轉給大家看看"), bundled(accounts.MEMBER, [inner])
    )
    tour.begin(
        3,
        "保密",
        "a confidential forward",
        f"{who(accounts.MEMBER)} 轉發一組聊天記錄，裡面又套著一組，含「絕密★長期 部署方案全文」",
    )
    forwarded = await peer.group_message(GROUP, accounts.MEMBER, [outer])
    await tour.expect(
        "the forward recalled", "delete_msg", lambda c: c.params["message_id"] == forwarded
    )
    await tour.expect("the unit leader told", "send_private_msg", _to(accounts.LEADER))
    await tour.settle()

    _admin_rights(peer)
    tour.begin(
        4,
        "交接",
        "the admin post is handed over",
        f"{who(accounts.ADMIN)} 在群裡說：/交接管理員 @張三 調崗",
    )
    opened = [*text("/交接管理員 "), at(accounts.MEMBER), *text(" 調崗")]
    await peer.group_message(GROUP, accounts.ADMIN, opened)
    await tour.expect("the new admin asked", "send_group_msg", _mentions(accounts.MEMBER))
    await tour.settle()
    print(narrate.event(f"{who(accounts.MEMBER)} 在群裡說：/確認交接"))
    await peer.group_message(GROUP, accounts.MEMBER, "/確認交接")
    await tour.expect("the department told", "send_private_msg", _to(accounts.DEPARTMENT))
    await tour.expect("the handover done", "send_group_msg", _says("交接完成"))
    await tour.settle()
    print(narrate.event(f"{who(accounts.MEMBER)} 在群裡說：/管理員記錄"))
    await peer.group_message(GROUP, accounts.MEMBER, "/管理員記錄")
    await tour.expect("the admin history", "send_group_msg", _says("交接"))
    await tour.settle()


def records(bot: BotProcess) -> None:
    print(narrate.heading(5, "記錄", "what the bot recorded (measure_record, hash-chained)"))
    for row_id, action, article, category, target, status, evidence in bot.query(RECORDS_SQL):
        shown = f"  #{row_id} {action}，第{article}條，{category or '—'}，對象 {who(target)}"
        print(f"{shown}，{status}" + (f"，{evidence}" if evidence else ""))
    verified = bot.manage("audit", "verify")
    said = [line for line in verified.stdout.splitlines() if line.startswith("audit")]
    print(f"  manage.py audit verify: {said[-1] if said else verified.stderr.strip()}")
    if verified.returncode != 0:
        raise TourError("the audit trail does not verify")


async def tour(data_dir: Path) -> None:
    bot = BotProcess(data_dir)
    bot.start()
    peer = Peer(bot.url, accounts.SELF, TOKEN)
    peer.add_group(
        GROUP,
        "XX社區工作群",
        PeerMember(accounts.SELF, "群規", role="owner"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    peer.add_friend(*accounts.ORG_PEOPLE)  # as the README advises
    try:
        await peer.connect()
        print(f"bot.py listens on {bot.url} (data: {data_dir}); organisation: tests/data/org.toml")
        print(
            f"the test peer speaks for NapCat as account {accounts.SELF}, the group's owner; group "
            f"{GROUP}「XX社區工作群」has 李四 (admin, card XX社區-李四) and 張三 (card XX社區-張三)"
        )
        await play(peer)
    finally:
        await peer.close()
        bot.stop()
    records(bot)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--keep", type=Path, help="use and keep this data dir (default: a temporary one)"
    )
    args = parser.parse_args()
    print("群規 qungui: a tour without QQ")
    try:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            asyncio.run(tour(args.keep.resolve()))
        else:
            with tempfile.TemporaryDirectory(prefix="qungui-demo-") as folder:
                asyncio.run(tour(Path(folder)))
    except TourError as exc:
        print(f"\n✗ the tour stopped: {exc}")
        return 1
    print("\n✓ tour complete: filed, card prompt, confidential forward recalled, handover done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
