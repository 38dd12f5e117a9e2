from tortoise import migrations
from tortoise.migrations import operations as ops
from models.realname import DeadlineStatus, RosterStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CardDeadline',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(default='qq', max_length=16)),
                ('bot_id', fields.CharField(max_length=32)),
                ('group_id', fields.BigIntField()),
                ('user_id', fields.BigIntField()),
                ('joined_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('deadline', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=DeadlineStatus.OPEN, db_index=True, description='OPEN: open\nCLEARED: cleared\nLAPSED: lapsed\nREMOVED: removed\nLEFT: left\nCANCELLED: cancelled', enum_type=DeadlineStatus, max_length=12)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('record_id', fields.IntField(null=True)),
            ],
            options={'table': 'card_deadline', 'app': 'models', 'indexes': [Index(fields=['platform', 'group_id', 'user_id'])], 'pk_attr': 'id', 'table_description': 'The time by which a member must set a compliant card, kept across restarts.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RealnameSetting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.OneToOneField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='realname_setting', on_delete=OnDelete.CASCADE)),
                ('card_pattern', fields.CharField(default='', max_length=100)),
                ('member_cap', fields.IntField(null=True)),
                ('auto_approve', fields.BooleanField(default=False)),
                ('remove_after_deadline', fields.BooleanField(default=False)),
                ('changed_by', fields.BigIntField()),
                ('changed_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'realname_setting', 'app': 'models', 'pk_attr': 'id', 'table_description': "A group's own real-name choices (no row: the deployment's defaults)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RosterImport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('source', fields.CharField(max_length=200)),
                ('unit', fields.CharField(default='', max_length=64)),
                ('added', fields.IntField(default=0)),
                ('changed', fields.IntField(default=0)),
                ('departed', fields.IntField(default=0)),
            ],
            options={'table': 'roster_import', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An import that changed the roster: when, from which file, and how much it changed.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RosterPerson',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.CharField(max_length=64)),
                ('name', fields.CharField(max_length=64)),
                ('account', fields.BigIntField(unique=True)),
                ('status', fields.CharEnumField(description='ACTIVE: 在崗\nDEPARTED: 調離', enum_type=RosterStatus, max_length=4)),
                ('note', fields.CharField(default='', max_length=200)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'roster_person', 'app': 'models', 'pk_attr': 'id', 'table_description': "One person of the street's roster, keyed by account (one account is one person)."},
            bases=['Model'],
        ),
    ]
