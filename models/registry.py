"""The group registry (Art. 3, 13): units, groups, their registered admins and duty switches."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class GroupType(StrEnum):
    INTERNAL = "內部"
    PUBLIC = "群眾"


class GroupStatus(StrEnum):
    FILED = "已備案"
    PENDING = "待批准"
    APPROVED = "已批准"
    REJECTED = "已駁回"
    REVOKED = "已撤銷"  # the filing undone by the department or the unit's leader


class Unit(Model):
    """A unit of the organisation file, mirrored at start-up so records can refer to it."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    kind = fields.CharField(max_length=8)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "unit"


class Group(Model):
    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    group_id = fields.BigIntField()
    name = fields.CharField(max_length=128, default="")
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="groups", on_delete=fields.RESTRICT
    )
    type = fields.CharEnumField(GroupType, max_length=4)
    purpose = fields.CharField(max_length=200, default="")
    status = fields.CharEnumField(GroupStatus, max_length=4)
    status_reason = fields.CharField(max_length=200, default="")
    filed_by = fields.BigIntField()
    filed_at = fields.DatetimeField(auto_now_add=True)
    decided_by = fields.BigIntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    member_count = fields.IntField(default=0)
    last_message_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    finished_reason = fields.CharField(max_length=200, default="")

    admins: fields.ReverseRelation["RegisteredAdmin"]
    switches: fields.ReverseRelation["DutySwitch"]

    class Meta:
        table = "group"
        unique_together = (("platform", "group_id"),)


class RegisteredAdmin(Model):
    """A 群組管理員 filed for a group, `until` set when they stop being one."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="admins", on_delete=fields.CASCADE
    )
    user_id = fields.BigIntField()
    since = fields.DatetimeField(auto_now_add=True)
    until = fields.DatetimeField(null=True)
    added_by = fields.BigIntField()
    reason = fields.CharField(max_length=200, default="")

    class Meta:
        table = "registered_admin"


class DutySwitch(Model):
    """A duty switched on or off for one group (no row: the duty is on)."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="switches", on_delete=fields.CASCADE
    )
    duty = fields.CharField(max_length=16)
    enabled = fields.BooleanField()
    changed_by = fields.BigIntField()
    changed_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "duty_switch"
        unique_together = (("group", "duty"),)


class ActivityDay(Model):
    """Messages seen in a group on one day (the street's time zone), for grade and dormancy."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="activity", on_delete=fields.CASCADE
    )
    day = fields.DateField()
    messages = fields.IntField(default=0)

    class Meta:
        table = "activity_day"
        unique_together = (("group", "day"),)
