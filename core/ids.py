"""String platform ids as stored numbers, and back (models/ids.py says why).

`intern` gives the number for a platform's string id, making one the first time; `extern`
gives the string back. Both remember what they have seen: a process asks the database once
per id. Two processes interning the same id at once agree: the unique (platform, external)
row decides, and the loser reads the winner's number.
"""

from tortoise.exceptions import IntegrityError

from models.ids import PlatformId

_numbers: dict[tuple[str, str], int] = {}
_strings: dict[tuple[str, int], str] = {}


def _remember(platform: str, external: str, number: int) -> int:
    _numbers[(platform, external)] = number
    _strings[(platform, number)] = external
    return number


async def intern(platform: str, external: str) -> int:
    if not external:
        raise ValueError("an empty id names nobody")
    known = _numbers.get((platform, external))
    if known is not None:
        return known
    row = await PlatformId.get_or_none(platform=platform, external=external)
    if row is None:
        try:
            row = await PlatformId.create(platform=platform, external=external)
        except IntegrityError:  # another process made it first
            row = await PlatformId.get(platform=platform, external=external)
    return _remember(platform, external, int(row.id))


async def extern(platform: str, number: int) -> str | None:
    """The platform's own id for a stored number; None when none was interned as it."""
    known = _strings.get((platform, number))
    if known is not None:
        return known
    row = await PlatformId.get_or_none(platform=platform, id=number)
    if row is None:
        return None
    _remember(platform, row.external, number)
    return row.external


def forget() -> None:
    _numbers.clear()
    _strings.clear()
