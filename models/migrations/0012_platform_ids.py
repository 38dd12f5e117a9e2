from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_telegram')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PlatformId',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('platform', fields.CharField(max_length=16)),
                ('external', fields.CharField(max_length=128)),
            ],
            options={'table': 'platform_id', 'app': 'models', 'unique_together': (('platform', 'external'),), 'pk_attr': 'id', 'table_description': 'A platform string id and the number the bot stores for it.'},
            bases=['Model'],
        ),
    ]
