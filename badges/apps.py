from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Open Badges")

    def ready(self):
        from badges.receivers import statements_stored_check_badges
        from xapi.signals import statements_stored

        statements_stored.connect(
            statements_stored_check_badges, dispatch_uid="badges.check_on_progress"
        )
