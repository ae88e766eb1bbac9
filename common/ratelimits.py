"""Limits on how often one visitor may post a form (django-ratelimit).

Public forms that take seats (online booking, Wallcode registrations) could be
filled by a script: past the limit a visitor gets a clear 429 page and nothing
is stored. The rates are settings (``RATE_LIMITS``), counted in the shared cache.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit


def client_address(request) -> str:
    """The visitor's address, as allauth's sign-in limits see it.

    ``ALLAUTH_TRUSTED_PROXY_COUNT`` hops from the right of X-Forwarded-For (what
    the proxy appended; what a client wrote before it is not trusted), else the
    connection's address.
    """
    from allauth.core.internal.httpkit import get_client_ip

    return get_client_ip(request) or request.META["REMOTE_ADDR"]


def post_limited(*, name: str, key: str):
    """Limit a view's POSTs to ``RATE_LIMITS[name]`` per ``key`` ("ip", "user")."""

    def rate(group, request) -> str:
        return settings.RATE_LIMITS[name]

    def decorator(view):
        @wraps(view)
        def refuse_when_limited(request, *args, **kwargs):
            if getattr(request, "limited", False):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return ratelimit(
            group=f"post.{name}", key=key, rate=rate, method="POST", block=False
        )(refuse_when_limited)

    return decorator
