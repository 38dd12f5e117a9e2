"""Measure records (every recall, warning, mute, removal, blacklist entry…), the blacklist, the
requests to blacklist and the sweeps that carry a blacklisting to every managed group."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class RecordStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"  # found pending after a crash: the platform's answer is unknown
    REFERRED = (
        "referred"  # left to a person: the bot's role does not allow it, someone who can was asked
    )


class MeasureRecord(Model):
    """One measure: who did what to whom, where, under which article, and what the platform said.

    `digest` chains the record's facts to the previous record's digest, and `outcome_digest` seals
    the outcome (a pending record carries the seal of "pending"). `scheme` says how: 1 is plain
    SHA-256 (records written before the audit key existed), 2 is HMAC-SHA256 with the audit key.
    `manage.py audit verify` recomputes both, and checks them against the anchor log.
    """

    id = fields.IntField(primary_key=True)
    created_at = fields.DatetimeField()
    platform = fields.CharField(max_length=16, default="qq")
    group_id = fields.BigIntField(null=True)
    unit = fields.CharField(max_length=64, default="")
    actor = fields.BigIntField(null=True)  # null: the bot acting on its own
    target = fields.BigIntField(null=True)
    action = fields.CharField(max_length=24)
    article = fields.IntField()
    category = fields.CharField(max_length=32, default="")
    reason = fields.CharField(max_length=200, default="")
    # A masked excerpt or a hash: never the full text of what was removed.
    evidence = fields.CharField(max_length=200, default="")
    detail: dict[str, Any] = fields.JSONField(default=dict)
    prev_digest = fields.CharField(max_length=64)
    digest = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(RecordStatus, max_length=12, default=RecordStatus.PENDING)
    platform_answer = fields.CharField(max_length=200, default="")
    finished_at = fields.DatetimeField(null=True)
    outcome_digest = fields.CharField(max_length=64, default="")
    # The records before migration 0004 are plain (1, from the column default), the store writes 2.
    scheme = fields.SmallIntField(default=1, db_default=1)
    # Who opened the record (the process, QUNGUI_NODE) and through which account it acted: not
    # facts of the measure, so outside the chain; they say who recovers or retries it.
    node = fields.CharField(max_length=32, default="", db_default="")
    bot_id = fields.CharField(max_length=32, default="", db_default="")
    # The digest of the rulebook in force when the record was made (its edition, with the title
    # and text, in rulebook_edition): `article` is numbered as that rulebook numbers it. Inside
    # the chain; empty for the records from before rulebooks (migration 0014).
    rulebook = fields.CharField(max_length=64, default="", db_default="")

    class Meta:
        table = "measure_record"


class AuditAnchor(Model):
    """The anchor log's copy in the database: one row per line of the anchor file.

    `line` is the file's line exactly (time, kind, record count, head id, head digest, HMAC). The
    file and this table are written one after the other, so cutting either one shows.
    """

    seq = fields.IntField(primary_key=True)
    at = fields.DatetimeField()
    kind = fields.CharField(max_length=8)
    line = fields.CharField(max_length=300)

    class Meta:
        table = "audit_anchor"


class BlacklistEntry(Model):
    """The street-wide blacklist (Art. 8, 10): one active entry per account at most."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    user_id = fields.BigIntField()
    reason = fields.CharField(max_length=200, default="")
    added_by = fields.BigIntField(null=True)
    added_at = fields.DatetimeField(auto_now_add=True)
    source_group = fields.BigIntField(null=True)
    lifted_by = fields.BigIntField(null=True)
    lifted_at = fields.DatetimeField(null=True)
    lift_reason = fields.CharField(max_length=200, default="")

    class Meta:
        table = "blacklist_entry"


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class BlacklistRequest(Model):
    """A registered admin's request to put an account on the street-wide blacklist.

    The department, or the leader of the unit of the group it came from, decides it with
    /確認拉黑 or /駁回拉黑. The admin's own removal from that group is a record of its own.
    """

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    user_id = fields.BigIntField()
    group_id = fields.BigIntField()  # where it was asked for
    unit = fields.CharField(max_length=64, default="")
    reason = fields.CharField(max_length=200, default="")
    requested_by = fields.BigIntField()
    requested_at = fields.DatetimeField()
    status = fields.CharEnumField(RequestStatus, max_length=12, default=RequestStatus.PENDING)
    decided_by = fields.BigIntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    decision_reason = fields.CharField(max_length=200, default="")

    class Meta:
        table = "blacklist_request"


class SweepStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"  # the entry was lifted before the sweep was through


class Sweep(Model):
    """Removing a blacklisted account from every managed group, one group at a time.

    `remaining` lists the groups still to look at, in order. The measure's facts (article, actor,
    reason, category, evidence, detail) are kept so that a sweep cut short by a crash goes on as
    it began. Each removal is a measure record of its own, its detail naming the sweep.
    """

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    target = fields.BigIntField()
    article = fields.IntField()
    actor = fields.BigIntField(null=True)
    reason = fields.CharField(max_length=200, default="")
    category = fields.CharField(max_length=32, default="")
    evidence = fields.CharField(max_length=200, default="")
    detail: dict[str, Any] = fields.JSONField(default=dict)
    remaining: list[int] = fields.JSONField(default=list)
    status = fields.CharEnumField(SweepStatus, max_length=12, default=SweepStatus.RUNNING)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sweep"
