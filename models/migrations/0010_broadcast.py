from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.broadcast import BroadcastStatus, TargetStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_account_health')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Broadcast',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('text', fields.TextField(unique=False)),
                ('selection', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('asked_by', fields.BigIntField()),
                ('asked_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=BroadcastStatus.PREVIEW, description='PREVIEW: preview\nSENDING: sending\nDONE: done', enum_type=BroadcastStatus, max_length=12)),
                ('confirmed_by', fields.BigIntField(null=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('record_id', fields.IntField(null=True)),
            ],
            options={'table': 'broadcast', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A notice the department wrote for the groups its selection matched.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BroadcastTarget',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('broadcast', fields.ForeignKeyField('models.Broadcast', source_field='broadcast_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.CASCADE)),
                ('group_id', fields.BigIntField()),
                ('unit', fields.CharField(default='', max_length=64)),
                ('name', fields.CharField(default='', max_length=128)),
                ('status', fields.CharEnumField(default=TargetStatus.WAITING, description='WAITING: waiting\nSENDING: sending\nSENT: sent\nREFUSED: refused\nUNCONFIRMED: unconfirmed\nSKIPPED: skipped', enum_type=TargetStatus, max_length=12)),
                ('answer', fields.CharField(default='', max_length=200)),
                ('record_id', fields.IntField(null=True)),
                ('bot_id', fields.CharField(default='', max_length=32)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'broadcast_target', 'app': 'models', 'unique_together': (('broadcast', 'group_id'),), 'pk_attr': 'id', 'table_description': 'One group a broadcast goes to, and what came of it (its send is the record `record_id`).'},
            bases=['Model'],
        ),
    ]
