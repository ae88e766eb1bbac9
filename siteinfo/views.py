"""The report-a-problem form of information pages, and the CSRF failure page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from common.idempotency import FormAlreadySent, form_token_refuse
from common.ratelimits import post_limited
from siteinfo import services
from siteinfo.forms import ProblemReportForm


def information_page_with_report_form(request, *, page):
    """An information page that offers the report form (GET) or takes it (POST)."""
    if request.method == "POST":
        return _report_post(request, page=page)
    form = ProblemReportForm(initial={"page_address": request.GET.get("page", "")})
    return _page_render(request, page=page, form=form)


@post_limited(name="problem_report", key="ip")
def _report_post(request, *, page):
    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return _page_render(request, page=page, form=form, status=400)
    try:
        services.problem_report_create(
            site=Site.find_for_request(request), **form.cleaned_data
        )
    except FormAlreadySent:
        form_token_refuse(form)
        return _page_render(request, page=page, form=form, status=400)
    messages.success(
        request,
        _(
            "Thank you: your report has been sent to our team. If you gave your "
            "e-mail address, we will answer within five working days."
        ),
    )
    # To the top of the content, where the confirmation is shown (the form's
    # "#report" would otherwise carry over and hide it below the fold).
    return redirect(page.get_url(request) + "#main")


def _page_render(request, *, page, form, status=200):
    context = page.get_context(request)
    context["report_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly, in the page's
    language (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)
