"""Each rulebook the bot has run under, kept by its digest, so that a record's article can be
read in the words of the rulebook it was made under, whatever rulebook is in force now."""

from collections.abc import Iterable
from datetime import UTC, datetime

from tortoise import fields
from tortoise.models import Model


class RulebookEdition(Model):
    """One rulebook file as it was loaded: its digest, title and whole text."""

    digest = fields.CharField(max_length=64, primary_key=True)
    title = fields.CharField(max_length=200)
    text = fields.TextField()
    first_used = fields.DatetimeField()

    class Meta:
        table = "rulebook_edition"


async def keep_edition(digest: str, title: str, text: str) -> None:
    """Remember this edition (once: a restart under the same file changes nothing)."""
    await RulebookEdition.get_or_create(
        digest=digest,
        defaults={"title": title[:200], "text": text, "first_used": datetime.now(UTC)},
    )


async def edition_titles(digests: Iterable[str]) -> dict[str, str]:
    """The titles of the editions with these digests (those this database holds)."""
    wanted = list(digests)
    if not wanted:
        return {}
    return {e.digest: e.title for e in await RulebookEdition.filter(digest__in=wanted)}
