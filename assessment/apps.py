from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """ "Where do I stand?": the DigComp positioning test and what it leads to."""

    name = "assessment"
    verbose_name = _("Positioning test")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from assessment.receivers import attempts_attach_on_sign_in

        user_logged_in.connect(attempts_attach_on_sign_in, dispatch_uid="assessment")
