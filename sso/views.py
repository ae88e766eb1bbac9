"""allauth's OpenID Connect sign-in and callback views, rate-limited.

allauth limits failed password sign-ins, not these: each start of a sign-in
stores state in the session and each callback makes the server call the
provider twice (token, user info), so a script could make us hammer it.
"""

from __future__ import annotations

from allauth.socialaccount.providers.openid_connect import views as oidc
from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit


def _rate(group, request) -> str:
    return settings.RATE_LIMITS["sso"]


def _limited(view):
    @ratelimit(group="sso", key="ip", rate=_rate, method=ratelimit.ALL, block=False)
    def refuse_when_limited(request, provider_id: str):
        if getattr(request, "limited", False):
            return render(request, "429.html", status=429)
        return view(request, provider_id)

    refuse_when_limited.login_not_required = True
    return refuse_when_limited


login = _limited(oidc.login)
callback = _limited(oidc.callback)
