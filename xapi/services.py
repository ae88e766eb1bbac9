"""Writes of the LRS: storing statements (and voiding), in one transaction."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from xapi import versions
from xapi.agents import agent_key
from xapi.attachments import (
    Parts,
    attachment_links,
    attachments_forget,
    attachments_store,
)
from xapi.bulk import pipelined, rows_insert
from xapi.events import watched_groups
from xapi.exceptions import StatementConflict, StatementInvalid, StoreTooSlow
from xapi.forwarding import outbox_enqueue, outbox_kick
from xapi.models import Statement, StatementAttachment
from xapi.relations import FORGET_CHUNK, relations_forget, relations_store
from xapi.signals import statements_stored
from xapi.validation import validate_statement

logger = logging.getLogger(__name__)

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
# A statement without a version is stored as 1.0.0 (Data 2.4.10) or, sent by
# a 2.0 client, as 2.0.0 (9274 4.2.4.3).
DEFAULT_VERSIONS = {versions.V1: "1.0.0", versions.V2: "2.0.0"}
# Set by the LRS, so ignored when comparing a re-sent statement with the stored one.
LRS_PROPERTIES = ("stored", "authority", "version")
# A marker kept on a prepared statement until it is stored, never saved.
TIMESTAMP_SET_BY_LRS = "__timestamp_set_by_lrs"
# What X-Experience-API-Consistent-Through promises ("every statement stored
# before this instant is readable now") rests on this bound: a storing
# transaction commits at most this long after it stamped its statements'
# "stored" time, or it is rolled back and stamped again. Stamping comes after
# any upload to the object storage, so only the rows' writing counts (a few
# milliseconds); a commit slower than this (a disk stall) is tried again.
STAMP_TO_COMMIT = timedelta(seconds=1)
STORE_ATTEMPTS = 3


def statements_store(
    *, statements: list[dict], authority: dict, attachments: Parts | None = None
) -> list[str]:
    """Validate and store a batch with its attachment data: all of it or nothing."""
    for index, statement in enumerate(statements):
        validate_statement(statement, path=f"statement[{index}]")
    prepared = [_prepared(s, authority=authority) for s in statements]
    _refuse_duplicates_in_batch(prepared)
    for _attempt in range(STORE_ATTEMPTS):
        try:
            # Almost every statement arrives once: insert without looking first.
            return _store(prepared, attachments, known_new=True)
        except IntegrityError:
            # One is stored already (a re-send, or a concurrent request): it
            # must be the same statement, and only the others are stored.
            try:
                return _store(prepared, attachments, known_new=False)
            except StoreTooSlow:
                continue
        except StoreTooSlow:
            continue  # rolled back: stamped again, within the bound this time
    raise StoreTooSlow()


def _store(
    prepared: list[dict], attachments: Parts | None, *, known_new: bool
) -> list[str]:
    with transaction.atomic():
        new = prepared if known_new else _new_statements(prepared)
        attachments_store(parts=attachments)  # object storage may be slow
        stamped_at = _stamp(new)
        rows = [_row(statement) for statement in new]
        with pipelined(rows=len(rows)):
            rows_insert(Statement, STATEMENT_FIELDS, rows)
            relations_store(new)
            rows_insert(
                StatementAttachment, ("statement_id", "sha2"), attachment_links(new)
            )
            outbox_enqueue(statement_ids=[s["id"] for s in new])
        _void_targets(new)
        if new:
            stored = [data for _id, data, *_columns in rows]
            transaction.on_commit(lambda: _after_commit(stored))
        if timezone.now() - stamped_at > STAMP_TO_COMMIT:
            raise StoreTooSlow()  # see STAMP_TO_COMMIT: undone, tried again
    return [statement["id"] for statement in prepared]


def _stamp(statements: list[dict]) -> datetime:
    """Set ``stored`` (and ``timestamp`` where the LRS gives it) as late as
    possible: just before the rows are written."""
    stamped_at = timezone.now()
    stored = stamped_at.isoformat()
    for statement in statements:
        statement["stored"] = stored
        if statement[TIMESTAMP_SET_BY_LRS]:
            statement["timestamp"] = stored
    return stamped_at


def _after_commit(statements: list[dict]) -> None:
    # The statements are stored: the request has succeeded whatever happens
    # next. Each reaction runs on its own, and a failure (the broker or Redis
    # unreachable, a receiver's error) is logged, never raised: the outbox waits
    # for the beat's delivery, and live views are best effort.
    _safely(outbox_kick)
    _safely(_live_publish, statements)
    _safely(statements_stored.send, sender=Statement, statements=statements)


def _live_publish(statements: list[dict]) -> None:
    from xapi import tasks

    # Publishing costs more CPU than storing: a worker does it (inline when
    # eager), and only for statements that a live view is watching.
    if watched_groups(statements):
        tasks.statements_publish.delay([statement["id"] for statement in statements])


def _safely(reaction, *args, **kwargs) -> None:
    # common.commit's twin: xapi imports nothing of the platform's.
    try:
        reaction(*args, **kwargs)
    except Exception as error:
        # The class only: a message can quote personal data (an agent, a row).
        logger.error(
            "After storing statements, %s failed (%s); they are stored",
            reaction.__qualname__,
            type(error).__name__,
        )
        logger.debug("After-commit failure", exc_info=True)


def statement_store(*, statement: dict, authority: dict) -> str:
    """Store one statement; see statements_store."""
    return statements_store(statements=[statement], authority=authority)[0]


def _prepared(statement: dict, *, authority: dict) -> dict:
    # "stored", and "timestamp" when the statement has none, are set by _stamp.
    if "timestamp" in statement and versions.spoken() == versions.V2:
        # 9274 4.2.7: converted to UTC rather than refused; kept to the
        # millisecond (the precision both versions require).
        statement = {**statement, "timestamp": _utc(statement["timestamp"])}
    return {
        **statement,
        "id": str(uuid.UUID(statement["id"]))
        if "id" in statement
        else str(uuid.uuid4()),
        "authority": authority,
        "version": statement.get("version", DEFAULT_VERSIONS[versions.spoken()]),
        TIMESTAMP_SET_BY_LRS: "timestamp" not in statement,
    }


def _refuse_duplicates_in_batch(statements: list[dict]) -> None:
    seen: set[str] = set()
    for index, statement in enumerate(statements):
        if statement["id"] in seen:
            raise StatementInvalid(
                f"statement[{index}].id", "the same id appears twice in the batch"
            )
        seen.add(statement["id"])


def _new_statements(statements: list[dict]) -> list[dict]:
    """Statements not stored yet; a re-sent identical statement is not an error."""
    ids = [statement["id"] for statement in statements]
    existing = dict(Statement.objects.filter(id__in=ids).values_list("id", "data"))
    new = []
    for statement in statements:
        stored = existing.get(uuid.UUID(statement["id"]))
        if stored is None:
            new.append(statement)
        elif not _same_statement(stored, statement):
            raise StatementConflict(statement["id"])
    return new


def _same_statement(stored: dict, received: dict) -> bool:
    ignored = set(LRS_PROPERTIES) | {TIMESTAMP_SET_BY_LRS}
    if received[TIMESTAMP_SET_BY_LRS]:
        ignored.add("timestamp")  # the LRS filled it in, at each sending anew

    def significant(statement: dict) -> dict:
        statement = versions.comparable(statement)
        kept = {k: v for k, v in statement.items() if k not in ignored}
        if "timestamp" in kept:
            # The same instant, whatever its time zone: a 2.0 client's is
            # stored in UTC, a 1.0.3 one may send it again as it wrote it.
            kept["timestamp"] = _aware(datetime.fromisoformat(kept["timestamp"]))
        return kept

    return significant(stored) == significant(received)


STATEMENT_FIELDS = (
    "id",
    "data",
    "actor_key",
    "verb_id",
    "activity_id",
    "registration",
    "ref_id",
    "authority_key",
    "timestamp",
    "stored",
    "voided",
)


def _row(statement: dict) -> tuple:
    """The Statement columns of a prepared statement, in STATEMENT_FIELDS order."""
    target = statement["object"]
    is_activity = target.get("objectType", "Activity") == "Activity"
    data = {k: v for k, v in statement.items() if k != TIMESTAMP_SET_BY_LRS}
    return (
        statement["id"],
        data,
        agent_key(statement["actor"]),
        statement["verb"]["id"],
        target["id"] if is_activity else "",
        statement.get("context", {}).get("registration"),
        target["id"] if target.get("objectType") == "StatementRef" else None,
        agent_key(statement["authority"]),
        _aware(datetime.fromisoformat(statement["timestamp"])),
        datetime.fromisoformat(statement["stored"]),
        False,
    )


def _utc(timestamp: str) -> str:
    moment = _aware(datetime.fromisoformat(timestamp)).astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _aware(moment: datetime) -> datetime:
    # A timestamp without an offset is only a SHOULD in xAPI 1.0.3: take it as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _void_targets(statements: list[dict]) -> None:
    targets = [s["object"]["id"] for s in statements if s["verb"]["id"] == VOIDED]
    if targets:
        # A voiding statement cannot itself be voided (xAPI-Data 2.3.2).
        Statement.objects.filter(id__in=targets).exclude(verb_id=VOIDED).update(
            voided=True
        )


def agent_forget(*, agent: dict) -> int:
    """Erase every statement made by an agent (right to erasure); return how many.

    Erasure is the one exception to immutability: the attachment data only these
    statements used goes too. Statements already forwarded to external LRSs must
    be erased there by their operators.
    """
    with transaction.atomic():
        found = list(
            Statement.objects.filter(actor_key=agent_key(agent))
            .select_for_update()
            .values_list("id", "stored", "data")
        )
        relations_forget(found)
        ids = [statement_id for statement_id, _stored, _data in found]
        sha2s = set()
        for start in range(0, len(ids), FORGET_CHUNK):
            # By the ids read: one stored meanwhile keeps its relation rows.
            chunk = Statement.objects.filter(id__in=ids[start : start + FORGET_CHUNK])
            sha2s.update(
                StatementAttachment.objects.filter(statement__in=chunk).values_list(
                    "sha2", flat=True
                )
            )
            chunk.delete()
        attachments_forget(sha2s=sha2s)
    return len(ids)
