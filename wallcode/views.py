"""Wallcode pages: partners, group and child registration, reach reports.

Every page is a plain HTML page and every form a plain POST: nothing needs
JavaScript. Registration pages take no account: a teacher registers a class, a
parent a child, with a name and a phone number or an e-mail address. Without an
account, the registration waits until the link sent to that address or phone is
followed: only then does it take seats.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.idempotency import FormAlreadySent, form_token_refuse
from common.page_cache import AGENDA, shared_page
from common.ratelimits import post_limited
from common.views import domain_error_page, error_page
from scheduling import cancel_links
from scheduling import exceptions as scheduling_errors
from scheduling.models import Booking, Session
from wallcode import exceptions, reports, selectors, services
from wallcode.confirmation import CONFIRMATION_TIME
from wallcode.forms import (
    ChildRegistrationForm,
    GroupRegistrationForm,
    ReportPeriodForm,
)

# The booking just made, remembered in the visitor's session for the result page:
# no personal data and no booking key in a URL.
LAST_BOOKING = "wallcode_last_booking"
# Likewise the registration just requested, waiting for its confirmation.
LAST_REQUEST = "wallcode_last_request"
# Refusals that concern what was typed: shown on the form, which keeps the input.
FORM_ERRORS = {
    scheduling_errors.ContactMissing.code: "email",
    scheduling_errors.GuardianConsentMissing.code: "consent",
    scheduling_errors.SeatsInvalid.code: "seats",
    exceptions.GenderCountsOverSeats.code: "girls",
    exceptions.GroupLargerThanSession.code: "seats",
    exceptions.AgeOutsideActivity.code: "age_band",
}
# What a registration form answers itself (on the form, or on its own page).
REFUSALS = (
    scheduling_errors.SchedulingError,
    exceptions.WallcodeError,
    FormAlreadySent,
)


ERROR_TEMPLATE = "wallcode/error.html"
domain_errors = domain_error_page(ERROR_TEMPLATE)


@shared_page(AGENDA)
def partners(request):
    context = {
        "partners": selectors.partners_public(),
        "can_see_programme": selectors.programme_report_allowed(user=request.user),
    }
    return render(request, "wallcode/partners.html", context)


@shared_page(AGENDA)
def partner(request, slug: str):
    found = selectors.partner_get(slug=slug)
    if found is None:
        raise Http404
    context = {
        "partner": found,
        "sessions": selectors.partner_activities(partner=found)[:100],
        "can_see_report": selectors.partner_report_allowed(
            user=request.user, partner=found
        ),
    }
    return render(request, "wallcode/partner.html", context)


def _open_session(session_id: int) -> Session:
    """A Wallcode session taking registrations; 404 for any other session."""
    session = selectors.wallcode_session(session_id=session_id)
    if session is None:
        raise Http404
    closed = selectors.registration_closed(session=session)
    if closed is not None:
        raise closed
    return session


@post_limited(name="registration", key="ip")
@domain_errors
def group_register(request, session_id: int):
    session = _open_session(session_id)
    form = GroupRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _register(request, session, "group", dict(form.cleaned_data))
        except REFUSALS as error:
            return _refused(request, form, error, session, "group")
    return _form_page(request, form, session, "group")


@post_limited(name="registration", key="ip")
@domain_errors
def child_register(request, session_id: int):
    session = _open_session(session_id)
    form = ChildRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = dict(form.cleaned_data)
        details["guardian_consents"] = details.pop("consent")
        try:
            return _register(request, session, "child", details)
        except REFUSALS as error:
            return _refused(request, form, error, session, "child")
    return _form_page(request, form, session, "child")


def _register(request, session: Session, kind: str, details: dict) -> HttpResponse:
    """Register at once for someone signed in (their account answers for it);
    otherwise wait for the link sent to the address given to be followed.

    The same form sent again answers as the first time, registering nothing."""
    form_token = details.pop("form_token", None)
    if request.user.is_authenticated:
        create = REGISTER[kind]
        booking = create(
            session=session, booked_by=request.user, form_token=form_token, **details
        )
        return _registered(request, booking)
    pending = services.registration_request_create(
        session=session, kind=kind, details=details, form_token=form_token
    )
    request.session.pop(LAST_BOOKING, None)
    request.session[LAST_REQUEST] = str(pending.uuid)
    return redirect("wallcode:registered", session_id=session.id)


REGISTER = {
    "group": services.group_booking_create,
    "child": services.child_booking_create,
}


def _refused(request, form, error, session: Session, kind: str) -> HttpResponse:
    """Show a refusal on the form (input kept), or on its own page."""
    if isinstance(error, FormAlreadySent):
        form_token_refuse(form)
        return _form_page(request, form, session, kind)
    field = FORM_ERRORS.get(error.code)
    if field is None:
        return error_page(request, error, template=ERROR_TEMPLATE)
    form.add_error(field, str(error.message))
    return _form_page(request, form, session, kind)


def _form_page(request, form, session: Session, kind: str) -> HttpResponse:
    context = {
        "form": form,
        "session": session,
        "partner": session.organiser.wallcode_partner,
    }
    status = 400 if form.is_bound else 200  # a bound form shown again has errors
    return render(request, f"wallcode/register_{kind}.html", context, status=status)


def _registered(request, booking: Booking) -> HttpResponse:
    request.session.pop(LAST_REQUEST, None)
    request.session[LAST_BOOKING] = str(booking.uuid)
    return redirect("wallcode:registered", session_id=booking.session_id)


def registered(request, session_id: int):
    """What became of the registration just made: confirmed, waiting, or waiting
    for its maker to follow the link sent to them."""
    booking = selectors.registration_get(
        uuid=request.session.get(LAST_BOOKING, ""), session_id=session_id
    )
    pending = None
    if booking is None:
        pending = selectors.registration_request_get(
            uuid=request.session.get(LAST_REQUEST, ""), session_id=session_id
        )
        # Confirmed meanwhile, perhaps from the phone the message was read on.
        booking = pending.booking if pending is not None else None
    if booking is not None:
        context = {
            "booking": booking,
            "session": booking.session,
            "partner": booking.session.organiser.wallcode_partner,
            "cancel_path": cancel_links.cancel_path(booking),
        }
        return render(request, "wallcode/registered.html", context)
    if pending is None:
        raise Http404
    context = {
        "pending": pending,
        "details": pending.details,
        "hours": int(CONFIRMATION_TIME.total_seconds() // 3600),
        "session": pending.session,
        "partner": pending.session.organiser.wallcode_partner,
    }
    return render(request, "wallcode/check_messages.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def confirm(request, token: str):
    """The link sent to confirm a registration: a page with a button (POST), so
    that mail scanners following links confirm nothing."""
    if request.method == "POST":
        booking = services.registration_confirm(token=token)
        return _registered(request, booking)
    pending = selectors.registration_request_for_link(token=token)
    if pending.booking is not None:
        return _registered(request, pending.booking)
    context = {
        "pending": pending,
        "details": pending.details,
        "session": pending.session,
        "partner": pending.session.organiser.wallcode_partner,
    }
    return render(request, "wallcode/confirm.html", context)


def _period(request) -> tuple[ReportPeriodForm, tuple | None]:
    """The report's period: the current school year unless the visitor chose one."""
    start, end = reports.school_year(today=timezone.localdate())
    if "start" not in request.GET and "end" not in request.GET:
        return ReportPeriodForm(initial={"start": start, "end": end}), (start, end)
    form = ReportPeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, (form.cleaned_data["start"], form.cleaned_data["end"])


