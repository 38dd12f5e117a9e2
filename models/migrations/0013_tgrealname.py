from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0012_platform_ids')]

    initial = False

    operations = [
        ops.AddField(
            model_name='JoinQuestion',
            name='person_account',
            field=fields.BigIntField(null=True),
        ),
    ]
