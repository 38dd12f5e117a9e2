"""The chain, directly: sealing with the key, and naming the first removed, altered, set back or
rewritten record, with and without the anchors that pin it."""

from dataclasses import replace
from datetime import UTC, datetime

from plugins.measures.chain import (
    ALTERED,
    GENESIS,
    KEYED,
    PLAIN,
    REMOVED,
    REOPENED,
    REWRITTEN,
    UNKEYED,
    Break,
    Pin,
    Sealed,
    fact_digest,
    first_break,
    outcome_digest,
    pending_seal,
)

AT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def chain(
    n: int, status: str = "done", key: bytes | None = KEY, start: int = 1, prev: str = GENESIS
) -> list[Sealed]:
    """`n` records sealed as the store seals them (`key` None: plain SHA-256, as before the key)."""
    out: list[Sealed] = []
    for i in range(start, start + n):
        facts = {"id": i, "created_at": AT, "action": "mute", "target": 50000 + i, "detail": {}}
        digest = fact_digest(prev, facts, key)
        if status == "pending":
            seal = pending_seal(digest, key) if key else ""
            answer, at = "", None
        else:
            seal, answer, at = outcome_digest(digest, status, "ok", AT, key), "ok", AT
        scheme = KEYED if key else PLAIN
        out.append(Sealed(i, facts, prev, digest, status, answer, at, seal, scheme))
        prev = digest
    return out


def pin_of(records: list[Sealed], head: int, seq: int = 1) -> Pin:
    return Pin(seq, head, head, records[head - 1].digest)


def test_an_intact_chain_has_no_break() -> None:
    records = chain(5)
    assert first_break(records, KEY) is None
    assert first_break(records, KEY, [pin_of(records, 3), pin_of(records, 5, 2)], 0) is None
    assert first_break([], KEY) is None


def test_1_an_edited_fact_is_named() -> None:
    records = chain(5)
    records[2] = replace(records[2], facts={**records[2].facts, "target": 1})
    assert first_break(records, KEY) == Break(3, ALTERED)


def test_2_an_edited_outcome_is_named() -> None:
    for change in ({"status": "failed"}, {"answer": "權限不足"}, {"finished_at": None}):
        records = chain(5)
        records[1] = replace(records[1], **change)
        assert first_break(records, KEY) == Break(2, ALTERED), change


def test_3_a_record_removed_in_the_middle_is_named() -> None:
    records = chain(5)
    del records[3]
    assert first_break(records, KEY) == Break(4, REMOVED)
    assert first_break(chain(3)[1:], KEY) == Break(1, REMOVED)


def test_4_the_newest_records_removed_are_named_by_the_anchor() -> None:
    records = chain(5)
    anchored = pin_of(records, 5, seq=7)
    assert first_break(records[:3], KEY, [anchored]) == Break(4, REMOVED, anchored)
    # Without an anchor, a cut tail looks like a shorter chain: that is what the anchor is for.
    assert first_break(records[:3], KEY) is None


def test_5_every_record_removed_is_named_by_the_anchor() -> None:
    records = chain(5)
    anchored = pin_of(records, 5)
    assert first_break([], KEY, [anchored]) == Break(1, REMOVED, anchored)


def test_6_a_done_record_set_back_to_pending_is_named() -> None:
    records = chain(4)
    back = replace(records[2], status="pending", answer="", finished_at=None, outcome_digest="")
    # Its seal is no pending seal...
    assert first_break([*records[:2], back, records[3]], KEY) == Break(3, REOPENED)
    # ...and with the pending seal replayed (copied while it was pending), the anchor saw it sealed.
    replayed = replace(back, outcome_digest=pending_seal(back.digest, KEY))
    anchored = pin_of(records, 4, seq=5)
    changed = [*records[:2], replayed, records[3]]
    assert first_break(changed, KEY, [anchored]) == Break(3, REOPENED, anchored)


