from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_measure_referred')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AccountLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(max_length=16)),
                ('bot_id', fields.CharField(max_length=32)),
                ('group_id', fields.BigIntField()),
                ('role', fields.CharField(default='member', max_length=8)),
                ('seen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_link', 'app': 'models', 'unique_together': (('platform', 'bot_id', 'group_id'),), 'pk_attr': 'id', 'table_description': 'A bot account in a group, as the platform last said: its group list at connect, and the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AccountOnline',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('platform', fields.CharField(max_length=16)),
                ('bot_id', fields.CharField(max_length=32)),
                ('node', fields.CharField(max_length=32)),
                ('since', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_online', 'app': 'models', 'pk_attr': 'key', 'table_description': 'An account connected to a node now: the row goes at disconnect, and the rows of a dead'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EventClaim',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('bot_id', fields.CharField(max_length=32)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'event_claim', 'app': 'models', 'pk_attr': 'key', 'table_description': 'A group event that two accounts of the bot both received: the first to claim it acts.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JobLease',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=128)),
                ('owner', fields.CharField(max_length=80)),
                ('taken_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'job_lease', 'app': 'models', 'pk_attr': 'key', 'table_description': 'One piece of due work, claimed by one process until `expires_at`, then done or free again.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Node',
            fields=[
                ('name', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32)),
                ('incarnation', fields.CharField(max_length=32)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('heartbeat_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'node', 'app': 'models', 'pk_attr': 'name', 'table_description': 'A bot process (QUNGUI_NODE), alive while its heartbeat is fresh.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='MeasureRecord',
            name='bot_id',
            field=fields.CharField(default='', db_default='', max_length=32),
        ),
        ops.AddField(
            model_name='MeasureRecord',
            name='node',
            field=fields.CharField(default='', db_default='', max_length=32),
        ),
    ]
