"""Relation rows lose their index and constraint by statement: an agent's rows
carry their statement's stored time like an activity's, and are found by
(agent, place, stored); see xapi.models for why.

On PostgreSQL the agent rows are dated in one transaction, which holds the
statements' writers back meanwhile (clients retry; nothing is lost), as 0006
did for the activity rows.
"""

import django.db.models.deletion
from django.db import migrations, models


def agent_rows_dated(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    rows = quote(apps.get_model("xapi", "StatementAgent")._meta.db_table)
    statements = quote(apps.get_model("xapi", "Statement")._meta.db_table)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE {rows} r SET stored = s.stored FROM {statements} s"
            " WHERE s.id = r.statement_id"
        )
        return
    schema_editor.execute(
        f"UPDATE {rows} SET stored = (SELECT stored FROM {statements} s"
        f" WHERE s.id = {rows}.statement_id)"
    )


def _statement_link(related_name):
    return models.ForeignKey(
        db_constraint=False,
        db_index=False,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name=related_name,
        to="xapi.statement",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("xapi", "0007_agents_elsewhere"),
    ]

    operations = [
        migrations.AddField(
            model_name="statementagent",
            name="stored",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(agent_rows_dated, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="statementagent",
            name="stored",
            field=models.DateTimeField(),
        ),
        migrations.RemoveIndex(
            model_name="statementagent",
            name="xapi_rel_agent_key",
        ),
        migrations.AddIndex(
            model_name="statementagent",
            index=models.Index(
                fields=["agent_key", "relation", "stored"],
                include=["statement"],
                name="xapi_rel_agent_stored",
            ),
        ),
        migrations.AlterField(
            model_name="statementagent",
            name="statement",
            field=_statement_link("agent_relations"),
        ),
        migrations.AlterField(
            model_name="statementactivity",
            name="statement",
            field=_statement_link("activity_relations"),
        ),
    ]
