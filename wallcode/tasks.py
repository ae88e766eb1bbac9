"""Celery entry points of Wallcode: registration confirmation links."""

from __future__ import annotations

from celery import shared_task
from django.utils import translation

from common.retries import RETRY_ON_TRANSIENT_ERRORS
from wallcode import notifications
from wallcode.models import PendingRegistration


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def registration_confirmation_send(pending_id: int, language: str | None) -> None:
    """Send the link that confirms a registration, in its maker's language."""
    pending = (
        PendingRegistration.objects.select_related("session")
        .filter(id=pending_id, booking__isnull=True)
        .first()
    )
    if pending is not None:
        with translation.override(language):
            notifications.registration_confirmation_send(pending=pending)


@shared_task(ignore_result=True)
def pending_registrations_purge() -> int:
    """Beat, hourly: forget registration requests whose link has expired."""
    from wallcode import services  # services queue this module's tasks

    return services.pending_registrations_purge()
