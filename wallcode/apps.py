from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WallcodeConfig(AppConfig):
    name = "wallcode"
    verbose_name = _("Wallcode")

    def ready(self):
        from wallcode import receivers  # noqa: F401 (connects the page cache)
