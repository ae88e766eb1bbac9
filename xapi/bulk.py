"""Fast inserts of many rows, in as few round trips to the database as possible.

Statements arrive by thousands per second, most of them one per request. What a
request costs is mostly round trips to PostgreSQL: ``pipelined()`` sends every
query inside it at once (psycopg's pipeline mode) and reads the results at the
end. ``rows_insert`` writes a few rows with one multi-row INSERT, and many with
COPY, which costs PostgreSQL less per row but cannot be pipelined.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from django.db import connection, models
from psycopg.types.json import Jsonb

logger = logging.getLogger(__name__)

# Below PostgreSQL's limit of 65,535 parameters per query, and SQLite's 32,766.
MAX_PARAMETERS = 30_000
# From this many rows, COPY (outside a pipeline) beats a multi-row INSERT.
COPY_FROM_ROWS = 20


def rows_insert(model: type[models.Model], fields: Sequence[str], rows: list) -> None:
    """Insert rows (tuples of values in ``fields`` order) into the model's table."""
    if not rows:
        return
    model_fields = [model._meta.get_field(name) for name in fields]
    prepare = [_preparer(field) for field in model_fields]
    if len(rows) >= COPY_FROM_ROWS and _can_copy():
        _copy(model, model_fields, prepare, rows)
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholder = f"({', '.join(['%s'] * len(fields))})"
    chunk = MAX_PARAMETERS // len(fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            params = [
                prepared(value)
                for row in part
                for prepared, value in zip(prepare, row, strict=True)
            ]
            values = ", ".join([placeholder] * len(part))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


def _can_copy() -> bool:
    if connection.vendor != "postgresql":
        return False
    connection.ensure_connection()
    return not connection.connection.pgconn.pipeline_status


def _copy(model, model_fields, prepare, rows: list) -> None:
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [prep(value) for prep, value in zip(prepare, row, strict=True)]
                )


def _preparer(field: models.Field) -> Callable[[Any], Any]:
    """How to pass a Python value to the database for this field.

    psycopg adapts strings, numbers, booleans, UUIDs and datetimes itself: on
    PostgreSQL only JSON needs wrapping, which costs less than the field's own
    preparation per value.
    """
    if connection.vendor == "postgresql":
        return Jsonb if isinstance(field, models.JSONField) else _unchanged
    return lambda value: field.get_db_prep_save(value, connection)


def _unchanged(value: Any) -> Any:
    return value


@contextmanager
def pipelined(*, rows: int) -> Iterator[None]:
    """Send the queries run inside as one round trip (PostgreSQL; elsewhere as is).

    Results and errors arrive when the block ends; a query whose result is read
    inside costs a round trip of its own. For many ``rows``, COPY pays more than
    round trips: the queries go one by one.
    """
    if connection.vendor != "postgresql" or rows >= COPY_FROM_ROWS:
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline() as pipe:
        try:
            yield
        except Exception:
            _collect(pipe)
            raise


def _collect(pipe: psycopg.Pipeline) -> None:
    """Read what a failed block left queued, so that the error is the caller's.

    The first failing query aborts the ones queued after it. Left for the
    pipeline's exit, they make psycopg log a warning ("pipeline aborted") for
    each failure, handled ones too: a re-sent statement is an expected
    IntegrityError, and clients re-send thousands of times an hour.
    """
    try:
        pipe.sync()
    except psycopg.Error as error:
        logger.debug("Queries after a failed one in a pipeline: %s", error)
