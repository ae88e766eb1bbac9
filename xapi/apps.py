from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("Learning Record Store (xAPI)")

    def ready(self):
        from xapi.models import ExternalLRS

        for signal in (post_save, post_delete):
            signal.connect(
                _remote_changed, sender=ExternalLRS, dispatch_uid="xapi.remote_changed"
            )


def _remote_changed(**kwargs) -> None:
    # Which remotes are active is cached per process (xapi.forwarding).
    from xapi.forwarding import active_remotes_forget

    active_remotes_forget()
