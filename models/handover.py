"""Admin handovers (Art. 5): opened by one command, completed by the new admin's confirmation.

The admin history itself is the registry's RegisteredAdmin rows (since, until, who, why).
"""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.registry import Group


class HandoverStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    EXPIRED = "expired"
    CANCELLED = "cancelled"  # replaced by a newer handover of the same group


class Handover(Model):
    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="handovers", on_delete=fields.CASCADE
    )
    from_admin = fields.BigIntField(null=True)  # null: the group had no registered admin
    to_admin = fields.BigIntField()
    opened_by = fields.BigIntField()
    reason = fields.CharField(max_length=200, default="")
    forced = fields.BooleanField(default=False)
    opened_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)
    status = fields.CharEnumField(HandoverStatus, max_length=12, default=HandoverStatus.PENDING)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "handover"
