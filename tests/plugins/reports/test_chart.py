"""The chart PNG: one bar per category, as long as its count, with or without a CJK font."""

from pathlib import Path

import pytest
from PIL import Image

from plugins.reports import chart
from plugins.reports.chart import BAR, BAR_COLOUR, ROW, TITLE, Bar, render

BARS = [
    Bar("散布謠言", "rumor", 10),
    Bar("涉密標識", "state_secret", 5),
    Bar("手機號碼", "phone", 1),
]


def bar_lengths(path: Path, count: int) -> list[int]:
    image = Image.open(path).convert("RGB")
    lengths = []
    for index in range(count):
        y = TITLE + index * ROW + BAR // 2
        lengths.append(sum(image.getpixel((x, y)) == BAR_COLOUR for x in range(image.width)))
    return lengths


@pytest.mark.parametrize("cjk", [True, False])
def test_bars_are_proportional_to_the_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cjk: bool
) -> None:
    if not cjk:
        monkeypatch.setattr(chart, "cjk_font", lambda: None)
    path = render(BARS, "各類發現", "Findings", tmp_path / "c.png", empty="無", plain_empty="none")
    image = Image.open(path)
    assert image.format == "PNG"
    assert image.size == (chart.WIDTH, TITLE + chart.MARGIN + ROW * 3)
    ten, five, one = bar_lengths(path, 3)
    assert ten > 400
    assert abs(five * 2 - ten) <= 2
    assert abs(one * 10 - ten) <= 10


def test_no_findings_draws_no_bar(tmp_path: Path) -> None:
    path = render([], "各類發現", "Findings", tmp_path / "e.png", empty="無", plain_empty="none")
    image = Image.open(path).convert("RGB")
    assert BAR_COLOUR not in {
        image.getpixel((x, y)) for x in range(0, image.width, 4) for y in range(image.height)
    }
