from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassesConfig(AppConfig):
    """Classes of children that a teacher or a Wallcode partner follows: their
    login cards, the coding course they take, and their progress puzzle by puzzle."""

    name = "classes"
    verbose_name = _("Classes")
    default_auto_field = "django.db.models.BigAutoField"
