"""Domain errors of the EPN desk, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class DeskError(DomainError):
    code = "desk_error"
    status = 400
    message = _("This action is not possible.")


class ConsentMissing(DeskError):
    code = "consent_missing"
    message = _(
        "Explain each point of the notice to the person and tick it: without "
        "their agreement, no account is made."
    )


class AccompanimentEnded(DeskError):
    code = "accompaniment_ended"
    status = 409
    message = _("This person is no longer accompanied by your space.")


class AccompanyCodeInvalid(DeskError):
    code = "accompany_code_invalid"
    message = _(
        "This code does not open an accompanied session. Ask the facilitator for "
        "the code on their screen: it works for 15 minutes."
    )


class AccountAlreadyMade(DeskError):
    """The "make the account" form was sent again: the account exists already
    (its card was given with the first answer)."""

    code = "account_already_made"

    def __init__(self, accompaniment):
        super().__init__()
        self.accompaniment = accompaniment
