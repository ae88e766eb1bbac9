"""allauth's OpenID Connect views, rate-limited; signing out of a provider;
a question before allauth removes an e-mail address.

allauth limits failed password sign-ins, not these: each start of a sign-in
stores state in the session and each callback makes the server call the
provider twice (token, user info), so a script could make us hammer it.
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.views import logout as allauth_logout
from allauth.socialaccount.providers.openid_connect import views as oidc
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
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


@login_required
def email_remove(request):
    """Asks "Remove the address X?" before allauth removes it.

    "Remove" on allauth's page of addresses posts the chosen one here (never in
    a URL); "Yes" posts it on to allauth's own view (``account_email``), which
    removes it under its own rules. Without JavaScript: allauth's question is a
    script.
    """
    if request.method != "POST":
        return redirect("account_email")
    address = selectors.email_address_of(
        user=request.user, email=request.POST.get("email", "")
    )
    if address is None:
        return redirect("account_email")
    adapter = get_adapter(request)
    if not adapter.can_delete_email(address):
        # No question allauth would refuse: its answer at once, in its words.
        adapter.add_message(
            request,
            messages.ERROR,
            "account/messages/cannot_delete_primary_email.txt",
            {"email": address.email},
        )
        return redirect("account_email")
    return render(request, "sso/email_remove.html", {"email_address": address})
