from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WallcodeConfig(AppConfig):
    name = "wallcode"
    verbose_name = _("Wallcode")
