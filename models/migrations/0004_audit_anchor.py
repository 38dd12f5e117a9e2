from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_handover_clearance')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditAnchor',
            fields=[
                ('seq', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('kind', fields.CharField(max_length=8)),
                ('line', fields.CharField(max_length=300)),
            ],
            options={'table': 'audit_anchor', 'app': 'models', 'pk_attr': 'seq', 'table_description': "The anchor log's copy in the database: one row per line of the anchor file."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='MeasureRecord',
            name='scheme',
            field=fields.SmallIntField(default=1, db_default=1),
        ),
    ]
