"""An organisation's identity provider, as the sign-in page offers it.

allauth's ``SocialApp`` holds the protocol side (provider id, discovery URL,
client id and secret); this model holds what the platform adds to it: the name
on the button, whether the button is shown, and the organisation whose people
sign in through it.
"""

from allauth.socialaccount.models import SocialApp
from django.db import models
from django.utils.translation import gettext_lazy as _

# allauth's SocialApp.name, which the provider's name mirrors.
NAME_MAX_LENGTH = 40


class IdentityProvider(models.Model):
    name = models.CharField(
        _("name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            'As people know it, shown on the button: "Sign in with <name>". '
            "E.g. SPW or CSAM."
        ),
    )
    app = models.OneToOneField(
        SocialApp,
        on_delete=models.CASCADE,
        related_name="identity_provider",
        verbose_name=_("OpenID Connect application"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="identity_providers",
        verbose_name=_("organisation"),
        help_text=_(
            "Whoever signs in through this provider joins it: in the team of "
            "their invitation, if one waits for their address."
        ),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive: no button, and nobody can sign in through it."),
    )

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """allauth's provider id: in the sign-in URLs and on each SocialAccount."""
        return self.app.provider_id

    @property
    def server_url(self) -> str:
        return self.app.settings.get("server_url", "")
