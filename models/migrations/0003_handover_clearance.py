from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.handover import HandoverStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_realname')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ClearanceBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='clearance_batches', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('week', fields.CharField(default='', max_length=10)),
                ('opened_by', fields.BigIntField(null=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_by', fields.BigIntField(null=True)),
            ],
            options={'table': 'clearance_batch', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A numbered list of members to remove, confirmed by an admin with /清理確認 <number>.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ClearanceItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('batch', fields.ForeignKeyField('models.ClearanceBatch', source_field='batch_id', db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.CASCADE)),
                ('user_id', fields.BigIntField()),
                ('reasons', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('record_id', fields.IntField(null=True)),
            ],
            options={'table': 'clearance_item', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ClearanceSetting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.OneToOneField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='clearance_setting', on_delete=OnDelete.CASCADE)),
                ('weekday', fields.IntField(null=True)),
                ('hour', fields.IntField(null=True)),
                ('minute', fields.IntField(null=True)),
                ('silent_days', fields.IntField(null=True)),
                ('dormant_days', fields.IntField(null=True)),
                ('changed_by', fields.BigIntField()),
            ],
            options={'table': 'clearance_setting', 'app': 'models', 'pk_attr': 'id', 'table_description': "A group's own schedule and thresholds (no row: the defaults)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Exemption',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='exemptions', on_delete=OnDelete.CASCADE)),
                ('user_id', fields.BigIntField()),
                ('reason', fields.CharField(max_length=200)),
                ('added_by', fields.BigIntField()),
                ('added_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('lifted_by', fields.BigIntField(null=True)),
                ('lifted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'exemption', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A member kept out of clearance by /保留, with the reason on record, until /取消保留.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Handover',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='handovers', on_delete=OnDelete.CASCADE)),
                ('from_admin', fields.BigIntField(null=True)),
                ('to_admin', fields.BigIntField()),
                ('opened_by', fields.BigIntField()),
                ('reason', fields.CharField(default='', max_length=200)),
                ('forced', fields.BooleanField(default=False)),
                ('opened_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=HandoverStatus.PENDING, description='PENDING: pending\nDONE: done\nEXPIRED: expired\nCANCELLED: cancelled', enum_type=HandoverStatus, max_length=12)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'handover', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MemberSeen',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('group_id', fields.BigIntField()),
                ('user_id', fields.BigIntField()),
                ('last_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'member_seen', 'app': 'models', 'unique_together': (('platform', 'group_id', 'user_id'),), 'pk_attr': 'id', 'table_description': 'When the bot last saw a member speak in a group (written in batches, like activity).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WeeklyRun',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='weekly_runs', on_delete=OnDelete.CASCADE)),
                ('week', fields.CharField(max_length=10)),
                ('kind', fields.CharField(default='members', max_length=16)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'weekly_run', 'app': 'models', 'unique_together': (('group', 'week', 'kind'),), 'pk_attr': 'id', 'table_description': "A group's weekly check of one ISO week, posted at most once whatever restarts happen."},
            bases=['Model'],
        ),
    ]
