"""Forwarding to external LRSs through a transactional outbox.

Each remote is spoken to in the xAPI version configured for it: 1.0.3 with
tincan, 2.0.0 (which tincan does not know) as plain JSON over requests. A
remote of 1.0.3 gets 2.0 statements without what 1.0.3 would refuse (README,
"xAPI 2.0 beside 1.0.3").
"""

from __future__ import annotations

import json
import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta

import requests
from cachetools import TTLCache
from django.db import connection, transaction
from django.utils import timezone
from tincan import RemoteLRS, Statement, StatementList

from xapi import versions
from xapi.bulk import MAX_PARAMETERS
from xapi.models import ExternalLRS, OutboxEntry

BATCH_SIZE = 50
# A claimed batch not acknowledged within this time (a worker died) is sent again.
LEASE = timedelta(minutes=5)
SEND_TIMEOUT_SECONDS = 30
MAX_BACKOFF = timedelta(hours=1)
# Properties the receiving LRS sets itself.
LOCAL_PROPERTIES = ("stored", "authority")


def outbox_enqueue(*, statement_ids: list[str]) -> None:
    """Queue statements for every active remote; call inside the storing transaction.

    One INSERT ... SELECT of the active remotes, which needs no look-up of them
    first: with ``pipelined()``, no round trip of its own.
    """
    if not statement_ids:
        return
    quote = connection.ops.quote_name
    outbox, remotes = OutboxEntry._meta, ExternalLRS._meta
    columns = ", ".join(
        quote(outbox.get_field(name).column)
        for name in ("remote", "statement", "attempts", "created_at", "next_attempt_at")
    )
    statement_id = outbox.get_field("statement").target_field
    now = outbox.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    for start in range(0, len(statement_ids), MAX_PARAMETERS):
        ids = [
            # As UUID objects on PostgreSQL, which cannot guess the type in VALUES.
            statement_id.get_db_prep_save(uuid.UUID(sid), connection)
            for sid in statement_ids[start : start + MAX_PARAMETERS]
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(outbox.db_table)} ({columns}) "
                f"SELECT remote.{quote(remotes.pk.column)}, queued.column1, 0, %s, %s "
                f"FROM {quote(remotes.db_table)} AS remote "
                f"CROSS JOIN (VALUES {', '.join(['(%s)'] * len(ids))}) AS queued "
                f"WHERE remote.{quote(remotes.get_field('active').column)}",
                [now, now, *ids],
            )


# A stored statement wakes the delivery of each active remote. Which remotes are
# active is remembered briefly per process: queueing itself is exact, and a wake-up
# missed after a remote is activated elsewhere comes with the next beat.
ACTIVE_REMOTES_CACHE_SECONDS = 10
_active_remotes: TTLCache = TTLCache(maxsize=1, ttl=ACTIVE_REMOTES_CACHE_SECONDS)


def outbox_kick() -> None:
    """Start delivering to every active remote (after statements were queued)."""
    from xapi import tasks

    # One get(), which looks at the clock once: between a membership test
    # and a lookup, the entry can expire.
    remote_ids = _active_remotes.get("ids")
    if remote_ids is None:
        remote_ids = _active_remotes["ids"] = list(
            ExternalLRS.objects.filter(active=True).values_list("id", flat=True)
        )
    for remote_id in remote_ids:
        tasks.outbox_deliver.delay(remote_id)


def active_remotes_forget() -> None:
    """Forget which remotes are active (this process), when one is changed."""
    _active_remotes.clear()


class DeliveryFailed(Exception):
    """The remote LRS did not acknowledge a batch; it will be retried."""


def outbox_deliver(*, remote_id: int) -> int:
    """Send every due statement to one remote, batch by batch; return how many."""
    remote = ExternalLRS.objects.filter(id=remote_id).first()
    if remote is None:  # removed since it was woken: its outbox went with it
        return 0
    delivered = 0
    while batch := _claim_batch(remote):
        try:
            _send(remote, batch)
        except DeliveryFailed as failure:
            _postpone(remote, batch, str(failure))
            raise
        OutboxEntry.objects.filter(id__in=[entry.id for entry in batch]).delete()
        delivered += len(batch)
        ExternalLRS.objects.filter(id=remote.id).update(last_success_at=timezone.now())
    return delivered


