"""Who is in a group, as the bot knows it, where the platform lists no members (Telegram).

A member is known from the moment the bot sees them join or write, and until it sees them
leave; what happened before the bot was in the group is not known.
"""

from tortoise import fields
from tortoise.models import Model


class KnownMember(Model):
    """A member the bot has seen in a group whose platform gives no member list."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16)
    group_id = fields.BigIntField()
    user_id = fields.BigIntField()
    name = fields.CharField(max_length=128, default="")  # the name they go by, as last seen
    first_seen = fields.DatetimeField()
    left_at = fields.DatetimeField(null=True)  # null: still in the group, as far as the bot saw

    class Meta:
        table = "known_member"
        unique_together = (("platform", "group_id", "user_id"),)
