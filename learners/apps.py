from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.users.models import UserProfile

        from learners.receivers import wagtail_profile_language_default

        pre_save.connect(
            wagtail_profile_language_default,
            sender=UserProfile,
            dispatch_uid="learners.wagtail_profile_language",
        )
