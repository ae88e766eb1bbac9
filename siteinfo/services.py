"""Writes of the site information: problem reports and their notification."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from common.commit import task_after_commit
from common.idempotency import create_once
from common.links import absolute
from siteinfo import selectors
from siteinfo.models import ProblemReport

# The privacy notice promises it: reports are kept one year, then erased.
PROBLEM_REPORT_RETENTION = timedelta(days=365)


def problem_report_create(
    *,
    site: Site | None,
    kind: str,
    message: str,
    page_address: str = "",
    name: str = "",
    email: str = "",
    form_token: UUID | None = None,
) -> ProblemReport:
    """Store a visitor's problem report; e-mail the operator once it is saved.

    ``form_token``: the report form's; sent again, it gets the report it made,
    and the operator gets one e-mail.
    """
    new = ProblemReport(
        site=site,
        kind=kind,
        message=message,
        page_address=page_address,
        name=name,
        email=email,
        form_token=form_token,
    )
    # Not the token's uniqueness: a form sent again is create_once's to answer.
    new.full_clean(validate_unique=False)
    # A visitor has no account: the same details say it is the same form.
    same = ProblemReport.objects.filter(
        site=site,
        kind=new.kind,
        message=new.message,
        page_address=new.page_address,
        name=new.name,
        email=new.email,
    )
    report, created = create_once(same, form_token, lambda: _report_insert(new))

    from siteinfo import tasks

    if created:
        task_after_commit(tasks.problem_report_notify, report.id)
    return report


def _report_insert(report: ProblemReport) -> ProblemReport:
    report.save()
    return report


def problem_report_notify(*, report: ProblemReport) -> bool:
    """E-mail a report to the operator's address; False when there is none."""
    info = selectors.site_information_get(site=report.site)
    recipient = (info.email if info else "") or _fallback_recipient()
    if not recipient:
        return False
    context = {
        "report": report,
        "admin_url": absolute(
            reverse("wagtailsnippets_siteinfo_problemreport:edit", args=[report.pk])
        ),
        "site_name": settings.SITE_NAME,
    }
    # The operator reads French, whatever the visitor's language was.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            "siteinfo/email/problem_report_subject.txt", context
        ).strip()
        body = render_to_string("siteinfo/email/problem_report.txt", context)
    EmailMessage(
        subject,
        body,
        to=[recipient],
        reply_to=[report.email] if report.email else None,
    ).send()
    return True


def _fallback_recipient() -> str:
    """The site's managers, when the operator's e-mail is not filled in yet."""
    return next((email for _name, email in settings.MANAGERS), "")


def problem_reports_purge(*, now=None) -> int:
    """Erase the reports older than the retention period; return how many."""
    limit = (now or timezone.now()) - PROBLEM_REPORT_RETENTION
    deleted, _ = ProblemReport.objects.filter(created_at__lt=limit).delete()
    return deleted
