"""Agenda, session pages, online booking, and the facilitators' pages.

Every page works without JavaScript; the session page's seat count also follows
bookings live through a WebSocket when scripts run.
"""

from __future__ import annotations

import json

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from wagtail import hooks

from common.idempotency import FormAlreadySent, form_token_refuse
from common.page_cache import AGENDA, shared_page
from common.ratelimits import post_limited
from common.views import domain_error_page
from scheduling import calendars, cancel_links, exceptions, links, selectors, services
from scheduling.forms import (
    AgendaFilterForm,
    AttendanceForm,
    BookingButtonForm,
    DeskBookingForm,
    SessionForm,
)
from scheduling.models import Booking, Session

scheduling_errors = domain_error_page("scheduling/error.html")
AGENDA_LENGTH = 200


@require_safe
@shared_page(AGENDA)
def agenda(request):
    """Upcoming workshops, soonest first, or nearest first around a place."""
    form = AgendaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {key: value for key, value in filters.items() if value}
    context = {
        "form": form,
        "found": None,
        "place_error": None,
        "near_radius_km": selectors.NEAR_RADIUS_KM,
    }
    try:
        context["found"] = selectors.agenda_search(limit=AGENDA_LENGTH, **filters)
    except exceptions.PlaceUnknown as error:
        context["place_error"] = error.message
    return render(request, "scheduling/agenda.html", context)


@shared_page(AGENDA)
def session(request, session_id: int):
    found = selectors.session_public(session_id=session_id)
    if found is None:
        raise Http404
    context = {
        "session": found,
        "booking": selectors.my_booking(user=request.user, session=found),
        "event_json_ld": _json_ld(_schema_event(found)),
        "other_ways_to_book": _other_ways_to_book(found),
        "contact": selectors.organiser_contact(organiser=found.organiser),
        "book_form": BookingButtonForm(),
    }
    return render(request, "scheduling/session.html", context)


def _other_ways_to_book(session: Session) -> list[tuple[str, str]]:
    """(label, URL) links that apps built on scheduling add to a session page.

    Wallcode adds its group and child registration forms through the
    ``session_booking_links`` hook: scheduling never imports the apps above it.
    """
    return [
        link
        for hook in hooks.get_hooks("session_booking_links")
        for link in hook(session)
    ]


def _schema_event(session: Session) -> dict:
    """schema.org Event, for search engines and agenda sites."""
    status = {
        Session.Status.CANCELLED: "https://schema.org/EventCancelled",
    }.get(session.status, "https://schema.org/EventScheduled")
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": session.description,
        "startDate": session.starts_at,
        "endDate": session.ends_at,
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": session.language,
        "url": links.session_url(session),
        "location": {
            "@type": "Place",
            "name": session.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": session.address,
                "postalCode": session.postal_code,
                "addressLocality": session.commune,
                "addressCountry": "BE",
            },
        },
        "organizer": {"@type": "Organization", "name": session.organiser.name},
        "maximumAttendeeCapacity": session.capacity,
        "remainingAttendeeCapacity": session.seats_left,
        "offers": {
            "@type": "Offer",
            "price": str(session.price),
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock"
            if session.seats_left
            else "https://schema.org/SoldOut",
            "url": links.session_url(session),
        },
    }


def _json_ld(data: dict) -> str:
    # Inside <script>: "<", ">" and "&" escaped so no text can close the element.
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)


