"""allauth's OpenID Connect views, rate-limited; signing out of a provider.

allauth limits failed password sign-ins, not these: each start of a sign-in
stores state in the session and each callback makes the server call the
provider twice (token, user info), so a script could make us hammer it.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.account.views import logout as allauth_logout
from allauth.socialaccount.providers.openid_connect import views as oidc
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from sso import selectors


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


def sign_out(request):
    """allauth's sign-out; who came through a provider then lands on a page
    that offers to leave the provider too.

    Not an automatic redirect: the sign-out form (in every page's header) may
    only lead to our own origin (``form-action 'self'``), and leaving the
    provider also ends the person's other applications there: their choice.
    """
    provider_id = None
    if request.method == "POST" and request.user.is_authenticated:
        records = get_authentication_records(request, request.user)
        social = [each for each in records if each.get("method") == "socialaccount"]
        if social:
            provider_id = social[-1].get("provider")
    response = allauth_logout(request)
    if provider_id and not request.user.is_authenticated:
        return redirect("sso:signed_out", provider_id=provider_id)
    return response


@_limited  # each view reads the provider's discovery document
def signed_out(request, provider_id: str):
    """Signed out here; a link to the provider's own sign-out, if it has one."""
    provider = selectors.identity_provider_of(provider_id=provider_id)
    if provider is None or not provider.active:
        raise Http404
    return render(
        request,
        "sso/signed_out.html",
        {
            "provider": provider,
            "end_session_url": selectors.end_session_url(
                request=request, provider=provider
            ),
        },
    )
