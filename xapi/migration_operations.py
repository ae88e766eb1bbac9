"""Operations of the LRS's migrations, shared by them."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL, where the statement table may
    hold millions of rows and must keep taking statements while the index is
    built; a plain CREATE INDEX elsewhere (SQLite has no other)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(
                app_label, schema_editor, from_state, to_state
            )
        return migrations.AddIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(
                app_label, schema_editor, from_state, to_state
            )
        return migrations.AddIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )
