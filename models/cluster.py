"""What several bot processes on one database share: the processes themselves, which account
sits in which group, who is connected where, the leases on due work, and the events claimed.

One process on SQLite writes the same rows; it is simply the only node.
"""

from tortoise import fields
from tortoise.models import Model


class Node(Model):
    """A bot process (QUNGUI_NODE), alive while its heartbeat is fresh.

    `incarnation` changes at every start, so a restarted node knows which pending work is its
    own past life's, and a second process started under the same name is noticed.
    """

    name = fields.CharField(max_length=32, primary_key=True)
    incarnation = fields.CharField(max_length=32)
    started_at = fields.DatetimeField()
    heartbeat_at = fields.DatetimeField()

    class Meta:
        table = "node"


class AccountLink(Model):
    """A bot account in a group, as the platform last said: its group list at connect, and the
    events received since, with the role of the account there."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16)
    bot_id = fields.CharField(max_length=32)
    group_id = fields.BigIntField()
    role = fields.CharField(max_length=8, default="member")
    seen_at = fields.DatetimeField()

    class Meta:
        table = "account_link"
        unique_together = (("platform", "bot_id", "group_id"),)


class AccountOnline(Model):
    """An account connected to a node now: the row goes at disconnect, and the rows of a dead
    node go stale with its heartbeat."""

    key = fields.CharField(max_length=64, primary_key=True)  # "platform:bot_id"
    platform = fields.CharField(max_length=16)
    bot_id = fields.CharField(max_length=32)
    node = fields.CharField(max_length=32)
    since = fields.DatetimeField()
    # Its state as its process last wrote it (every quarter lease), for the health page.
    reported_at = fields.DatetimeField(null=True)
    last_event_at = fields.DatetimeField(null=True)
    sends_waiting = fields.IntField(default=0)
    manages_waiting = fields.IntField(default=0)
    paused_until = fields.DatetimeField(null=True)  # sending paused after a risk refusal

    class Meta:
        table = "account_online"


class JobLease(Model):
    """One piece of due work, claimed by one process until `expires_at`, then done or free again.

    A process that dies leaves its lease to run out, and another takes the work then.
    """

    key = fields.CharField(max_length=128, primary_key=True)
    owner = fields.CharField(max_length=80)  # node and incarnation
    taken_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    done_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job_lease"


class EventClaim(Model):
    """A group event that two accounts of the bot both received: the first to claim it acts."""

    key = fields.CharField(max_length=64, primary_key=True)  # digest of the event's stable facts
    bot_id = fields.CharField(max_length=32)
    at = fields.DatetimeField()

    class Meta:
        table = "event_claim"
