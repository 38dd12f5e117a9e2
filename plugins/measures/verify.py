"""What `manage.py audit verify` concludes, from what it read: pure, one verdict, the first break.

The anchor log is checked first (it is what the tail of the chain is checked against), then the
chain from its first record, against every anchor line and the anchor given by hand, if any.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from plugins.measures import texts
from plugins.measures.anchor import LogBreak, check_log
from plugins.measures.chain import GENESIS, Break, Pin, Sealed, first_break


@dataclass(frozen=True)
class Verdict:
    ok: bool
    line: str


def judge(
    records: Sequence[Sealed],
    file_lines: Sequence[str],
    table_lines: Sequence[str],
    key: bytes,
    given: Pin | None = None,
) -> Verdict:
    anchors, log_broken = check_log(file_lines, table_lines, key, len(records))
    if log_broken is not None:
        return _log_failed(log_broken)
    pins = [a.pin for a in anchors] + ([given] if given else [])
    plain_until = anchors[0].head_id if anchors else None
    broken = first_break(records, key, pins, plain_until)
    if broken is not None:
        return _chain_failed(broken)
    head = records[-1] if records else None
    anchored = max((p.head_id for p in pins), default=0)
    return Verdict(
        True,
        texts.audit_ok(
            len(records),
            head.id if head else 0,
            head.digest if head else GENESIS,
            len(anchors),
            anchored,
        ),
    )


def _log_failed(broken: LogBreak) -> Verdict:
    return Verdict(False, texts.log_break(broken.seq, broken.what, broken.where, broken.other))


def _chain_failed(broken: Break) -> Verdict:
    pin = broken.pin
    line = texts.record_break(
        broken.record_id, broken.what, pin.seq if pin else None, pin is not None
    )
    return Verdict(False, line)
