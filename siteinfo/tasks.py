"""Celery entry points of siteinfo: report notifications and their retention."""

from __future__ import annotations

from celery import shared_task

from common.retries import RETRY_ON_TRANSIENT_ERRORS
from siteinfo import services
from siteinfo.models import ProblemReport


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def problem_report_notify(report_id: int) -> None:
    """E-mail one problem report to the operator (retried if SMTP is down)."""
    report = ProblemReport.objects.select_related("site").filter(id=report_id).first()
    if report is not None:
        services.problem_report_notify(report=report)


@shared_task(ignore_result=True)
def problem_reports_purge() -> int:
    """Beat, daily: erase the problem reports past their retention period."""
    return services.problem_reports_purge()
