from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpnConfig(AppConfig):
    name = "epn"
    verbose_name = _("Public digital spaces (EPN)")

    def ready(self):
        from epn import receivers  # noqa: F401 (connects the page cache)
