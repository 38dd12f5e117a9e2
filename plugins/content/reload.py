"""The lexicon in force: loaded at start-up, reloaded when a lexicon file changes.

The rulebook's categories say which files to read (`lexicons`). The scheduler looks at the files'
names, times and sizes every minute; `/重載詞庫` reloads at once.
A reload hands the terms to the shared scanner (`install_terms`), so the next message is matched
against them; no restart.
"""

from nonebot.log import logger

from core import runtime
from plugins.content.lexicons import DEFAULT_DIR, Lexicon, load, signature
from plugins.scanner.service import install_terms

CHECK_SECONDS = 60

_current = Lexicon(())
_signature: tuple[tuple[str, int, int], ...] | None = None


def current() -> Lexicon:
    return _current


def reload(*, force: bool = False) -> Lexicon | None:
    """Load and install the lexicons if a file changed (or `force`); the new lexicon, else None."""
    global _current, _signature
    deployment = runtime.settings().lexicon_dir
    seen = signature((DEFAULT_DIR, deployment))
    if not force and seen == _signature:
        return None
    lexicon = load(deployment)
    install_terms(lexicon.terms)
    _current, _signature = lexicon, seen
    counts = lexicon.counts()
    logger.info(f"lexicons: {counts['illegal']} illegal, {counts['harmful']} harmful terms")
    for error in lexicon.errors:
        logger.error(f"lexicon file not loaded: {error}")
    return lexicon


async def check() -> None:
    """The scheduler's job: reload when a file changed (nothing when no article binds the duty)."""
    if runtime.rulebook().binds("content"):
        reload()
