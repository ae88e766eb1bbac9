"""Celery entry points of scheduling: messages, reminders, live seat counts."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from common.retries import RETRY_ON_TRANSIENT_ERRORS
from scheduling import events, notifications
from scheduling.models import Booking, Session


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def booking_notify(booking_id: int, event: str) -> None:
    """Tell one person about their booking (booked, promoted, cancelled...)."""
    booking = Booking.objects.select_related("session", "user").filter(id=booking_id)
    if booking:
        notifications.booking_notify(booking=booking[0], event=event)


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def seats_publish(session_id: int) -> None:
    """Send a session's seat count to the pages that show it live."""
    session = Session.objects.filter(id=session_id).first()
    if session is not None:
        events.seats_publish(session=session)


@shared_task(ignore_result=True)
def reminders_send() -> int:
    """Beat, daily: remind everyone booked in a session that starts tomorrow."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminded_at__isnull=True,
        session__status=Session.Status.PUBLISHED,
        session__starts_at__date=tomorrow,
    )
    sent = 0
    for booking_id in due.values_list("id", flat=True):
        # Marked first: a crash after sending must not send it twice.
        if Booking.objects.filter(id=booking_id, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        ):
            booking_notify(booking_id, "reminder")
            sent += 1
    return sent
