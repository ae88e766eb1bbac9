"""Domain errors of single sign-on, each with a stable code and a message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class SsoError(DomainError):
    code = "sso_error"
    status = 400
    message = _("This action is not possible.")


class ProviderIdTaken(SsoError):
    code = "provider_id_taken"
    message = _("Another identity provider already has this identifier.")
