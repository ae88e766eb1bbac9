"""Tasks that tell people something survive a broker that is down: kept in the
database after the commit, queued again by the beat once the broker is back."""

import logging

import pytest
from django.core import mail

from common.models import DeferredTask
from common.tasks import deferred_tasks_send
from config.celery import app
from scheduling import services
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db


def broker_back():
    app.conf.task_always_eager = True  # the broker_down fixture restores the rest


def test_a_booking_confirmation_waits_for_the_broker_then_is_sent(
    broker_down, committed, caplog
):
    session = session_create(organiser_create(), capacity=2, title="Premiers clics")

    with committed(execute=True):
        booking = services.booking_create(
            session=session, name="Anne", email="anne@example.be"
        )

    (deferred,) = DeferredTask.objects.all()
    assert deferred.name == "scheduling.tasks.booking_notify"
    assert deferred.args == [booking.id, "booked"]
    assert mail.outbox == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "booking_notify deferred" in " ".join(warnings)
    assert not any("Anne" in w or "anne@" in w for w in warnings)

    assert deferred_tasks_send() == 0  # the broker is still down: it waits
    deferred.refresh_from_db()
    assert deferred.attempts == 2

    broker_back()
    assert deferred_tasks_send() == 1

    assert not DeferredTask.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["anne@example.be"]
    assert "Premiers clics" in message.body


def test_nothing_is_kept_when_the_broker_takes_the_task(committed):
    session = session_create(organiser_create(), capacity=2)

    with committed(execute=True):
        services.booking_create(session=session, name="Anne", email="anne@example.be")

    assert not DeferredTask.objects.exists()
    assert len(mail.outbox) == 1


def test_a_task_unknown_since_it_was_kept_is_left_for_a_person(caplog):
    DeferredTask.objects.create(name="scheduling.tasks.renamed", args=[1])

    assert deferred_tasks_send() == 0

    assert DeferredTask.objects.count() == 1
    assert "scheduling.tasks.renamed is unknown" in caplog.text
