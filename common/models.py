"""What common keeps in the database: tasks that could not be queued."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class DeferredTask(models.Model):
    """A Celery task whose dispatch after a commit failed (the broker was down).

    Only ids and codes are passed to the platform's tasks, never personal data,
    so the row holds none either. The beat sends it again (common.tasks).
    """

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d %H:%M})"
