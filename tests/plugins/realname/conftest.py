import pytest

from plugins.realname.card import DEFAULT_CARD_PATTERN, CardRule, compile_card_rule
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

ZHANG = RosterEntry("XX社區", "張三", 12345678, "在崗")
LI = RosterEntry("XX社區", "李四", 23456789, "調離", "2024年調往街道")
WANG = RosterEntry("YY村", "王五", 34567890, "在崗")
AYI = RosterEntry("XX社區", "阿依古麗·買買提", 45678901, "在崗")
ZHANG_NAMESAKE = RosterEntry("XX社區", "张三", 56789012, "調離")
ZHAO = RosterEntry("XX社區", "趙", 67890123, "在崗")


@pytest.fixture
def roster() -> RosterIndex:
    return RosterIndex([ZHANG, LI, WANG, AYI, ZHAO])


@pytest.fixture
def rule() -> CardRule:
    return compile_card_rule(DEFAULT_CARD_PATTERN, "實名.群名片格式")
