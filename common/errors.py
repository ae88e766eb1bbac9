"""The base of every app's domain errors: a stable code, an HTTP status and a
translatable message that views and commands show as they are."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "error"
    status = 400
    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))
