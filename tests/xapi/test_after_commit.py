"""What follows the commit of stored statements can never fail their request."""

import itertools
import logging
import uuid

import pytest
from cachetools import TTLCache

from xapi import events, forwarding, services
from xapi.models import ExternalLRS, OutboxEntry, Statement
from xapi.signals import statements_stored

pytestmark = pytest.mark.django_db
AUTHORITY = {
    "objectType": "Agent",
    "account": {"homePage": "https://x.be", "name": "t"},
}
ACTOR = {"account": {"homePage": "https://x.be", "name": "learner-1"}}


def statement() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://x.be/xapi/activities/courses/1"},
    }


@pytest.fixture
def remote():
    return ExternalLRS.objects.create(
        name="Région", endpoint="http://127.0.0.1:9/xapi/", username="k", password="s"
    )


def test_statements_are_stored_once_when_the_broker_is_down(
    broker_down, remote, committed, caplog
):
    events.group_watch(events.agent_group(ACTOR))  # a live view: publish too
    sent = statement()

    with committed(execute=True):
        stored_id = services.statement_store(statement=sent, authority=AUTHORITY)

    assert stored_id == sent["id"]
    assert Statement.objects.count() == 1
    # The beat's delivery (outbox_deliver_all) finds it queued for the remote.
    assert OutboxEntry.objects.filter(remote=remote).count() == 1
    failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failures) == 2  # the outbox's wake-up, the live publication
    assert all("OperationalError" in failure for failure in failures)


def test_a_failing_receiver_does_not_fail_the_request(committed):
    def receiver(**kwargs):
        raise RuntimeError("a higher app's bug")

    statements_stored.connect(receiver, dispatch_uid="test-failing")
    try:
        with committed(execute=True):
            services.statement_store(statement=statement(), authority=AUTHORITY)
    finally:
        statements_stored.disconnect(dispatch_uid="test-failing")

    assert Statement.objects.count() == 1


def test_active_remotes_expiring_while_read_raise_nothing(monkeypatch, remote):
    # Each look at the clock comes 0.4 s after the last: the list, alive when
    # it is filled or tested, has expired by the next look.
    clock = itertools.count(step=0.4)
    expiring = TTLCache(maxsize=1, ttl=1, timer=lambda: next(clock))
    monkeypatch.setattr(forwarding, "_active_remotes", expiring)

    for _ in range(3):
        forwarding.outbox_kick()
