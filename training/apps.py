from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training paths: ordered courses, workshops and the positioning test that
    an organisation's managers assign to their teams and people, with a due
    date; the platform's editors publish paths every organisation may copy."""

    name = "training"
    verbose_name = _("Training paths")
    default_auto_field = "django.db.models.BigAutoField"