def test_a_pending_record_after_the_anchor_is_fine_with_its_pending_seal() -> None:
    done = chain(2)
    pending = chain(1, status="pending", start=3, prev=done[-1].digest)
    assert first_break([*done, *pending], KEY, [pin_of(done, 2)]) is None
    unsealed = replace(pending[0], outcome_digest="")
    assert first_break([*done, unsealed], KEY) == Break(3, REOPENED)


def test_7_a_chain_recomputed_without_the_key_is_named() -> None:
    keyed = chain(4)
    plain = chain(4, key=None)
    # Recomputed with plain SHA-256 but still marked keyed: the first record does not verify.
    as_keyed = [replace(r, scheme=KEYED) for r in plain]
    assert first_break(as_keyed, KEY, [pin_of(keyed, 2)], 0) == Break(1, ALTERED)
    # Marked plain too: plain records may not come after the first anchor's head.
    assert first_break(plain, KEY, [Pin(1, 0, 0, GENESIS)], 0) == Break(1, UNKEYED)
    # Nor after a keyed record.
    mixed = [*keyed[:2], *chain(2, key=None, start=3, prev=keyed[1].digest)]
    assert first_break(mixed, KEY) == Break(3, UNKEYED)
    # Where plain records may stand (before the key), the anchor names the rewritten head.
    anchored = pin_of(keyed, 4, seq=3)
    assert first_break(plain, KEY, [anchored], 4) == Break(4, REWRITTEN, anchored)
    # Recomputed with another key: nothing verifies.
    assert first_break(chain(4, key=OTHER_KEY), KEY) == Break(1, ALTERED)


def test_a_forged_or_reordered_record_is_named() -> None:
    records = chain(4)
    forged = chain(1, key=OTHER_KEY, start=5, prev=records[-1].digest)
    assert first_break([*records, *forged], KEY) == Break(5, ALTERED)
    swapped = [records[0], replace(records[2], id=2), replace(records[1], id=3), records[3]]
    assert first_break(swapped, KEY) == Break(2, ALTERED)
    unknown_scheme = replace(records[1], scheme=3)
    assert first_break([records[0], unknown_scheme], KEY) == Break(2, ALTERED)


def test_an_anchor_given_by_hand_matches_a_digest_prefix() -> None:
    records = chain(4)
    given = Pin(None, 3, 3, records[2].digest[:12])
    assert first_break(records, KEY, [given]) is None
    wrong = Pin(None, 3, 3, "0" * 12)
    assert first_break(records, KEY, [wrong]) == Break(3, REWRITTEN, wrong)


def test_records_from_before_the_key_verify_the_old_way() -> None:
    legacy = chain(3, key=None)
    assert first_break(legacy, KEY) is None
    then = chain(2, start=4, prev=legacy[-1].digest)
    first_line = Pin(1, 3, 3, legacy[-1].digest)  # the bot's first start with the key
    assert first_break([*legacy, *then], KEY, [first_line], 3) is None
    # A legacy record pending without a seal (before the key it had none) is not a break...
    waiting = replace(legacy[2], status="pending", answer="", finished_at=None, outcome_digest="")
    assert first_break([*legacy[:2], waiting], KEY) is None
    # ...unless an anchor saw it sealed.
    assert first_break([*legacy[:2], waiting], KEY, [first_line], 3) == Break(
        3, REOPENED, first_line
    )


def test_digests_depend_on_the_key_every_fact_and_the_previous_digest() -> None:
    facts = {"id": 1, "reason": "刷屏"}
    assert fact_digest(GENESIS, facts, KEY) != fact_digest("1" * 64, facts, KEY)
    assert fact_digest(GENESIS, facts, KEY) != fact_digest(
        GENESIS, {**facts, "reason": "刷屏 "}, KEY
    )
    assert fact_digest(GENESIS, facts, KEY) != fact_digest(GENESIS, facts, OTHER_KEY)
    assert fact_digest(GENESIS, facts, KEY) != fact_digest(GENESIS, facts, None)
    assert outcome_digest("a", "done", "", AT, KEY) != outcome_digest("a", "done", "", AT, None)
