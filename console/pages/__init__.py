"""The console's pages: each is a module with a `router` and a `PAGE`, listed once in PAGES.

To add a page: write `console/pages/<name>.py` with `router = APIRouter()` (its paths under
/console) and `PAGE = Page(...)`, and add it to PAGES below. The navigation of the base template
lists every page the viewer may open; a page's routes check the viewer themselves
(`web.logged_in`, `Viewer.sees`).
"""

from dataclasses import dataclass

from fastapi import APIRouter


@dataclass(frozen=True)
class Page:
    key: str
    title: str  # in Traditional, as every console text
    path: str  # under /console
    router: APIRouter
    department_only: bool = False
    listed: bool = True  # False: reached by links only (a group's page), not in the navigation


def _pages() -> tuple[Page, ...]:
    from console.pages import audit, group, health, incidents, notices, registry, reports

    return (
        registry.PAGE,
        group.PAGE,
        incidents.PAGE,
        reports.PAGE,
        notices.PAGE,
        health.PAGE,
        audit.PAGE,
    )


PAGES: tuple[Page, ...] = _pages()


def _blacklist_and_roster() -> tuple[Page, ...]:
    from console.pages import blacklist, roster

    return (blacklist.PAGE, roster.PAGE)


PAGES = (*PAGES, *_blacklist_and_roster())
