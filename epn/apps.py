from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpnConfig(AppConfig):
    name = "epn"
    verbose_name = _("Public digital spaces (EPN)")
