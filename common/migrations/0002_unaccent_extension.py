"""PostgreSQL's unaccent, for searches whatever the accents (common.accents).

Only on PostgreSQL: SQLite gets a function of the same name on each connection
instead. unaccent is a trusted extension (PostgreSQL 13 and later): the
database's owner may create it. Going back leaves it in place: it may have
been created before, for something else.
"""

from django.db import migrations


def unaccent_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(unaccent_create, migrations.RunPython.noop),
    ]
