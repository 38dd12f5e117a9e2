from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.measures import RecordStatus
from models.registry import GroupStatus, GroupType
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='BlacklistEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('user_id', fields.BigIntField()),
                ('reason', fields.CharField(default='', max_length=200)),
                ('added_by', fields.BigIntField(null=True)),
                ('added_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('source_group', fields.BigIntField(null=True)),
                ('lifted_by', fields.BigIntField(null=True)),
                ('lifted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('lift_reason', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'blacklist_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The street-wide blacklist (Art. 8, 10): one active entry per account at most.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MeasureRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('group_id', fields.BigIntField(null=True)),
                ('unit', fields.CharField(default='', max_length=64)),
                ('actor', fields.BigIntField(null=True)),
                ('target', fields.BigIntField(null=True)),
                ('action', fields.CharField(max_length=24)),
                ('article', fields.IntField()),
                ('category', fields.CharField(default='', max_length=32)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('evidence', fields.CharField(default='', max_length=200)),
                ('detail', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('prev_digest', fields.CharField(max_length=64)),
                ('digest', fields.CharField(unique=True, max_length=64)),
                ('status', fields.CharEnumField(default=RecordStatus.PENDING, description='PENDING: pending\nDONE: done\nFAILED: failed\nUNCONFIRMED: unconfirmed', enum_type=RecordStatus, max_length=12)),
                ('platform_answer', fields.CharField(default='', max_length=200)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome_digest', fields.CharField(default='', max_length=64)),
            ],
            options={'table': 'measure_record', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One measure: who did what to whom, where, under which article, and what the platform said.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Unit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=64)),
                ('kind', fields.CharField(max_length=8)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'unit', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A unit of the organisation file, mirrored at start-up so records can refer to it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Group',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('group_id', fields.BigIntField()),
                ('name', fields.CharField(default='', max_length=128)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.RESTRICT)),
                ('type', fields.CharEnumField(description='INTERNAL: 內部\nPUBLIC: 群眾', enum_type=GroupType, max_length=4)),
                ('purpose', fields.CharField(default='', max_length=200)),
                ('status', fields.CharEnumField(description='FILED: 已備案\nPENDING: 待批准\nAPPROVED: 已批准\nREJECTED: 已駁回', enum_type=GroupStatus, max_length=4)),
                ('status_reason', fields.CharField(default='', max_length=200)),
                ('filed_by', fields.BigIntField()),
                ('filed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('decided_by', fields.BigIntField(null=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('member_count', fields.IntField(default=0)),
                ('last_message_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_reason', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'group', 'app': 'models', 'unique_together': (('platform', 'group_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ActivityDay',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='activity', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('messages', fields.IntField(default=0)),
            ],
            options={'table': 'activity_day', 'app': 'models', 'unique_together': (('group', 'day'),), 'pk_attr': 'id', 'table_description': "Messages seen in a group on one day (the street's time zone), for grade and dormancy."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DutySwitch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='switches', on_delete=OnDelete.CASCADE)),
                ('duty', fields.CharField(max_length=16)),
                ('enabled', fields.BooleanField()),
                ('changed_by', fields.BigIntField()),
                ('changed_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'duty_switch', 'app': 'models', 'unique_together': (('group', 'duty'),), 'pk_attr': 'id', 'table_description': 'A duty switched on or off for one group (no row: the duty is on).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RegisteredAdmin',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='admins', on_delete=OnDelete.CASCADE)),
                ('user_id', fields.BigIntField()),
                ('since', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('added_by', fields.BigIntField()),
                ('reason', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'registered_admin', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A 群組管理員 filed for a group, `until` set when they stop being one.'},
            bases=['Model'],
        ),
    ]
