"""Each stored statement is published to its actor's and its activities' groups."""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

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


@pytest.mark.django_db
def test_stored_statement_reaches_learner_and_course_groups(
    django_capture_on_commit_callbacks,
):
    layer = get_channel_layer()
    learner_channel = async_to_sync(layer.new_channel)()
    course_channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.agent_group(ACTOR), learner_channel)
    async_to_sync(layer.group_add)(events.activity_group(COURSE), course_channel)
    sent = statement()

    with django_capture_on_commit_callbacks(execute=True):
        services.statement_store(statement=sent, authority=AUTHORITY)

    for channel in (learner_channel, course_channel):
        message = async_to_sync(layer.receive)(channel)
        assert message["type"] == "xapi.statement"
        assert message["statement"]["id"] == sent["id"]


@pytest.mark.django_db
def test_nothing_is_published_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

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
