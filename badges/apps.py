from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Open Badges")
