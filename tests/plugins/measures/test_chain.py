"""The hash chain, directly: sealing, and finding the first removed or altered record."""

from dataclasses import replace
from datetime import UTC, datetime

from plugins.measures.chain import GENESIS, Break, Sealed, fact_digest, first_break, outcome_digest

AT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def chain(n: int, status: str = "done") -> list[Sealed]:
    out: list[Sealed] = []
    prev = GENESIS
    for i in range(1, n + 1):
        facts = {
            "id": i,
            "created_at": AT,
            "action": "mute",
            "target": 50000 + i,
            "detail": {"s": i},
        }
        digest = fact_digest(prev, facts)
        out.append(
            Sealed(
                i, facts, prev, digest, status, "ok", AT, outcome_digest(digest, status, "ok", AT)
            )
        )
        prev = digest
    return out


def test_an_intact_chain_has_no_break() -> None:
    assert first_break(chain(5)) is None
    assert first_break([]) is None


def test_an_edited_fact_is_named() -> None:
    records = chain(5)
    records[2] = replace(records[2], facts={**records[2].facts, "target": 1})
    assert first_break(records) == Break(3, "altered")


def test_an_edited_outcome_is_named() -> None:
    records = chain(5)
    records[1] = replace(records[1], status="failed")
    assert first_break(records) == Break(2, "altered")


def test_a_removed_record_is_named() -> None:
    records = chain(5)
    del records[3]
    assert first_break(records) == Break(4, "removed")
    assert first_break(chain(3)[1:]) == Break(1, "removed")


def test_a_recomputed_digest_breaks_the_next_link() -> None:
    records = chain(4)
    forged_facts = {**records[1].facts, "target": 1}
    forged = replace(records[1], facts=forged_facts, digest=fact_digest(GENESIS, forged_facts))
    records[1] = forged
    assert first_break(records) == Break(2, "altered")


def test_a_pending_record_needs_no_outcome_seal_yet() -> None:
    records = chain(2, status="pending")
    records = [replace(r, outcome_digest="") for r in records]
    assert first_break(records) is None


def test_digests_depend_on_every_fact_and_on_the_previous_digest() -> None:
    facts = {"id": 1, "reason": "刷屏"}
    assert fact_digest(GENESIS, facts) != fact_digest("1" * 64, facts)
    assert fact_digest(GENESIS, facts) != fact_digest(GENESIS, {**facts, "reason": "刷屏 "})
