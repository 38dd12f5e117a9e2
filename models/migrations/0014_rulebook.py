from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_tgrealname')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RulebookEdition',
            fields=[
                ('digest', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('title', fields.CharField(max_length=200)),
                ('text', fields.TextField(unique=False)),
                ('first_used', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rulebook_edition', 'app': 'models', 'pk_attr': 'digest', 'table_description': 'One rulebook file as it was loaded: its digest, title and whole text.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='MeasureRecord',
            name='rulebook',
            field=fields.CharField(default='', db_default='', max_length=64),
        ),
    ]
