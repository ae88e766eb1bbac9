from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = _("Sessions and bookings")

    def ready(self):
        from scheduling import receivers  # noqa: F401 (connects the page cache)