def outbox_backlog() -> dict[int, int]:
    """Statements waiting, per remote id (for the admin)."""
    from django.db.models import Count

    rows = OutboxEntry.objects.values("remote").annotate(waiting=Count("id"))
    return {row["remote"]: row["waiting"] for row in rows}


def _claim_batch(remote: ExternalLRS) -> list[OutboxEntry]:
    now = timezone.now()
    with transaction.atomic():
        due = (
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(remote=remote, next_attempt_at__lte=now)
            .order_by("id")
        )
        batch = list(due.select_related("statement")[:BATCH_SIZE])
        OutboxEntry.objects.filter(id__in=[entry.id for entry in batch]).update(
            next_attempt_at=now + LEASE
        )
    return batch


def _send(remote: ExternalLRS, batch: list[OutboxEntry]) -> None:
    outgoing = [_outgoing(entry.statement.data, remote.version) for entry in batch]
    if remote.version == versions.V2:
        _send_2_0(remote, outgoing)
        return
    lrs = RemoteLRS(
        endpoint=remote.endpoint,
        version=remote.version,
        username=remote.username,
        password=remote.password,
    )
    statements = StatementList(
        [Statement.from_json(json.dumps(statement)) for statement in outgoing]
    )
    try:
        with _socket_timeout(SEND_TIMEOUT_SECONDS):
            response = lrs.save_statements(statements)
    except OSError as exc:
        raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
    if not response.success:
        body = (response.data or b"")[:300]
        raise DeliveryFailed(f"HTTP {response.response.status}: {body!r}")


def _send_2_0(remote: ExternalLRS, statements: list[dict]) -> None:
    try:
        response = requests.post(
            remote.endpoint.rstrip("/") + "/statements",
            json=statements,
            auth=(remote.username, remote.password),
            headers={"X-Experience-API-Version": versions.V2},
            timeout=SEND_TIMEOUT_SECONDS,
        )
    except requests.RequestException as exc:
        # The exception's text names the address, never the credentials.
        raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code != 200:
        raise DeliveryFailed(f"HTTP {response.status_code}: {response.content[:300]!r}")


# What xAPI 2.0 added to a context, which a 1.0.3 LRS refuses (Data 2.2.s2.b1).
CONTEXT_2_0_ONLY = ("contextAgents", "contextGroups")


def _outgoing(statement: dict, version: str) -> dict:
    """The statement as the remote is to receive it: without what it sets
    itself, and for a 1.0.3 remote without what only 2.0 knows. The version
    goes too when it is not 1.0.x: tincan, the 1.0.3 client, writes its own."""
    sent = {k: v for k, v in statement.items() if k not in LOCAL_PROPERTIES}
    if version == versions.V2:
        return sent
    if not str(sent.get("version", "1.0")).startswith("1.0"):
        del sent["version"]
    sent = _without_2_0_context(sent)
    if sent["object"].get("objectType") == "SubStatement":
        sent["object"] = _without_2_0_context(sent["object"])
    return sent


def _without_2_0_context(part: dict) -> dict:
    if "context" not in part:
        return part
    context = {k: v for k, v in part["context"].items() if k not in CONTEXT_2_0_ONLY}
    return {**part, "context": context}


def _postpone(remote: ExternalLRS, batch: list[OutboxEntry], message: str) -> None:
    now = timezone.now()
    for entry in batch:
        entry.attempts += 1
        entry.next_attempt_at = now + backoff(entry.attempts)
    OutboxEntry.objects.bulk_update(batch, ["attempts", "next_attempt_at"])
    # The message names the error only: tincan's request (with credentials) is not kept.
    ExternalLRS.objects.filter(id=remote.id).update(
        last_error=message, last_error_at=now
    )


def backoff(attempts: int) -> timedelta:
    """Exponential back-off: 10 s, 20 s, 40 s ... capped at an hour."""
    return min(timedelta(seconds=10 * 2 ** (attempts - 1)), MAX_BACKOFF)


@contextmanager
def _socket_timeout(seconds: int):
    # tincan opens http.client connections without a timeout; a hung remote must
    # not block a worker forever. A worker process runs one task at a time.
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)
