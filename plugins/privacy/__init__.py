"""The privacy duty (Art. 4): members' personal data is not posted in work groups.

A message carrying a checksum-valid resident ID number, or, where the group switched the option
on (`/隱私選項 手機 開`), a mainland mobile number, is recalled, admins' messages included; the
group is reminded of Art. 4 with the number masked, and the record keeps only the masked form.
`decide` holds the pure decisions, `act` the carrying out, `store` the group's options, `texts`
every sentence.
"""

from nonebot.plugin import PluginMetadata

from core import runtime
from core.cite import cite
from plugins.privacy import matchers  # noqa: F401

__plugin_meta__ = PluginMetadata(
    name="privacy",
    description="隱私：撤回含身份證號（及按群選項的手機號）的訊息，遮蔽後提醒並記錄，保護群成員個人信息"
    f"（{cite('privacy')}）",
    usage="/隱私選項 [手機 開|關]；以 /開啟 隱私、/關閉 隱私 切換",
    extra={"duties": ("privacy",), "articles": runtime.rulebook().articles_of("privacy")},
)