def _report(request, *, partner, template: str, csv_name: str, export: bool):
    form, period = _period(request)
    if period is None:
        if export:
            return HttpResponse(
                _("Give a valid period."), status=400, content_type="text/plain"
            )
        return render(request, template, {"form": form, "partner": partner}, status=400)
    report = reports.reach(start=period[0], end=period[1], partner=partner)
    if export:
        title = partner.name if partner else _("Wallcode programme")
        response = HttpResponse(
            "\ufeff" + reports.reach_csv(report, title=title),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"{csv_name}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {
        "form": form,
        "partner": partner,
        "report": report,
        "query": request.GET.urlencode(),
    }
    return render(request, template, context)


@login_required
def partner_report(request, slug: str, export: bool = False):
    found = selectors.partner_for_report(user=request.user, slug=slug)
    if found is None:
        raise Http404  # the same for anyone else's partner and for no partner
    return _report(
        request,
        partner=found,
        template="wallcode/report_partner.html",
        csv_name=f"wallcode-{found.slug}",
        export=export,
    )


@login_required
def programme_report(request, export: bool = False):
    if not selectors.programme_report_allowed(user=request.user):
        raise PermissionDenied
    return _report(
        request,
        partner=None,
        template="wallcode/report_programme.html",
        csv_name="wallcode-programme",
        export=export,
    )
