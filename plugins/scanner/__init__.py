"""The shared scan (Art. 4, 7, 9, 11): every message's text, read once, matched once.

`service.scan_message` is what the duty plugins (confidential, privacy, content) call.
"""

from nonebot import get_driver
from nonebot.plugin import PluginMetadata

from core import runtime
from plugins.scanner.normalize import normalize

DUTIES = ("privacy", "content", "confidential")

__plugin_meta__ = PluginMetadata(
    name="scanner",
    description="訊息掃描：文字、轉發、卡片、引用與檔名，一次提取、一次比對，供各職責共用",
    usage="無指令；由保密、隱私、內容職責調用",
    extra={"duties": DUTIES, "articles": runtime.rulebook().articles_of(*DUTIES)},
)


@get_driver().on_startup
async def _warm_tables() -> None:
    normalize("")  # builds the per-character tables before the first message arrives
