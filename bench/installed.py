"""The runtime a benchmark's plugin modules need as they load (their metadata reads the
rulebook): the settings NoneBot was initialised with, the test organisation file and the default
rulebook. A benchmark that wants its own organisation installs it again later."""

from pathlib import Path

from core import runtime
from core.org import load_org
from core.settings import load_settings

ORG_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "org.toml"


def install() -> None:
    """Call right after `nonebot.init`, before importing anything under plugins."""
    runtime.install(load_settings(), load_org(ORG_FILE))
