from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.measures import RequestStatus, SweepStatus
from models.registry import GroupStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_audit_anchor')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BlacklistRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('user_id', fields.BigIntField()),
                ('group_id', fields.BigIntField()),
                ('unit', fields.CharField(default='', max_length=64)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('requested_by', fields.BigIntField()),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: pending\nAPPROVED: approved\nREJECTED: rejected', enum_type=RequestStatus, max_length=12)),
                ('decided_by', fields.BigIntField(null=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decision_reason', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'blacklist_request', 'app': 'models', 'pk_attr': 'id', 'table_description': "A registered admin's request to put an account on the street-wide blacklist."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Sweep',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('target', fields.BigIntField()),
                ('article', fields.IntField()),
                ('actor', fields.BigIntField(null=True)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('category', fields.CharField(default='', max_length=32)),
                ('evidence', fields.CharField(default='', max_length=200)),
                ('detail', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('remaining', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=SweepStatus.RUNNING, description='RUNNING: running\nDONE: done\nCANCELLED: cancelled', enum_type=SweepStatus, max_length=12)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sweep', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Removing a blacklisted account from every managed group, one group at a time.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Group',
            name='status',
            field=fields.CharEnumField(description='FILED: 已備案\nPENDING: 待批准\nAPPROVED: 已批准\nREJECTED: 已駁回\nREVOKED: 已撤銷', enum_type=GroupStatus, max_length=4),
        ),
    ]
