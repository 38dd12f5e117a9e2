import pytest

from plugins.realname.roster import RosterChange, RosterEntry, diff_roster

from .people import LI, WANG, ZHANG


def test_diff_of_the_same_roster_is_all_unchanged():
    diff = diff_roster([ZHANG, LI, WANG], [ZHANG, LI, WANG])
    assert diff.unchanged == (ZHANG, LI, WANG)
    assert diff.added == diff.changed == diff.missing == ()
    assert not diff.has_changes


def test_diff_sorts_added_changed_and_missing():
    moved = RosterEntry(LI.unit, LI.name, LI.account, "在崗")
    newcomer = RosterEntry("YY村", "趙六", 99999, "在崗")
    diff = diff_roster([ZHANG, LI, WANG], [moved, newcomer, ZHANG])
    assert diff.added == (newcomer,)
    assert diff.changed == (RosterChange(LI, moved),)
    assert diff.unchanged == (ZHANG,)
    assert diff.missing == (WANG,)
    assert diff.has_changes


def test_diff_refuses_an_incoming_roster_with_a_repeated_account():
    with pytest.raises(ValueError, match="twice"):
        diff_roster([], [ZHANG, ZHANG])
