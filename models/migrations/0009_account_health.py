from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_weekly_steps')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AccountOnline',
            name='last_event_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='AccountOnline',
            name='manages_waiting',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='AccountOnline',
            name='paused_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='AccountOnline',
            name='reported_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='AccountOnline',
            name='sends_waiting',
            field=fields.IntField(default=0),
        ),
    ]
