from tortoise import migrations
from tortoise.migrations import operations as ops
from models.realname import QuestionStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0010_broadcast')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AccountBinding',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(max_length=16)),
                ('user_id', fields.BigIntField()),
                ('person', fields.ForeignKeyField('models.RosterPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='bindings', on_delete=OnDelete.CASCADE)),
                ('group_id', fields.BigIntField()),
                ('bound_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_binding', 'app': 'models', 'unique_together': (('platform', 'user_id'),), 'pk_attr': 'id', 'table_description': "A platform account bound to a roster person by the person's own private answer (on a"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JoinQuestion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(max_length=16)),
                ('bot_id', fields.CharField(max_length=32)),
                ('group_id', fields.BigIntField()),
                ('user_id', fields.BigIntField()),
                ('flag', fields.CharField(max_length=64)),
                ('asked_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=QuestionStatus.OPEN, description='OPEN: open\nANSWERED: answered\nUNREACHABLE: unreachable\nEXPIRED: expired', enum_type=QuestionStatus, max_length=12)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('record_id', fields.IntField(null=True)),
            ],
            options={'table': 'join_question', 'app': 'models', 'indexes': [Index(fields=['platform', 'user_id', 'status'])], 'pk_attr': 'id', 'table_description': 'A join request whose platform carries no answer (Telegram): the bot asked the applicant'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='KnownMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(max_length=16)),
                ('group_id', fields.BigIntField()),
                ('user_id', fields.BigIntField()),
                ('name', fields.CharField(default='', max_length=128)),
                ('first_seen', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('left_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'known_member', 'app': 'models', 'unique_together': (('platform', 'group_id', 'user_id'),), 'pk_attr': 'id', 'table_description': 'A member the bot has seen in a group whose platform gives no member list.'},
            bases=['Model'],
        ),
    ]
