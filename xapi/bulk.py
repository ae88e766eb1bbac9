"""Fast inserts of many rows: PostgreSQL COPY, bulk_create elsewhere.

Statements arrive by thousands per second. On PostgreSQL, Django's bulk insert
quotes every JSON document into an array literal in Python, which cost more
than everything else in a request; psycopg's COPY writes rows in C instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from psycopg.types.json import Jsonb


def rows_insert(model: type[models.Model], fields: Sequence[str], rows: list) -> None:
    """Insert rows (tuples of values in ``fields`` order) into the model's table."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects)
        return
    columns = [model._meta.get_field(name).column for name in fields]
    json_positions = [
        i
        for i, name in enumerate(fields)
        if isinstance(model._meta.get_field(name), models.JSONField)
    ]
    sql = f'COPY "{model._meta.db_table}" ({", ".join(columns)}) FROM STDIN'
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                if json_positions:
                    row = list(row)
                    for i in json_positions:
                        row[i] = Jsonb(row[i])
                copy.write_row(row)
