"""The operators' form of an identity provider (Wagtail admin).

Shape only; the provider and its allauth app are written by the services. The
client secret is write-only: never rendered back, blank keeps the stored one.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from common.links import absolute
from sso import services
from sso.exceptions import ProviderIdTaken, SsoError


class IdentityProviderForm(WagtailAdminModelForm):
    provider_id = forms.SlugField(
        label=_("Identifier"),
        max_length=100,
        help_text=_(
            "Short, in the sign-in addresses, e.g. spw. It cannot change later: "
            "people's accounts are linked to it."
        ),
    )
    server_url = forms.URLField(
        label=_("Issuer URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The provider's issuer; its /.well-known/openid-configuration is read "
            "from there."
        ),
    )
    client_id = forms.CharField(label=_("Client ID"), max_length=191)
    client_secret = forms.CharField(
        label=_("Client secret"),
        max_length=191,
        required=False,
        strip=True,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "new-password"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            app = self.instance.app
            self.initial.update(
                provider_id=app.provider_id,
                server_url=self.instance.server_url,
                client_id=app.client_id,
            )
            self.fields["provider_id"].disabled = True
            self.fields["provider_id"].help_text = _(
                "At the provider, register %(callback)s as redirect URI and "
                "%(home)s as post-logout redirect URI."
            ) % {
                "callback": absolute(
                    f"/accounts/oidc/{app.provider_id}/login/callback/"
                ),
                "home": absolute("/"),
            }
            self.fields["client_secret"].help_text = _(
                "Stored, never shown. Leave blank to keep it."
            )
        else:
            self.fields["client_secret"].required = True

    def save(self, commit: bool = True):
        if not commit:
            return super().save(commit=False)
        details = {
            "name": self.cleaned_data["name"],
            "server_url": self.cleaned_data["server_url"],
            "client_id": self.cleaned_data["client_id"],
            "client_secret": self.cleaned_data["client_secret"],
            "active": self.cleaned_data["active"],
            "organisation": self.cleaned_data.get("organisation"),
        }
        try:
            if self.instance.pk is None:
                self.instance = services.identity_provider_create(
                    provider_id=self.cleaned_data["provider_id"], **details
                )
            else:
                self.instance = services.identity_provider_update(
                    provider=self.instance, **details
                )
        except SsoError as error:
            # Raced with another operator between clean() and save().
            raise forms.ValidationError(error.message, code=error.code) from error
        return self.instance

    def clean_provider_id(self) -> str:
        from allauth.socialaccount.models import SocialApp

        provider_id = self.cleaned_data["provider_id"]
        taken = SocialApp.objects.filter(provider_id=provider_id)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.app_id)
        if taken.exists():
            raise forms.ValidationError(
                ProviderIdTaken.message, code="provider_id_taken"
            )
        return provider_id
