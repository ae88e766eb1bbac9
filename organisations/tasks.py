"""Celery entry points of organisations: invitation e-mails and CSV imports."""

from __future__ import annotations

from celery import shared_task

from common.retries import RETRY_ON_TRANSIENT_ERRORS


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def invitation_send(invitation_id: int) -> None:
    """E-mail an invitation with a fresh link, in the invitee's language."""
    from organisations import services  # services queue this module's tasks

    services.invitation_send(invitation_id=invitation_id)


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def member_import_run(import_id: int) -> None:
    """Invite the people of an uploaded CSV file, writing progress as it goes."""
    from organisations import services

    services.member_import_run(import_id=import_id)


@shared_task(ignore_result=True)
def invitations_expired_purge() -> int:
    """Beat, daily: forget the invitations expired long ago (their addresses)."""
    from organisations import services

    return services.invitations_expired_purge()


@shared_task(ignore_result=True)
def member_imports_old_purge() -> int:
    """Beat, daily: forget the reports of imports finished long ago."""
    from organisations import services

    return services.member_imports_old_purge()
