"""Celery entry points of the EPN desk: the daily tidying of accounts and links."""

from __future__ import annotations

from celery import shared_task

from common.retries import RETRY_ON_TRANSIENT_ERRORS
from desk import notifications, retention, services
from desk.models import ErasureNotice


@shared_task(ignore_result=True)
def accompaniments_idle_end() -> int:
    """Beat, daily: end the accompaniments unused for ``DESK_IDLE_DAYS``."""
    return services.accompaniments_idle_end()


@shared_task(ignore_result=True)
def assisted_accounts_notify_due() -> int:
    """Beat, daily: tell the spaces which unused assisted accounts will be erased."""
    return retention.assisted_accounts_notify_due()


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def erasure_notice_send(notice_id: int) -> None:
    """E-mail one erasure notice to the facilitators of the person's spaces."""
    notice = ErasureNotice.objects.select_related("person").filter(id=notice_id)
    if notice:
        notifications.erasure_notice_send(notice=notice[0])


@shared_task(ignore_result=True)
def assisted_accounts_erase_due() -> int:
    """Beat, daily: erase the unused assisted accounts whose notice's day came."""
    return retention.assisted_accounts_erase_due()
