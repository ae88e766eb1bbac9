"""Domain errors of EPN spaces, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class EpnError(DomainError):
    code = "epn_error"
    status = 400
    message = _("This action is not possible.")


class PostalCodeUnknown(EpnError):
    code = "postal_code_unknown"
    message = _(
        "We do not know where this postal code is. Check it, try your commune's "
        "main postal code, or search by commune."
    )

    def __init__(self, postal_code: str = ""):
        self.postal_code = postal_code
        if postal_code:
            super().__init__(
                _(
                    "We do not know where the postal code %(postal_code)s is: the "
                    "directory knows the postal codes of Wallonia. Check it, or "
                    "type your commune's name."
                )
                % {"postal_code": postal_code}
            )
        else:
            super().__init__()
