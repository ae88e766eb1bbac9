"""An activity's relation rows carry their statement's stored time, one row per
statement and activity, unique with it: an activity's statements are read
newest first from this index (xapi.relations.in_relation).

On PostgreSQL the rows are rewritten in one transaction, which holds the
statements' writers back meanwhile (clients retry; nothing is lost): 2 min 8 s
for a store of 1.3 M statements on a busy 2-core machine (bench/README.md).
"""

from django.db import migrations, models


def rows_deduplicated_and_dated(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    rows = quote(apps.get_model("xapi", "StatementActivity")._meta.db_table)
    statements = quote(apps.get_model("xapi", "Statement")._meta.db_table)
    if schema_editor.connection.vendor == "postgresql":
        # The first row of a statement's activity is where it was found first
        # (the object before the context, see xapi.relations).
        schema_editor.execute(
            f"DELETE FROM {rows} a USING {rows} b WHERE a.statement_id ="
            " b.statement_id AND a.activity_id = b.activity_id AND a.id > b.id"
        )
        schema_editor.execute(
            f"UPDATE {rows} r SET stored = s.stored FROM {statements} s"
            " WHERE s.id = r.statement_id"
        )
        return
    schema_editor.execute(
        f"DELETE FROM {rows} WHERE id NOT IN"
        f" (SELECT min(id) FROM {rows} GROUP BY statement_id, activity_id)"
    )
    schema_editor.execute(
        f"UPDATE {rows} SET stored = (SELECT stored FROM {statements} s"
        f" WHERE s.id = {rows}.statement_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("xapi", "0005_statements_by_authority"),
    ]

    operations = [
        migrations.AddField(
            model_name="statementactivity",
            name="stored",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(rows_deduplicated_and_dated, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="statementactivity",
            name="stored",
            field=models.DateTimeField(),
        ),
        migrations.RemoveIndex(
            model_name="statementactivity",
            name="xapi_rel_activity_id",
        ),
        migrations.AddConstraint(
            model_name="statementactivity",
            constraint=models.UniqueConstraint(
                fields=("activity_id", "stored", "statement"),
                name="xapi_rel_activity_stored",
            ),
        ),
    ]
