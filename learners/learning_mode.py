"""How a learner learns right now: alone, accompanied by a facilitator, or in a
group, told apart in every statement of their actions.

Each statement the platform makes about a learner's action carries the context
extension ``LEARNING_MODE`` (``{XAPI_IRI_BASE}extensions/learning-mode``) with
one of ``alone``, ``accompanied`` or ``group`` (a workshop's attendance). An
accompanied statement also names the facilitator as the context's
``instructor``, by their opaque account like any learner's.

A facilitator opens an accompanied session from the desk (desk app); the
learner's browser session then holds it (``accompanied_start``) until the
learner ends it, signs out, or ``ACCOMPANIED_HOURS`` pass. The statements are
built during the request, which the middleware below makes known to them.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings

ALONE, ACCOMPANIED, GROUP = "alone", "accompanied", "group"
SESSION_KEY = "accompanied"
ACCOMPANIED_HOURS = 3

_current: ContextVar[dict | None] = ContextVar("accompanied", default=None)


def learning_mode_iri() -> str:
    """The IRI of the platform's context extension for the learning mode."""
    return f"{settings.XAPI_IRI_BASE}extensions/learning-mode"


def accompanied_start(request, *, facilitator, space: str) -> None:
    """From now on in this browser session, the learner learns accompanied."""
    request.session[SESSION_KEY] = {
        "facilitator_id": facilitator.id,
        "facilitator_uid": str(facilitator.learner_uid),
        "facilitator_name": str(facilitator),
        "space": space,
        "until": time.time() + ACCOMPANIED_HOURS * 3600,
    }


def accompanied_end(request) -> None:
    request.session.pop(SESSION_KEY, None)


def accompaniment_of(request) -> dict | None:
    """The accompanied session this browser session is in, if any and current."""
    found = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if found is None or found["until"] < time.time():
        return None
    return found


def current_accompaniment() -> dict | None:
    """The accompanied session of the request being served (for statements)."""
    return _current.get()


class LearningModeMiddleware:
    """Makes the request's accompanied session known to the statements it builds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = None
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            found = accompaniment_of(request)
        request.accompanied = found
        token = _current.set(found)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def accompanied_banner(request) -> dict:
    """Template context: who accompanies the learner now."""
    return {"accompanied": getattr(request, "accompanied", None)}
