import pytest

from plugins.realname.normal import match_key
from plugins.realname.roster_index import RosterIndex

from .people import LI, WANG, ZHANG, ZHANG_NAMESAKE


def test_lookup_by_account():
    index = RosterIndex([ZHANG, WANG])
    assert len(index) == 2
    assert index.by_account(ZHANG.account) == ZHANG
    assert index.by_account(1) is None


def test_find_folds_script_and_width_and_keeps_namesakes():
    index = RosterIndex([ZHANG, ZHANG_NAMESAKE, LI])
    assert index.find("ＸＸ社区", "张 三") == (ZHANG, ZHANG_NAMESAKE)
    assert index.lookup(match_key("XX社區"), match_key("李四")) == (LI,)
    assert index.find("YY村", "張三") == ()


def test_units_and_unit_names():
    index = RosterIndex([ZHANG, WANG])
    assert index.has_unit(match_key("yy村"))
    assert not index.has_unit(match_key("ZZ村"))
    assert dict(index.unit_names(match_key("XX社区"))) == {match_key("張三"): (ZHANG,)}
    assert dict(index.unit_names(match_key("ZZ村"))) == {}


def test_a_repeated_account_is_refused():
    with pytest.raises(ValueError, match="twice"):
        RosterIndex([ZHANG, ZHANG])
