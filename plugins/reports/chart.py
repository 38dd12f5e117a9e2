"""The findings-by-category chart as a PNG, drawn with Pillow: one horizontal bar per category.

Chinese labels need a CJK font on the machine (Debian: `fonts-noto-cjk` or `fonts-wqy-microhei`).
Without one, the bars are labelled with the plain labels given for that case (category keys) so
the picture never shows empty boxes; the log says which font package to install.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nonebot.log import logger
from PIL import Image, ImageDraw, ImageFont

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
FONT_PATTERNS = ("*SansCJK*", "*wqy*", "*SourceHanSans*", "*DroidSansFallback*")

WIDTH = 960
ROW = 36
BAR = 24
MARGIN = 24
TITLE = 56
BACKGROUND = (255, 255, 255)
INK = (33, 37, 41)
BAR_COLOUR = (52, 110, 180)


@dataclass(frozen=True)
class Bar:
    label: str  # as people read it (Chinese)
    plain: str  # the label when no CJK font is found
    value: int


@cache
def cjk_font() -> Path | None:
    """A font that draws Chinese, where the machine has one."""
    for name in FONT_FILES:
        if Path(name).is_file():
            return Path(name)
    for folder in map(Path, FONT_DIRS):
        if folder.is_dir():
            for pattern in FONT_PATTERNS:
                found = sorted(folder.rglob(pattern))
                if found:
                    return found[0]
    logger.warning("no CJK font found: chart labels fall back to plain keys (fonts-noto-cjk)")
    return None


def _font(size: int, path: Path | None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def render(
    bars: Sequence[Bar], title: str, plain_title: str, path: Path, *, empty: str, plain_empty: str
) -> Path:
    """Draw `bars` (largest first, as given) under `title`; `empty` when there is none."""
    font_path = cjk_font()
    chinese = font_path is not None
    font, title_font = _font(18, font_path), _font(22, font_path)
    labels = [b.label if chinese else b.plain for b in bars]
    height = TITLE + MARGIN + ROW * max(1, len(bars))
    image = Image.new("RGB", (WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN // 2), title if chinese else plain_title, fill=INK, font=title_font)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not bars:
        draw.text((MARGIN, TITLE), empty if chinese else plain_empty, fill=INK, font=font)
        image.save(path, "PNG")
        return path
    label_width = min(360, max(int(draw.textlength(label, font=font)) for label in labels) + 16)
    left = MARGIN + label_width
    room = WIDTH - left - MARGIN - 60  # the value stands after the bar
    top_value = max(1, max(b.value for b in bars))
    for index, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = TITLE + index * ROW
        draw.text((MARGIN, y + 2), label, fill=INK, font=font)
        length = round(room * bar.value / top_value)
        if length > 0:
            draw.rectangle((left, y, left + length, y + BAR), fill=BAR_COLOUR)
        draw.text((left + length + 8, y + 2), str(bar.value), fill=INK, font=font)
    image.save(path, "PNG")
    return path
