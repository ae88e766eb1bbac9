"""Reactions of the positioning test to signals of other apps."""

from __future__ import annotations

from assessment import services
from assessment.selectors import SESSION_KEY


def attempts_attach_on_sign_in(sender, request, user, **kwargs) -> None:
    """The tests taken in this browser before signing in become the person's."""
    uuids = request.session.get(SESSION_KEY, []) if request is not None else []
    if uuids:
        services.attempts_attach(uuids=uuids, user=user)
