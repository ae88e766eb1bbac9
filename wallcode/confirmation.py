"""Links that confirm a registration made without an account.

The link carries the pending registration's key, signed with ``SECRET_KEY``
(which production refuses to start without) and timed: it cannot be made up,
and it stops working after ``CONFIRMATION_TIME``.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.core import signing
from django.urls import reverse

from common.links import absolute
from wallcode import exceptions

CONFIRMATION_TIME = timedelta(hours=24)
_SIGNER = signing.TimestampSigner(salt="wallcode.registration-confirm")


def confirmation_url(pending) -> str:
    """The absolute link that confirms ``pending``, for the message sent."""
    token = _SIGNER.sign(str(pending.uuid))
    return absolute(reverse("wallcode:confirm", args=[token]))


def pending_uuid(token: str) -> UUID:
    """The pending registration a link names; a domain error for any bad link."""
    try:
        value = _SIGNER.unsign(token, max_age=CONFIRMATION_TIME)
    except signing.SignatureExpired:
        raise exceptions.ConfirmationLinkExpired() from None
    except signing.BadSignature:
        raise exceptions.ConfirmationLinkInvalid() from None
    return UUID(value)
