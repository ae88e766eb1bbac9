"""Receivers of allauth's signals: each calls one service."""

from __future__ import annotations

from sso import selectors, services


def social_account_added_join_organisation(sender, request, sociallogin, **kwargs):
    """Someone signed in here linked their account to a provider (after signing
    in there too): the same seam as a first sign-in through it."""
    provider = selectors.identity_provider_of(provider_id=sociallogin.account.provider)
    if provider is not None:
        services.join_organisation_of(provider=provider, user=sociallogin.user)
