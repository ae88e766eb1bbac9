from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared helpers; its one table holds Celery tasks the broker refused."""

    name = "common"
    default_auto_field = "django.db.models.BigAutoField"
