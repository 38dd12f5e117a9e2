"""The confidential duty (Art. 11): "上網不涉密、涉密不上網".

A message carrying a confidential marker (the state-secret mark or an internal-use notice) in its
text, a forwarded bundle at any depth, a card, a quoted reply or a file's name is recalled; for a
file uploaded to the group, the file is deleted. Admins' messages are recalled like anyone's. The
group and the sender hear that a marked item was withdrawn, without a word of it; the registered
admins and the unit leader get a redacted reference privately; the record keeps a masked excerpt
and a hash. `decide` holds the pure decisions (which findings count and why internal notices are
recalled too), `act` the carrying out, `texts` every sentence.

A message whose forwarded bundle the scan could not read to its end (too deep, too long, out of
time, not handed over) is on record and reported to the registered admins, and recalled where
the group's option says so (`unread`, `options`; `/保密選項`, kept by `store`).
"""

from nonebot.plugin import PluginMetadata

from core import runtime
from core.cite import cite
from plugins.confidential import commands, matchers  # noqa: F401

__plugin_meta__ = PluginMetadata(
    name="confidential",
    description="保密：撤回帶涉密或內部標識的訊息與檔案（文字、轉發、卡片、引用、檔名），不轉述內容，"
    f"向管理員與群規所定的人員報告（{cite('confidential')}）",
    usage="/保密選項 [未讀完 撤回|報告|預設]；以 /開啟 保密、/關閉 保密 切換",
    extra={
        "duties": ("confidential",),
        "articles": runtime.rulebook().articles_of("confidential"),
    },
)
