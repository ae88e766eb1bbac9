"""Forwarding to an external LRS: nothing lost while it is down, each arrives once."""

import uuid

import pytest
from django.utils import timezone

from tests.xapi.remote_lrs import RemoteLRSProcess
from xapi import forwarding, services, tasks, versions
from xapi.models import ExternalLRS, OutboxEntry

AUTHORITY = {
    "objectType": "Agent",
    "account": {"homePage": "https://x.be", "name": "t"},
}


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    server = RemoteLRSProcess(tmp_path_factory.mktemp("remote-lrs"))
    server.credentials = server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def external(remote, db):
    key, secret = remote.credentials
    return ExternalLRS.objects.create(
        name="Région", endpoint=remote.endpoint, username=key, password=secret
    )


def statement(n: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://x.be", "name": f"learner-{n % 7}"}},
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/experienced",
            "display": {"en-US": "experienced"},
        },
        "object": {
            "id": f"https://x.be/xapi/activities/lessons/{n}",
            "definition": {"name": {"fr": f"Leçon {n}"}},
        },
        "context": {"registration": str(uuid.uuid4()), "language": "fr"},
        "timestamp": timezone.now().isoformat(),
    }


def store(count: int) -> list[str]:
    ids = []
    for start in range(0, count, 25):
        batch = [statement(n) for n in range(start, min(start + 25, count))]
        ids += services.statements_store(statements=batch, authority=AUTHORITY)
    return ids


def make_due():
    """Time passes: every postponed entry is due again."""
    OutboxEntry.objects.update(next_attempt_at=timezone.now())


def test_statements_stored_while_remote_is_down_all_arrive_once(remote, external):
    before = set(remote.statement_ids())
    remote.stop()

    sent = store(120)
    with pytest.raises(forwarding.DeliveryFailed):
        forwarding.outbox_deliver(remote_id=external.id)

    external.refresh_from_db()
    assert "ConnectionRefusedError" in external.last_error
    assert forwarding.outbox_backlog() == {external.id: 120}
    assert OutboxEntry.objects.filter(next_attempt_at__gt=timezone.now()).count() == 50

    remote.start()
    make_due()
    tasks.outbox_deliver_all.delay()

    arrived = [i for i in remote.statement_ids() if i not in before]
    assert sorted(arrived) == sorted(sent)
    assert not OutboxEntry.objects.exists()
    external.refresh_from_db()
    assert external.last_success_at is not None


def test_a_worker_dying_mid_send_loses_nothing_and_duplicates_nothing(remote, external):
    before = set(remote.statement_ids())
    sent = store(60)
    # A worker claims a batch, sends it, and dies before deleting the entries.
    claimed = forwarding._claim_batch(external)
    forwarding._send(external, claimed)

    OutboxEntry.objects.filter(id__in=[e.id for e in claimed]).update(
        next_attempt_at=timezone.now()  # its lease has expired
    )
    delivered = forwarding.outbox_deliver(remote_id=external.id)

    arrived = [i for i in remote.statement_ids() if i not in before]
    assert delivered == 60
    assert sorted(arrived) == sorted(sent)  # re-sent ones were not stored twice


def test_a_new_statement_is_forwarded_after_commit(
    remote, external, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [statement_id] = store(1)

    assert statement_id in remote.statement_ids()
    assert not OutboxEntry.objects.exists()


def test_inactive_remotes_receive_nothing(external):
    external.active = False
    external.save()

    store(3)

    assert not OutboxEntry.objects.exists()


def test_backoff_grows_and_is_capped():
    assert [forwarding.backoff(n).total_seconds() for n in (1, 2, 3)] == [10, 20, 40]
    assert forwarding.backoff(30).total_seconds() == 3600


@pytest.mark.django_db
def test_a_remote_added_after_statements_were_stored_is_woken_at_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_store(statement=statement(1), authority=AUTHORITY)
    # Which remotes are active is cached per process; adding one must refresh it.
    remote = ExternalLRS.objects.create(
        name="Fermée", endpoint="http://127.0.0.1:9/xapi/", username="k", password="s"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.statement_store(statement=statement(2), authority=AUTHORITY)

    remote.refresh_from_db()
    assert remote.last_error  # a delivery was attempted at once (and failed)
    assert OutboxEntry.objects.filter(remote=remote).count() == 1


@pytest.mark.django_db
def test_delivering_to_a_remote_removed_meanwhile_does_nothing():
    assert forwarding.outbox_deliver(remote_id=987654) == 0


def test_each_remote_receives_statements_in_its_own_version(remote, db):
    # A 2.0 statement: its contextAgents reach a 2.0 remote whole; a 1.0.3
    # remote, which would refuse the batch, gets it without them, as a 1.0.3
    # statement (the version tincan, the 1.0.3 client, writes).
    key, secret = remote.credentials
    remotes = {
        version: ExternalLRS.objects.create(
            name=f"LRS {version}",
            endpoint=remote.endpoint,
            username=key,
            password=secret,
            version=version,
        )
        for version in ("1.0.3", "2.0.0")
    }
    tutor = {"objectType": "Agent", "mbox": "mailto:tuteur@example.be"}
    sent = statement(1)
    sent["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": tutor}]
    with versions.speaking(versions.V2):
        services.statement_store(statement=sent, authority=AUTHORITY)
    arrived = {}
    for version, external in remotes.items():
        before = set(remote.statement_ids())
        assert forwarding.outbox_deliver(remote_id=external.id) == 1
        [new_id] = set(remote.statement_ids()) - before
        arrived[version] = remote.statements()[new_id]
        remote.forget(new_id)  # the same id again, with other content, next

    assert arrived["2.0.0"]["context"]["contextAgents"][0]["agent"] == tutor
    assert arrived["2.0.0"]["version"] == "2.0.0"
    assert "contextAgents" not in arrived["1.0.3"]["context"]
    assert (
        arrived["1.0.3"]["context"]["registration"] == sent["context"]["registration"]
    )
    assert arrived["1.0.3"]["version"] == "1.0.3"
    assert not OutboxEntry.objects.exists()
