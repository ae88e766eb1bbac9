"""Links that let a person without an account cancel their booking.

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


def cancel_url(booking: Booking) -> str:
    """The absolute link that cancels ``booking`` (after asking), for its messages."""
    token = _SIGNER.sign(str(booking.uuid))
    return absolute(reverse("scheduling:cancel_by_link", args=[token]))


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
