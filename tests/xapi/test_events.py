"""Each stored statement is published to its watched learner and course groups.

Each test runs its whole exchange in one event loop: network channel layers
(Redis in CI) bind subscriptions to the loop that made them.
"""

import asyncio
import itertools
import time
import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from xapi import events, services

AUTHORITY = {
    "objectType": "Agent",
    "account": {"homePage": "https://x.be", "name": "t"},
}
ACTOR = {"account": {"homePage": "https://x.be", "name": "learner-1"}}
COURSE = "https://x.be/xapi/activities/courses/1"


def statement() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://x.be/xapi/activities/lessons/9"},
        "context": {"contextActivities": {"grouping": [{"id": COURSE}]}},
    }


def store_and_commit(capture, sent: dict) -> None:
    with capture(execute=True):
        services.statement_store(statement=sent, authority=AUTHORITY)


async def subscribe(layer, group: str, *, watch: bool) -> str:
    channel = await layer.new_channel()
    await layer.group_add(group, channel)
    if watch:
        await sync_to_async(events.group_watch)(group)
    return channel


@pytest.mark.django_db
def test_stored_statement_reaches_learner_and_course_groups(
    django_capture_on_commit_callbacks,
):
    layer = get_channel_layer()
    sent = statement()

    async def scenario():
        learner = await subscribe(layer, events.agent_group(ACTOR), watch=True)
        course = await subscribe(layer, events.activity_group(COURSE), watch=True)
        await sync_to_async(store_and_commit)(django_capture_on_commit_callbacks, sent)
        return [
            await asyncio.wait_for(layer.receive(channel), timeout=5)
            for channel in (learner, course)
        ]

    for message in async_to_sync(scenario)():
        assert message["type"] == "xapi.statement"
        assert message["statement"]["id"] == sent["id"]


@pytest.mark.django_db
def test_statements_nobody_watches_are_not_published(
    django_capture_on_commit_callbacks,
):
    layer = get_channel_layer()

    async def scenario():
        channel = await subscribe(layer, events.agent_group(ACTOR), watch=False)
        await sync_to_async(store_and_commit)(
            django_capture_on_commit_callbacks, statement()
        )
        return await asyncio.wait_for(layer.receive(channel), timeout=0.5)

    with pytest.raises(TimeoutError):
        async_to_sync(scenario)()
    assert events.watched_groups([statement()]) == set()


@pytest.mark.django_db
def test_watching_a_group_is_seen_by_the_publisher():
    events.group_watch(events.agent_group(ACTOR))

    assert events.watched_groups([statement()]) == {events.agent_group(ACTOR)}


@pytest.mark.django_db
def test_a_watch_from_another_process_is_seen_within_the_snapshot_time(monkeypatch):
    assert events.watched_groups([statement()]) == set()  # this process's snapshot
    with monkeypatch.context() as other_process:
        # Another process marks the group: ours is not told.
        other_process.setattr(events, "watched_snapshot_forget", lambda: None)
        events.group_watch(events.agent_group(ACTOR))

    assert events.watched_groups([statement()]) == set()
    time.sleep(events.WATCHED_SNAPSHOT_SECONDS + 0.1)
    assert events.watched_groups([statement()]) == {events.agent_group(ACTOR)}


def test_a_snapshot_expiring_while_it_is_read_raises_nothing(monkeypatch):
    # Each look at the clock comes 0.4 s after the last: the snapshot, alive
    # when it is filled or tested, has expired by the next look.
    clock = itertools.count(step=0.4)
    expiring = type(events._snapshot)(maxsize=1, ttl=1, timer=lambda: next(clock))
    monkeypatch.setattr(events, "_snapshot", expiring)
    events.group_watch(events.agent_group(ACTOR))

    for _ in range(3):
        assert events.watched_groups([statement()]) == {events.agent_group(ACTOR)}


@pytest.mark.django_db
def test_nothing_is_published_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    def failing_action():
        with transaction.atomic():
            services.statement_store(statement=statement(), authority=AUTHORITY)
            raise RuntimeError("the learner action failed")

    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError):
            failing_action()

    assert callbacks == []


def test_group_names_are_valid_channels_names():
    long_iri = "https://x.be/" + "a" * 500

    name = events.activity_group(long_iri)

    assert len(name) < 100
    assert name == events.activity_group(long_iri)
    assert name != events.activity_group(long_iri + "b")
