"""The people an EPN space accompanies, and every action done on their behalf."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scheduling.models import Organiser


class Accompaniment(models.Model):
    """A person an EPN space helps, who agreed to it: its facilitators see the
    person's courses, progress and bookings (never their answers), and act for
    them. It ends when either side ends it, or after a long time unused."""

    class EndReason(models.TextChoices):
        PERSON = "person", _("Ended by the person")
        FACILITATOR = "facilitator", _("Ended by the space")
        INACTIVITY = "inactivity", _("Ended after a long time without activity")

    organiser = models.ForeignKey(
        Organiser, on_delete=models.CASCADE, related_name="accompaniments"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accompaniments",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    started_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True)
    # The "make the account" form that started it (common.idempotency): the
    # same form sent twice makes one account.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("accompaniment")
        verbose_name_plural = _("accompaniments")
        ordering = ["-last_activity_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "learner"],
                condition=models.Q(ended_at__isnull=True),
                name="desk_accompanied_once",
                violation_error_message=_(
                    "This space accompanies this person already."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.organiser}"

    @property
    def is_live(self) -> bool:
        return self.ended_at is None


class OnBehalfAction(models.Model):
    """One thing a facilitator did for a person: the person sees the list on
    their own page, the space's manager reviews it."""

    class Kind(models.TextChoices):
        ACCOUNT_CREATED = "account_created", _("Made the account")
        CARD_ISSUED = "card_issued", _("Gave a new login card")
        CARD_REVOKED = "card_revoked", _("Stopped the login card")
        ENROLLED = "enrolled", _("Enrolled in a course")
        BOOKED = "booked", _("Booked a workshop seat")
        BOOKING_CANCELLED = "booking_cancelled", _("Cancelled a workshop booking")
        PROFILE_CHANGED = "profile_changed", _("Changed the profile")
        ACCOMPANIED = "accompanied", _("Started an accompanied session")
        ENDED = "ended", _("Ended the accompaniment")
        PAPER_TEST = "paper_test", _("Typed in a paper positioning test")

    organiser = models.ForeignKey(
        Organiser, on_delete=models.CASCADE, related_name="on_behalf_actions"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="on_behalf_actions",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What the action was about, in words (a course's or a session's title):
    # never a code, a PIN or anything else secret.
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action on behalf of a person")
        verbose_name_plural = _("actions on behalf of people")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organiser", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.learner} ({self.at:%Y-%m-%d})"


class AccompanyCode(models.Model):
    """A short code on the facilitator's screen, typed on the person's device,
    that opens an accompanied session there. It works once, for 15 minutes."""

    accompaniment = models.ForeignKey(
        Accompaniment, on_delete=models.CASCADE, related_name="codes"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=6)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accompanied session code")
        verbose_name_plural = _("accompanied session codes")
        indexes = [models.Index(fields=["accompaniment", "code"])]

    def __str__(self) -> str:
        return f"{self.accompaniment} ({self.expires_at:%H:%M})"


class ErasureNotice(models.Model):
    """That the spaces were told an unused account made at the desk will be
    erased (``desk.retention``): once per stretch of disuse. The person coming
    back makes it stale; after another long stretch, a new notice is sent."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erasure_notices",
    )
    # The person's last use the notice counted from: a later use cancels it.
    last_used_at = models.DateTimeField()
    # The local day of the erasure, as the notice said.
    erase_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("erasure notice")
        verbose_name_plural = _("erasure notices")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "last_used_at"], name="desk_erasure_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} — {self.erase_on:%Y-%m-%d}"
