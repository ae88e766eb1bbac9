from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteinfoConfig(AppConfig):
    name = "siteinfo"
    verbose_name = _("Site information")

    def ready(self):
        from siteinfo import receivers

        receivers.connect()
