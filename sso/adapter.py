"""allauth's social accounts as the platform wants them.

- Only the apps of active identity providers exist for allauth: an inactive
  provider's sign-in and callback URLs answer 404.
- A first sign-in makes a learner (name and language) and calls the
  organisation seam, ``services.join_organisation_of``.
- No account is ever connected by e-mail (``SOCIALACCOUNT_EMAIL_AUTHENTICATION``
  stays off): a provider's e-mail address does not open a local account, nor
  one connected to another provider (see config.settings).
"""

from __future__ import annotations

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from sso import selectors, services
from sso.models import IdentityProvider


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        active = set(
            IdentityProvider.objects.filter(
                active=True, app__in=[app.pk for app in apps if app.pk]
            ).values_list("app_id", flat=True)
        )
        return [app for app in apps if app.pk in active]

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # The platform greets people by first name (learners.User.display_name).
        name = data.get("first_name") or (data.get("name") or "").partition(" ")[0]
        limit = user._meta.get_field("display_name").max_length
        user.display_name = (name or "")[:limit]
        user.language = (getattr(request, "LANGUAGE_CODE", "fr") or "fr")[:2]
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        provider = selectors.identity_provider_of(
            provider_id=sociallogin.account.provider
        )
        if provider is not None:
            services.join_organisation_of(provider=provider, user=user)
        return user
