from django.db import migrations, models

from xapi.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False  # CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("xapi", "0004_relation_and_actor_indexes"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="statement",
            index=models.Index(
                fields=["authority_key", "stored", "id"], name="xapi_stmt_authority"
            ),
        ),
    ]
