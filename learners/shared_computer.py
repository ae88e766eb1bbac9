"""Signing in with a login card, on a computer others use after you.

A card session ends when the browser closes, after ``CARD_IDLE_SECONDS``
without a request, or at the "I am done" button, which also asks the browser
to forget the site's cookies, storage and cache (``Clear-Site-Data``). Its
pages are never stored by the browser, so the back button shows nothing once
the person has left.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from learners.models import LoginCard

SESSION_KEY = "card_session_seen"
CARD_KEY = "card_session_card"
# Writing the session at every request would cost a write per page: once a
# minute is precise enough for a limit counted in minutes.
SEEN_PRECISION_SECONDS = 60
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def card_session_start(request, card: LoginCard) -> None:
    """Sign a card holder in, for this browser session only."""
    login(request, card.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.set_expiry(0)  # the cookie dies with the browser
    request.session[SESSION_KEY] = time.time()
    request.session[CARD_KEY] = card.id


def card_session_end(request, response):
    """Sign out, and ask the browser to forget everything of the site."""
    logout(request)
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    patch_cache_control(response, no_store=True)
    return response


def _card_live(request) -> bool:
    # A new card, or a stopped one, ends the sessions the old card opened: a
    # stolen card already signed in somewhere stops there too.
    return LoginCard.objects.filter(
        id=request.session.get(CARD_KEY), revoked_at__isnull=True
    ).exists()


def is_card_session(request) -> bool:
    return getattr(request, "card_session", False)


class SharedComputerMiddleware:
    """Ends idle card sessions, and keeps their pages out of the browser's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if seen is not None and request.user.is_authenticated:
            now = time.time()
            if now - seen > settings.CARD_IDLE_SECONDS or not _card_live(request):
                logout(request)
                response = redirect(reverse("learners:card_signed_out"))
                response["Clear-Site-Data"] = CLEAR_SITE_DATA
                return response
            if now - seen > SEEN_PRECISION_SECONDS:
                request.session[SESSION_KEY] = now
            request.card_session = True
        response = self.get_response(request)
        if is_card_session(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def shared_computer(request) -> dict:
    """Template context: the "I am done" button and the idle sign-out."""
    if not is_card_session(request):
        return {}
    return {
        "card_session": True,
        # The page leaves by itself a little after the server's limit, so the
        # next person finds it signed out even if nobody touches it.
        "card_idle_refresh": settings.CARD_IDLE_SECONDS + 5,
    }
