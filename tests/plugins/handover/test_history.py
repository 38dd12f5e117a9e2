"""The admin history as entries: filings, handovers as one entry each, departures; oldest first."""

from datetime import UTC, datetime, timedelta

from plugins.handover.history import Change, Entry, Tenure, history, people

T0 = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
A, B, C, LEADER = 40001, 50001, 50003, 20001


def test_a_filed_group_shows_its_filer() -> None:
    assert history([Tenure(A, T0, None, A, "備案")], [], filed_by=A) == [
        Entry("start", T0, A, "備案", A)
    ]


def test_a_handover_is_one_entry_and_the_filing_keeps_its_reason() -> None:
    t1 = T0 + timedelta(days=30)
    tenures = [Tenure(A, T0, t1, A, "調崗"), Tenure(B, t1, None, LEADER, "調崗")]
    changes = [Change(A, B, LEADER, "調崗", False, t1)]
    assert history(tenures, changes, filed_by=A) == [
        Entry("start", T0, A, "備案", A),
        Entry("handover", t1, B, "調崗", LEADER, A, False),
    ]


def test_leaving_and_a_later_handover_from_nobody() -> None:
    t1, t2 = T0 + timedelta(days=1), T0 + timedelta(days=2)
    tenures = [Tenure(A, T0, t1, A, "退群"), Tenure(C, t2, None, LEADER, "交接")]
    changes = [Change(None, C, LEADER, "", True, t2)]
    assert history(tenures, changes, filed_by=A) == [
        Entry("start", T0, A, "備案", A),
        Entry("end", t1, A, "退群"),
        Entry("handover", t2, C, "", LEADER, None, True),
    ]


def test_a_tenure_of_someone_else_ended_without_a_handover_has_no_start_reason() -> None:
    t1 = T0 + timedelta(days=1)
    entries = history([Tenure(B, T0, t1, A, "退群")], [], filed_by=A)
    assert entries == [Entry("start", T0, B, "", A), Entry("end", t1, B, "退群")]


def test_entries_are_ordered_by_time_whatever_the_input_order() -> None:
    t1, t2 = T0 + timedelta(days=1), T0 + timedelta(days=2)
    tenures = [Tenure(B, t2, None, B, "備案"), Tenure(A, T0, t1, A, "退群")]
    assert [e.at for e in history(tenures, [], filed_by=B)] == [T0, t1, t2]


def test_people_are_listed_once_in_order() -> None:
    t1 = T0 + timedelta(days=1)
    entries = [Entry("start", T0, A, "備案", A), Entry("handover", t1, B, "", LEADER, A)]
    assert people(entries) == [A, B, LEADER]
