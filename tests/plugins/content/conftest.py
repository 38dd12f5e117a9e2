"""Content tests start without burst counts, and leave the deployment's lexicon folder empty."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_bursts() -> Iterator[None]:
    from plugins.content import duty

    duty.forget()
    yield
    duty.forget()


@pytest.fixture
def lexicon_dir() -> Iterator[Path]:
    """The deployment's lexicon folder (QUNGUI_LEXICON_DIR), emptied and reloaded afterwards."""
    from core import runtime
    from plugins.content import reload

    folder = runtime.settings().lexicon_dir
    (folder / "illegal").mkdir(parents=True, exist_ok=True)
    (folder / "harmful").mkdir(parents=True, exist_ok=True)
    yield folder
    shutil.rmtree(folder)
    reload.reload(force=True)
