"""Links that let a person cancel their booking from its messages.

A parent who registered a child, a teacher who booked for a class, someone
booked at the desk: they have no "My bookings" page, so their messages carry a
link to cancel. It names the booking, signed with ``SECRET_KEY``, so that
nobody can make one up from a booking's UUID (the check-in QR code shows it).
It needs no expiry: it stops working once the booking is cancelled or the
session has started.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from common.links import absolute
from scheduling.models import Booking

_SIGNER = signing.Signer(salt="scheduling.booking-cancel")


def cancel_path(booking: Booking) -> str:
    """Where ``booking`` is cancelled (after asking): for a person with an
    account, their own cancel page (they sign in); otherwise the signed link."""
    if booking.user_id:
        return reverse("scheduling:cancel", args=[booking.uuid])
    token = _SIGNER.sign(str(booking.uuid))
    return reverse("scheduling:cancel_by_link", args=[token])


def cancel_url(booking: Booking) -> str:
    """The absolute link of ``cancel_path``, for the booking's messages."""
    return absolute(cancel_path(booking))


def booking_by_link(token: str) -> Booking | None:
    """The booking a cancel link names; None for a link that was not ours."""
    try:
        booking_uuid = _SIGNER.unsign(token)
    except signing.BadSignature:
        return None
    return (
        Booking.objects.select_related("session")
        .filter(uuid=booking_uuid, user=None)
        .first()
    )
