from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Single sign-on")

    def ready(self):
        from allauth.socialaccount.signals import social_account_added

        from sso.receivers import social_account_added_join_organisation

        # Only when a signed-in person links a provider (/accounts/3rdparty/):
        # a first sign-in through it calls the seam from the adapter.
        social_account_added.connect(
            social_account_added_join_organisation,
            dispatch_uid="sso.join_organisation_on_connect",
        )
