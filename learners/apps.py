from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.users.models import UserProfile

        from learners.receivers import (
            statements_stored_project_progress,
            wagtail_profile_language_default,
        )
        from xapi.signals import statements_stored

        pre_save.connect(
            wagtail_profile_language_default,
            sender=UserProfile,
            dispatch_uid="learners.wagtail_profile_language",
        )
        # Connected before badges' receiver (learners comes first in
        # INSTALLED_APPS): a badge check then reads the progress just projected.
        statements_stored.connect(
            statements_stored_project_progress, dispatch_uid="learners.progress"
        )
