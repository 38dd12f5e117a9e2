"""Platform ids that are not numbers (WeCom, Feishu: "wmAbC…", "ou_…"), as the numbers every
table stores.

Every table keys people and groups by (platform, 64-bit number). QQ's and Telegram's ids are
numbers already and are stored as they are. A platform whose ids are strings interns each one
here once and stores the number it gets; its adapter turns the number back into the string at
the edge (core/ids.py). So such a platform needs no migration of any other table.
"""

from tortoise import fields
from tortoise.models import Model


class PlatformId(Model):
    """A platform string id and the number the bot stores for it."""

    id = fields.BigIntField(primary_key=True)  # the number stored in every other table
    platform = fields.CharField(max_length=16)
    external = fields.CharField(max_length=128)  # the id as the platform writes it

    class Meta:
        table = "platform_id"
        unique_together = (("platform", "external"),)
