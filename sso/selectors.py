"""Reads of single sign-on: the providers a sign-in page offers."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db.models import QuerySet

from sso.models import IdentityProvider


def identity_providers_active() -> QuerySet[IdentityProvider]:
    """The providers people may sign in through, by name, with their apps."""
    return IdentityProvider.objects.filter(active=True).select_related("app")


def identity_provider_of(*, provider_id: str) -> IdentityProvider | None:
    """The provider of allauth's ``provider_id`` (a SocialAccount's provider)."""
    return (
        IdentityProvider.objects.select_related("app")
        .filter(app__provider_id=provider_id)
        .first()
    )


def identity_provider_origins() -> list[str]:
    """Where the sign-in buttons lead: the active providers' origins."""
    origins = set()
    for provider in identity_providers_active():
        parts = urlsplit(provider.server_url)
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)
