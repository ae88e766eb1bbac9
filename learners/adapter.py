"""allauth speaks as the platform: its name and SITE_BASE_URL, never the host.

Without ``django.contrib.sites`` allauth names the site after the request's host
("Bonjour, c'est 127.0.0.1:8000 !") and builds links on it. Every account
e-mail (confirmation, password reset, already registered, unknown account)
goes through ``send_mail``, which gives them the platform instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.links import absolute


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's templates read from ``current_site``."""

    name: str
    domain: str


def platform_site() -> PlatformSite:
    """The platform as allauth's e-mails name it: SITE_NAME at SITE_BASE_URL."""
    return PlatformSite(name=settings.SITE_NAME, domain=absolute("/"))


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's "Please type your current password." reads as if the field
        # were empty; it is said when the password typed is not the right one.
        "enter_current_password": _(
            "This is not your current password. Type the password you sign in with."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": platform_site(),
        }
        ctx.update(
            {key: _on_site_base(value, request) for key, value in context.items()}
        )
        self.render_mail(template_prefix, email, ctx).send()

    def get_password_change_redirect_url(self, request) -> str:
        """Back to the profile, where the person came from ("Your password is
        changed." shows there), not to an emptied form."""
        return reverse("learners:profile")

    def _get_login_attempts_cache_key(self, request, **credentials: Any) -> str:
        """Failed sign-ins count per account, whatever host name was used.

        allauth puts the request's host in the key: each allowed host name
        (with or without www, an IP address) would give an attacker a fresh
        count for the same account. A private hook of allauth's, also used
        to clear the count after a password reset; tests cover both.
        """
        return credentials.get("email", credentials.get("username", "")).lower()


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The QR code to scan, drawn by segno (already used for booking codes)
        rather than the ``qrcode`` package allauth would need installed."""
        svg = io.BytesIO()
        # A namespaced document: allauth shows it as an <img> data URI.
        segno.make(url, error="m").save(svg, kind="svg", xmldecl=False, scale=4)
        return svg.getvalue().decode()


def _on_site_base(value: Any, request) -> Any:
    """A link allauth built on the request's host, moved to SITE_BASE_URL."""
    if request is None or not isinstance(value, str):
        return value
    request_base = request.build_absolute_uri("/")
    if value.startswith(request_base):
        return absolute("/" + value.removeprefix(request_base))
    return value
