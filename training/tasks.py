"""Celery entry points of training paths: the daily reminders, and the paths
given to a person who joins a team."""

from __future__ import annotations

from celery import shared_task

from common.retries import RETRY_ON_TRANSIENT_ERRORS


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def team_joined(membership_id: int) -> int:
    """Give a newcomer of a team the paths assigned to it."""
    from training import services

    return services.team_joined(membership_id=membership_id)


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def assignment_announce(assignment_id: int) -> int:
    """Tell the people given a path that it is theirs."""
    from training import services

    return services.assignment_announce(assignment_id=assignment_id)


@shared_task(ignore_result=True)
def reminders_send() -> int:
    """Beat, daily: remind people of paths due within a few days."""
    from training import services

    return services.reminders_send()


@shared_task(ignore_result=True)
def overdue_report_send() -> int:
    """Beat, daily: tell managers who is late on a path."""
    from training import services

    return services.overdue_report_send()
