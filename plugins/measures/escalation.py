"""Who hears of a measure: the rulebook's chain for its article, read against the organisation
file (pure functions)."""

from collections.abc import Iterable
from enum import StrEnum

from core.org import Account, Org, accounts_of
from core.rulebook import Chain, Rulebook


class Level(StrEnum):
    UNIT = "unit"  # the unit's 分管負責人 (Art. 8: at once)
    STREET = "street"  # the street's 分管負責人 (Art. 8, 10)
    COMMITTEE = "committee"  # the Party working committee (Art. 8)
    CYBERSPACE = "cyberspace"  # the district cyberspace office contact (Art. 10: major risk)
    DEPARTMENT = "department"  # the 黨群工作部 (filing, Art. 3, 13)


def recipients(
    org: Org, unit_name: str, levels: Iterable[Level], superusers: Iterable[Account] = ()
) -> list[Account]:
    """Every account to tell, once each, in the order of `levels` (on every platform: the
    notice picks each person's, core.people)."""
    people: list[Account] = []
    for level in levels:
        match level:
            case Level.UNIT:
                unit = org.unit(unit_name)
                people += accounts_of(unit.leaders) if unit else ()
            case Level.STREET:
                people += accounts_of(org.escalation.street_leaders)
            case Level.COMMITTEE:
                people += accounts_of(org.escalation.party_committee)
            case Level.CYBERSPACE:
                people += accounts_of(org.escalation.cyberspace_contacts)
            case Level.DEPARTMENT:
                people += [*accounts_of(org.department.staff), *superusers]
    return list(dict.fromkeys(people))


_LEVEL_OF: dict[Chain, Level] = {
    "unit_leaders": Level.UNIT,
    "street_leaders": Level.STREET,
    "party_committee": Level.COMMITTEE,
    "cyberspace_contacts": Level.CYBERSPACE,
    "department": Level.DEPARTMENT,
}


def levels_of(book: Rulebook, article: int) -> tuple[Level, ...]:
    """Who the rulebook says hears of a measure under `article`, in its order."""
    return tuple(_LEVEL_OF[chain] for chain in book.tell_of(article) if chain in _LEVEL_OF)


def reports_outside(book: Rulebook, article: int) -> bool:
    """Whether a measure under `article` needs an incident report for the outside bodies."""
    return "outside_bodies" in book.tell_of(article)
