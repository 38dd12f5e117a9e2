"""The weekly member check (Art. 4, 14): batches to confirm, exemptions, and the weeks posted."""

from tortoise import fields
from tortoise.models import Model

from models.registry import Group


class ClearanceBatch(Model):
    """A numbered list of members to remove, confirmed by an admin with /清理確認 <number>."""

    id = fields.IntField(primary_key=True)  # the batch number people type
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="clearance_batches", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    week = fields.CharField(max_length=10, default="")  # ISO week of a weekly run, e.g. 2026-W48
    opened_by = fields.BigIntField(null=True)  # null: the weekly run
    confirmed_at = fields.DatetimeField(null=True)
    confirmed_by = fields.BigIntField(null=True)

    items: fields.ReverseRelation["ClearanceItem"]

    class Meta:
        table = "clearance_batch"


class ClearanceItem(Model):
    id = fields.IntField(primary_key=True)
    batch: fields.ForeignKeyRelation[ClearanceBatch] = fields.ForeignKeyField(
        "models.ClearanceBatch", related_name="items", on_delete=fields.CASCADE
    )
    user_id = fields.BigIntField()
    reasons: list[str] = fields.JSONField(default=list)
    record_id = fields.IntField(null=True)  # the removal's measure record, once confirmed

    class Meta:
        table = "clearance_item"


class Exemption(Model):
    """A member kept out of clearance by /保留, with the reason on record, until /取消保留."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="exemptions", on_delete=fields.CASCADE
    )
    user_id = fields.BigIntField()
    reason = fields.CharField(max_length=200)
    added_by = fields.BigIntField()
    added_at = fields.DatetimeField(auto_now_add=True)
    lifted_by = fields.BigIntField(null=True)
    lifted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "exemption"


class WeeklyRun(Model):
    """A group's weekly check of one ISO week, posted at most once whatever restarts happen."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="weekly_runs", on_delete=fields.CASCADE
    )
    week = fields.CharField(max_length=10)
    kind = fields.CharField(max_length=16, default="members")  # members | dormant
    started_at = fields.DatetimeField()
    # The steps done, so a process taking over a run cut short by a crash does not do them again.
    posted_at = fields.DatetimeField(null=True)  # the counts posted in the group
    listed_at = fields.DatetimeField(null=True)  # the list sent to the admins, leaders told
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "weekly_run"
        unique_together = (("group", "week", "kind"),)


class ClearanceSetting(Model):
    """A group's own schedule and thresholds (no row: the defaults)."""

    id = fields.IntField(primary_key=True)
    group: fields.OneToOneRelation[Group] = fields.OneToOneField(
        "models.Group", related_name="clearance_setting", on_delete=fields.CASCADE
    )
    weekday = fields.IntField(null=True)  # 0 Monday … 6 Sunday
    hour = fields.IntField(null=True)
    minute = fields.IntField(null=True)
    silent_days = fields.IntField(null=True)
    dormant_days = fields.IntField(null=True)
    changed_by = fields.BigIntField()

    class Meta:
        table = "clearance_setting"


class MemberSeen(Model):
    """When the bot last saw a member speak in a group (written in batches, like activity)."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    group_id = fields.BigIntField()
    user_id = fields.BigIntField()
    last_at = fields.DatetimeField()

    class Meta:
        table = "member_seen"
        unique_together = (("platform", "group_id", "user_id"),)
