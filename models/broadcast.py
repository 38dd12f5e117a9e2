"""Notices to many groups (/群發): the broadcast as previewed and confirmed, and what came of it in each group."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class BroadcastStatus(StrEnum):
    PREVIEW = "preview"  # shown to the department, waiting for /確認群發 until it expires
    SENDING = "sending"  # confirmed: some groups still wait
    DONE = "done"  # every group has its outcome


class TargetStatus(StrEnum):
    WAITING = "waiting"  # not sent yet: not reached, or no account of this process is in it
    SENDING = "sending"  # its record is open and the platform asked: the answer is not in yet
    SENT = "sent"
    REFUSED = "refused"  # the platform said no, and `answer` says why
    UNCONFIRMED = "unconfirmed"  # cut short while asking: it may have gone, so never again
    SKIPPED = "skipped"  # no longer a managed group when its turn came


# A target in one of these has its outcome: it is never sent again.
SETTLED = (TargetStatus.SENT, TargetStatus.REFUSED, TargetStatus.UNCONFIRMED, TargetStatus.SKIPPED)


class Broadcast(Model):
    """A notice the department wrote for the groups its selection matched.

    `id` is the number people type to confirm it. `selection` keeps the selectors as typed
    (units, types, grades), `text` the notice as it goes out after the department header. The
    confirmation is a measure record of its own (`record_id`), and so is the send to each group.
    """

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    text = fields.TextField()
    selection: dict[str, Any] = fields.JSONField(default=dict)
    asked_by = fields.BigIntField()
    asked_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    status = fields.CharEnumField(BroadcastStatus, max_length=12, default=BroadcastStatus.PREVIEW)
    confirmed_by = fields.BigIntField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    record_id = fields.IntField(null=True)

    targets: fields.ReverseRelation["BroadcastTarget"]

    class Meta:
        table = "broadcast"


class BroadcastTarget(Model):
    """One group a broadcast goes to, and what came of it (its send is the record `record_id`)."""

    id = fields.IntField(primary_key=True)
    broadcast: fields.ForeignKeyRelation[Broadcast] = fields.ForeignKeyField(
        "models.Broadcast", related_name="targets", on_delete=fields.CASCADE
    )
    group_id = fields.BigIntField()
    unit = fields.CharField(max_length=64, default="")
    name = fields.CharField(max_length=128, default="")
    status = fields.CharEnumField(TargetStatus, max_length=12, default=TargetStatus.WAITING)
    answer = fields.CharField(max_length=200, default="")
    record_id = fields.IntField(null=True)
    bot_id = fields.CharField(max_length=32, default="")
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast_target"
        unique_together = (("broadcast", "group_id"),)
