"""Leases on due work: one holder at a time, taken over when the holder's lease runs out."""

from datetime import timedelta

import pytest

from core import lease, node
from models.cluster import JobLease


def _another_process(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(node, "_incarnation", name)


async def test_a_lease_has_one_holder_until_it_runs_out(monkeypatch: pytest.MonkeyPatch) -> None:
    assert await lease.claim("weekly:1")
    _another_process(monkeypatch, "b")
    assert not await lease.claim("weekly:1")
    await JobLease.filter(key="weekly:1").update(expires_at=node.now() - timedelta(seconds=1))
    assert await lease.claim("weekly:1")  # the first holder died: taken over
    assert (await JobLease.get(key="weekly:1")).owner.endswith(":b")


async def test_work_done_is_never_claimed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    async def work() -> bool:
        calls.append("ran")
        return True

    assert await lease.once("digest:w48", work)
    _another_process(monkeypatch, "b")
    await JobLease.filter(key="digest:w48").update(expires_at=node.now() - timedelta(hours=1))
    assert not await lease.once("digest:w48", work)
    assert calls == ["ran"]


async def test_work_that_could_not_run_is_given_back(monkeypatch: pytest.MonkeyPatch) -> None:
    async def cannot() -> bool:
        return False

    async def fails() -> bool:
        raise RuntimeError("the platform went away")

    assert not await lease.once("weekly:2", cannot)
    _another_process(monkeypatch, "b")
    with pytest.raises(RuntimeError):
        await lease.once("weekly:2", fails)
    _another_process(monkeypatch, "c")
    assert await lease.claim("weekly:2")  # free at once, not after the lease


async def test_exclusive_work_is_held_for_the_block_only(monkeypatch: pytest.MonkeyPatch) -> None:
    async with lease.exclusive("sweep:1") as mine:
        assert mine
        _another_process(monkeypatch, "b")
        async with lease.exclusive("sweep:1") as theirs:
            assert not theirs
        monkeypatch.undo()
    _another_process(monkeypatch, "b")
    async with lease.exclusive("sweep:1") as theirs:
        assert theirs


async def test_a_holder_renews_and_a_loser_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    assert await lease.claim("sweep:2")
    assert await lease.renew("sweep:2")
    _another_process(monkeypatch, "b")
    assert not await lease.renew("sweep:2")


async def test_a_restarted_node_takes_its_past_lifes_leases_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert await lease.claim("sweep:3")
    _another_process(monkeypatch, "after-the-crash")  # the same node name, a new incarnation
    assert not await lease.claim("sweep:3")
    assert await lease.free_past_lives() == 1
    assert await lease.claim("sweep:3")
    monkeypatch.setattr(node.runtime.settings(), "qungui_node", "other")
    assert await lease.free_past_lives() == 0  # another node's leases are not ours
