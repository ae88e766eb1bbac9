"""Reads that may lag a moment go to a PostgreSQL streaming replica, if any.

The LRS's statement queries (agent, activity, verb, since, the ``more`` pages)
are its heaviest reads and the ones a region's reports and learning-analytics
tools repeat; xAPI lets them lag, as long as the answer says how much
(``X-Experience-API-Consistent-Through``). With ``DATABASE_REPLICA_URL`` set,
code inside ``reads_from_replica()`` reads from the replica; everything else,
and every write, stays on the primary. Without a replica nothing changes.

A request that must see its own writes (a statement fetched by its id right
after it was sent, progress, pages) never reads from the replica.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections

REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar(
    "reading_from_replica", default=False
)


@contextmanager
def reads_from_replica() -> Iterator[str]:
    """Within: reads go to the replica when there is one. Yields the alias read."""
    token = _reading_from_replica.set(True)
    try:
        yield replica_alias()
    finally:
        _reading_from_replica.reset(token)


def replica_alias() -> str:
    return REPLICA if REPLICA in connections.settings else "default"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get():
            return replica_alias()
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data, whichever copy it was read from

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema
