from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The EPN desk: accounts made for people without e-mail, their cards, the
    people a space accompanies, accompanied learning, and what was done for whom."""

    name = "desk"
    verbose_name = _("EPN desk")
    default_auto_field = "django.db.models.BigAutoField"
