"""Fixtures of the clearance tests: sightings not yet written start from nothing.

Plugin modules are imported inside the fixtures: pytest may load this file before NoneBot is
initialised (when the tests are run by directory), and the plugin package needs NoneBot.
"""

import pytest


@pytest.fixture(autouse=True)
def _no_pending_sightings() -> None:
    from plugins.clearance import seen

    seen.forget()
