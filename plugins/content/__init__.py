"""The content duty (Art. 7-10): illegal and harmful information, recalled, dealt with, reported.

`categories` are the rulebook's, each with its lexicon files and its ladder; `lexicons` reads the
plugin's and the deployment's lexicons, `reload` keeps them in force, `policy` decides (pure),
`duty` carries the decision out through the measures service, `burst` watches for a
public-opinion risk, `overrides` is a group's own policy and `store` keeps it and the reports,
`texts` every sentence.
"""

from nonebot import get_driver, require
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")
require("plugins.scanner")

from nonebot_plugin_apscheduler import scheduler  # noqa: E402

from core import runtime  # noqa: E402
from plugins.content import commands, matchers, reload  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="content",
    description="內容處置：違法信息撤回、禁言或拉黑並報告，不良信息依階梯警告、禁言、移出",
    usage="無需指令，自動執行；/內容設定 查看或調整本群的處置階梯；/重載詞庫（黨群工作部）",
    extra={"duties": ("content",), "articles": runtime.rulebook().articles_of("content")},
)


@get_driver().on_startup
async def _load_lexicons() -> None:
    reload.reload(force=True)
    scheduler.add_job(
        reload.check,
        "interval",
        seconds=reload.CHECK_SECONDS,
        id="content.lexicons",
        replace_existing=True,
        misfire_grace_time=reload.CHECK_SECONDS,
    )
