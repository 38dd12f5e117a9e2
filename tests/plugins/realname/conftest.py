"""Fixtures of the real-name tests.

Plugin modules are imported inside the fixtures: pytest may load this file before NoneBot is
initialised (when the tests are run by directory), and the plugin package needs NoneBot.
"""

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from plugins.realname.card import CardRule
    from plugins.realname.roster_index import RosterIndex


@pytest.fixture
def roster() -> "RosterIndex":
    from plugins.realname.roster_index import RosterIndex

    from .people import AYI, LI, WANG, ZHANG, ZHAO

    return RosterIndex([ZHANG, LI, WANG, AYI, ZHAO])


@pytest.fixture
def rule() -> "CardRule":
    from plugins.realname.card import DEFAULT_CARD_PATTERN, compile_card_rule

    return compile_card_rule(DEFAULT_CARD_PATTERN, "實名.群名片格式")
