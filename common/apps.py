from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared helpers; its one table holds Celery tasks the broker refused."""

    name = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common import receivers  # noqa: F401 (connects the page cache)
        from common.accents import unaccent_connect

        unaccent_connect()
