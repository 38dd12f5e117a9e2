"""Reports for inspection (Art. 15, 16): scorecards, the street workbook, the weekly digest and
the trial-period reminder. Reads what the other duties record; writes only marks of what it sent.
"""

from nonebot import get_driver, require
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.reports import commands, jobs  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="reports",
    description="督查考核：各群合規報告、全街報表與每週摘要、試行期屆滿提醒"
    f"（{cite('reports', 'trial')}）",
    usage="/合規報告（群組管理員，報告私聊發送）；/全街報告（黨群工作部，私聊）；每週一自動發送全街週報",
    extra={
        "duties": ("reports", "trial"),
        "articles": runtime.rulebook().articles_of("reports", "trial"),
    },
)


@get_driver().on_startup
async def _schedule() -> None:
    every(jobs.CHECK_MINUTES * 60, jobs.tick, jobs.JOB_ID)
