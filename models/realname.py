"""The real-name duty (Art. 4, 7): the roster, card deadlines and each group's real-name settings.

The roster keeps unit, name, account, status and a note: never an ID or phone number.
"""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.registry import Group


class RosterStatus(StrEnum):
    ACTIVE = "在崗"
    DEPARTED = "調離"


class RosterPerson(Model):
    """One person of the street's roster, keyed by account (one account is one person)."""

    id = fields.IntField(primary_key=True)
    unit = fields.CharField(max_length=64)  # the unit's name as the organisation file spells it
    name = fields.CharField(max_length=64)
    account = fields.BigIntField(unique=True)
    status = fields.CharEnumField(RosterStatus, max_length=4)
    note = fields.CharField(max_length=200, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "roster_person"


class RosterImport(Model):
    """An import that changed the roster: when, from which file, and how much it changed."""

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    source = fields.CharField(max_length=200)
    # Set when the file was one unit's whole roster (its people left out were marked 調離).
    unit = fields.CharField(max_length=64, default="")
    added = fields.IntField(default=0)
    changed = fields.IntField(default=0)
    departed = fields.IntField(default=0)

    class Meta:
        table = "roster_import"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    CLEARED = "cleared"  # the card became compliant
    LAPSED = "lapsed"  # past the deadline, the admins told, the member kept
    REMOVED = "removed"  # past the deadline and removed through the measures service
    LEFT = "left"  # the member left the group first
    CANCELLED = "cancelled"  # the group switched the duty off


class CardDeadline(Model):
    """The time by which a member must set a compliant card, kept across restarts."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16, default="qq")
    bot_id = fields.CharField(max_length=32)  # the bot account that saw the member join
    group_id = fields.BigIntField()
    user_id = fields.BigIntField()
    joined_at = fields.DatetimeField()
    deadline = fields.DatetimeField(db_index=True)
    status = fields.CharEnumField(
        DeadlineStatus, max_length=12, default=DeadlineStatus.OPEN, db_index=True
    )
    closed_at = fields.DatetimeField(null=True)
    record_id = fields.IntField(null=True)  # the measure record of a removal

    class Meta:
        table = "card_deadline"
        indexes = (("platform", "group_id", "user_id"),)


class RealnameSetting(Model):
    """A group's own real-name choices (no row: the deployment's defaults)."""

    id = fields.IntField(primary_key=True)
    group: fields.OneToOneRelation[Group] = fields.OneToOneField(
        "models.Group", related_name="realname_setting", on_delete=fields.CASCADE
    )
    card_pattern = fields.CharField(max_length=100, default="")  # empty: QUNGUI_CARD_PATTERN
    member_cap = fields.IntField(null=True)  # null: the default by type and grade
    auto_approve = fields.BooleanField(default=False)
    remove_after_deadline = fields.BooleanField(default=False)
    changed_by = fields.BigIntField()
    changed_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "realname_setting"


class QuestionStatus(StrEnum):
    OPEN = "open"  # asked privately, no answer yet
    ANSWERED = "answered"  # answered and the request decided
    UNREACHABLE = "unreachable"  # the private question could not be sent
    EXPIRED = "expired"  # no answer in time: left to the admins


class JoinQuestion(Model):
    """A join request whose platform carries no answer (Telegram): the bot asked the applicant
    privately who they are, and answers the request when they reply."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16)
    bot_id = fields.CharField(max_length=32)
    group_id = fields.BigIntField()
    user_id = fields.BigIntField()
    flag = fields.CharField(max_length=64)  # what answers the request on the platform
    asked_at = fields.DatetimeField()
    status = fields.CharEnumField(QuestionStatus, max_length=12, default=QuestionStatus.OPEN)
    closed_at = fields.DatetimeField(null=True)
    record_id = fields.IntField(null=True)  # the approval or refusal measure
    # The roster person a matching answer named when the request was left to the admins
    # (auto-approval off): bound to the account once the admins let the applicant in.
    person_account = fields.BigIntField(null=True)

    class Meta:
        table = "join_question"
        indexes = (("platform", "user_id", "status"),)


class AccountBinding(Model):
    """A platform account bound to a roster person by the person's own private answer (on a
    platform without group cards, this is how a member proves who they are)."""

    id = fields.IntField(primary_key=True)
    platform = fields.CharField(max_length=16)
    user_id = fields.BigIntField()
    person: fields.ForeignKeyRelation[RosterPerson] = fields.ForeignKeyField(
        "models.RosterPerson", related_name="bindings", on_delete=fields.CASCADE
    )
    group_id = fields.BigIntField()  # the group it was bound on joining
    bound_at = fields.DatetimeField()

    class Meta:
        table = "account_binding"
        unique_together = (("platform", "user_id"),)
