from django.db import migrations, models

from xapi.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False  # CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("xapi", "0006_activity_rows_in_stored_order"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="statementagent",
            index=models.Index(
                condition=models.Q(("relation", "object"), ("member", True), _connector="OR"),
                fields=["agent_key"],
                include=["statement"],
                name="xapi_rel_agent_elsewhere",
            ),
        ),
    ]
