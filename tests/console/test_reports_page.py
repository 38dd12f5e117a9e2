"""The reports page: the street report of a period, its chart and its workbook to download."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from console.pages.reports import Period, period_of
from tests import accounts
from tests.console.client import console_as
from tests.plugins.registry.helpers import filed_group

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("", "", Period(date(2026, 11, 25), TODAY)),
        ("2026-11-01", "2026-11-30", Period(date(2026, 11, 1), date(2026, 11, 30))),
        ("2026-11-30", "2026-11-01", None),  # reversed
        ("2026-11-01", "2026-12-02", None),  # the future
        ("2025-11-01", "2026-11-30", None),  # longer than a year
        ("11/01", "", None),
    ],
)
def test_the_period_asked_for(since: str, until: str, expected: Period | None) -> None:
    assert period_of(since, until, TODAY) == expected


async def test_the_department_sees_the_summary_the_chart_and_the_workbook() -> None:
    group = await filed_group()
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/reports")
        chart = await client.get("/console/reports/chart.png")
        book = await client.get("/console/reports/workbook.xlsx")
        bad = await client.get("/console/reports?since=2026-13-01")
    assert page.status_code == 200
    assert "【全街報告】" in page.text
    assert "reports/chart.png?since=" in page.text
    assert chart.headers["content-type"] == "image/png"
    assert chart.content.startswith(b"\x89PNG")
    sheets = load_workbook(BytesIO(book.content), read_only=True)
    cells = [
        str(c)
        for sheet in sheets.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    ]
    assert str(group.group_id) in " ".join(cells)
    assert bad.status_code == 400


async def test_a_unit_leader_is_refused_the_street_report() -> None:
    async with console_as(accounts.LEADER) as client:
        page = await client.get("/console/reports")
        book = await client.get("/console/reports/workbook.xlsx")
    assert (page.status_code, book.status_code) == (403, 403)
