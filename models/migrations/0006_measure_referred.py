from tortoise import migrations
from tortoise.migrations import operations as ops
from models.measures import RecordStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_blacklist_requests')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='MeasureRecord',
            name='status',
            field=fields.CharEnumField(default=RecordStatus.PENDING, description='PENDING: pending\nDONE: done\nFAILED: failed\nUNCONFIRMED: unconfirmed\nREFERRED: referred', enum_type=RecordStatus, max_length=12),
        ),
    ]
