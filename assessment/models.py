"""A positioning test taken by a person, with or without an account."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One run of the test. Its answers are the whole state: the engine replays
    them for the next question and the profile (assessment.engine)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # None until the person has an account (the browser session holds it).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_attempts",
    )
    # [item id, right or not, the answer indexes chosen], in the order given.
    answers = models.JSONField(default=list)
    # The facilitator beside the person, when taken in an accompanied session.
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A random key in a link the person chose to share; None when not shared.
    share_key = models.CharField(max_length=32, null=True, blank=True, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("positioning test")
        verbose_name_plural = _("positioning tests")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.uuid} ({self.started_at:%Y-%m-%d})"

    @property
    def engine_answers(self) -> list[tuple[str, bool]]:
        return [(item_id, correct) for item_id, correct, _chosen in self.answers]