@login_required
@require_POST
@post_limited(name="booking", key="user")
@scheduling_errors
def book(request, session_id: int):
    found = selectors.session_public(session_id=session_id)
    if found is None:
        raise Http404
    form = BookingButtonForm(request.POST)
    form.is_valid()  # always: a missing or garbled token is no token
    booking = services.booking_create(
        session=found,
        name=str(request.user),
        user=request.user,
        form_token=form.cleaned_data["form_token"],
    )
    if booking.status == Booking.Status.CONFIRMED:
        messages.success(request, _("Your seat is booked."))
    else:
        messages.info(
            request,
            _("The session is full: you are on the waiting list. We will tell you."),
        )
    return redirect("scheduling:session", session_id=found.id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@scheduling_errors
def cancel(request, booking_uuid):
    """Cancel one of my bookings: the page asks first, its button (POST) cancels."""
    booking = selectors.my_booking_get(user=request.user, booking_uuid=booking_uuid)
    if booking is None:
        raise Http404
    if booking.status == Booking.Status.CANCELLED:
        raise exceptions.BookingAlreadyCancelled()
    if request.method != "POST":
        return render(request, "scheduling/cancel.html", {"booking": booking})
    services.booking_cancel(booking=booking)
    messages.success(request, _("Your booking is cancelled."))
    return redirect("scheduling:session", session_id=booking.session_id)


@require_http_methods(["GET", "HEAD", "POST"])
@scheduling_errors
def cancel_by_link(request, token: str):
    """The link in the messages of a booking made without an account: the
    page asks first, its button (POST) cancels, so that mail scanners
    following links cancel nothing."""
    booking = cancel_links.booking_by_link(token)
    if booking is None:
        raise Http404
    if booking.status == Booking.Status.CANCELLED:
        # The link followed again: nothing wrong, nothing more to do.
        return render(request, "scheduling/cancelled.html", {"booking": booking})
    if request.method != "POST":
        context = {"booking": booking, "cancel_action": request.path}
        return render(request, "scheduling/cancel.html", context)
    services.booking_cancel_before_start(booking=booking)
    messages.success(
        request,
        _("The booking of %(name)s is cancelled. Thank you for telling us.")
        % {"name": booking.name},
    )
    return redirect("scheduling:session", session_id=booking.session_id)


@login_required
def my_bookings(request):
    context = {
        "bookings": selectors.my_bookings(user=request.user),
        "is_facilitator": selectors.organisers_of(user=request.user).exists(),
        "feed_url": request.build_absolute_uri(
            reverse(
                "scheduling:learner_feed",
                args=[calendars.learner_feed_token(request.user)],
            )
        ),
    }
    return render(request, "scheduling/my_bookings.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def learner_feed_renew(request):
    """Make a new calendar link: the old one, perhaps shared, stops working
    (asked first: calendars that use it stop showing the person's workshops)."""
    if request.method != "POST":
        return render(request, "scheduling/feed_renew.html")
    calendars.learner_feed_renew(request.user)
    messages.success(
        request,
        _(
            "Here is a new calendar link. The old one no longer works: add the "
            "new one to your calendar app."
        ),
    )
    return redirect("scheduling:my_bookings")


@login_required
def booking_ticket(request, booking_uuid):
    """A booking's QR code, to show at the desk (it opens the check-in page)."""
    booking = selectors.my_booking_get(user=request.user, booking_uuid=booking_uuid)
    if booking is None:
        raise Http404
    qr = segno.make(links.check_in_url(booking), error="m")
    context = {
        "booking": booking,
        "qr_svg": mark_safe(qr.svg_inline(scale=5, title=_("QR code of the booking"))),
    }
    return render(request, "scheduling/ticket.html", context)


def organiser_feed(request, organiser_id: int):
    organiser = selectors.organiser_get(organiser_id=organiser_id)
    if organiser is None:
        raise Http404
    sessions = selectors.agenda(organiser=organiser)
    return _ics(calendars.sessions_calendar(name=organiser.name, sessions=sessions))


def learner_feed(request, token: str):
    user = calendars.learner_from_feed_token(token)
    if user is None:
        raise Http404
    sessions = [b.session for b in selectors.my_bookings(user=user)]
    return _ics(calendars.sessions_calendar(name=_("My workshops"), sessions=sessions))


@require_safe
def session_calendar(request, session_id: int):
    """One session as a calendar file to open ("Add to my calendar").

    A cancelled session's file says so (STATUS:CANCELLED) rather than vanishing;
    a draft's is not found.
    """
    found = selectors.session_public(session_id=session_id)
    if found is None:
        raise Http404
    response = _ics(calendars.session_calendar(session=found))
    filename = f"{slugify(found.title) or 'workshop'}-{found.id}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ics(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


# Facilitators: each page checks, per object, that the session is one of theirs.


def _member_session(request, session_id: int) -> Session:
    """A session the signed-in person runs; 404 for anyone else's (not 403: no
    telling that it exists)."""
    found = selectors.session_for_member(user=request.user, session_id=session_id)
    if found is None:
        raise Http404
    return found


@login_required
def facilitator_home(request):
    organisers = selectors.organisers_of(user=request.user)
    if not organisers:
        raise Http404
    context = {
        "organisers": organisers,
        "sessions": selectors.desk_sessions(user=request.user),
    }
    return render(request, "scheduling/facilitator/home.html", context)


@login_required
@scheduling_errors
def facilitator_session_edit(request, session_id: int | None = None):
    organisers = selectors.organisers_of(user=request.user)
    if not organisers:
        raise Http404
    instance = None
    if session_id is not None:
        instance = selectors.session_for_member(
            user=request.user, session_id=session_id
        )
        if instance is None:
            raise Http404
    form = SessionForm(request.POST or None, instance=instance, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.session_save(
                session=form.save(commit=False),
                facilitators=[request.user],
                form_token=form.cleaned_data.get("form_token"),
            )
        except exceptions.SchedulingError as error:
            form.add_error(None, str(error.message))
        except FormAlreadySent:
            form_token_refuse(form)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("scheduling:facilitator_session", session_id=saved.id)
    return render(request, "scheduling/facilitator/session_form.html", {"form": form})


@login_required
@scheduling_errors
def facilitator_session(request, session_id: int):
    found = _member_session(request, session_id)
    desk_form = DeskBookingForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and desk_form.is_valid():
        try:
            booking = services.desk_booking_create(
                session=found, booked_by=request.user, **desk_form.cleaned_data
            )
        except exceptions.LikelyDuplicate as error:
            duplicates = error.bookings
        except exceptions.SchedulingError as error:
            desk_form.add_error(None, str(error.message))
        except FormAlreadySent:
            form_token_refuse(desk_form)
        else:
            messages.success(
                request,
                _("%(name)s is booked in (%(status)s).")
                % {"name": booking.name, "status": booking.get_status_display()},
            )
            return redirect("scheduling:facilitator_session", session_id=found.id)
    bookings = list(selectors.session_bookings(session=found))
    context = {
        "session": found,
        "bookings": bookings,
        "confirmed": [b for b in bookings if b.status == Booking.Status.CONFIRMED],
        "desk_form": desk_form,
        "duplicates": duplicates,
    }
    return render(request, "scheduling/facilitator/session.html", context)


@login_required
@require_POST
@scheduling_errors
def facilitator_attendance(request, session_id: int):
    """The whole list at once (kept for a list posted in one go).

    A list naming anything but this session's bookings is refused whole: a
    forged id changes nothing, here or in another session.
    """
    found = _member_session(request, session_id)
    form = AttendanceForm(
        request.POST, bookings=selectors.session_bookings(session=found)
    )
    if not form.is_valid():
        raise exceptions.AttendanceListInvalid()
    services.attendance_list_set(
        session=found,
        present_ids={str(booking.id) for booking in form.cleaned_data["attended"]},
    )
    messages.success(request, _("Attendance is saved."))
    return redirect("scheduling:facilitator_session", session_id=found.id)


@login_required
@require_POST
@scheduling_errors
def facilitator_booking_attendance(request, booking_id: int):
    """One tap on a person's row: present, or not present after all."""
    booking = selectors.booking_for_member(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404
    booking = services.attendance_set(
        booking=booking, attended=request.POST.get("attended") == "1"
    )
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"attended": booking.attended})
    url = reverse("scheduling:facilitator_session", args=[booking.session_id])
    return redirect(f"{url}#booking-{booking.id}")


@login_required
@scheduling_errors
def check_in(request, booking_uuid):
    """Where a booking's QR code leads: its facilitator confirms the person came."""
    booking = selectors.booking_for_check_in(
        user=request.user, booking_uuid=booking_uuid
    )
    if booking is None:
        raise Http404
    if request.method == "POST":
        services.attendance_set(booking=booking, attended=True)
        messages.success(request, _("%(name)s is present.") % {"name": booking.name})
        return redirect("scheduling:facilitator_session", session_id=booking.session_id)
    return render(request, "scheduling/facilitator/check_in.html", {"booking": booking})


@login_required
@require_http_methods(["GET", "POST"])
@scheduling_errors
def facilitator_booking_cancel(request, booking_id: int):
    """GET asks first; POST cancels the booking."""
    booking = selectors.booking_for_member(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404
    if request.method == "GET":
        return render(
            request, "scheduling/facilitator/booking_cancel.html", {"booking": booking}
        )
    services.booking_cancel_by_staff(booking=booking, staff=request.user)
    messages.success(
        request, _("The booking of %(name)s is cancelled.") % {"name": booking.name}
    )
    return redirect("scheduling:facilitator_session", session_id=booking.session_id)


@login_required
@require_http_methods(["GET", "POST"])
@scheduling_errors
def facilitator_session_cancel(request, session_id: int):
    """GET says who will be told; POST cancels the session and tells them."""
    found = _member_session(request, session_id)
    if request.method == "GET":
        context = {
            "session": found,
            "reach": selectors.session_cancel_reach(session=found),
        }
        return render(request, "scheduling/facilitator/session_cancel.html", context)
    told = services.session_cancel(session=found)
    messages.success(
        request,
        ngettext(
            "The session is cancelled; %(count)d person is told.",
            "The session is cancelled; %(count)d people are told.",
            told,
        )
        % {"count": told},
    )
    return redirect("scheduling:facilitator_session", session_id=found.id)
