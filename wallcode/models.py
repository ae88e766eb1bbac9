"""Wallcode partners: the coding clubs, schools and associations of the programme.

A partner runs its activities through the scheduling engine: it is one
``scheduling.Organiser`` (kind "partner"), created and kept in step by
``wallcode.services.partner_save``. Its members are the organiser's
``scheduling.Membership`` rows.
"""

from __future__ import annotations

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

POSTAL_CODE = RegexValidator(
    r"^[1-9][0-9]{3}$", _("Give a Belgian postal code: four digits.")
)


class Partner(models.Model):
    """An organisation that brings coding to young people in Wallonia."""

    class Kind(models.TextChoices):
        CODING_CLUB = "coding_club", _("Coding club")
        SCHOOL = "school", _("School")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    organiser = models.OneToOneField(
        "scheduling.Organiser",
        on_delete=models.CASCADE,
        related_name="wallcode_partner",
        editable=False,
        verbose_name=_("organiser"),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("As young people and parents know it.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "The partner's address on the site: /wallcode/partners/<slug>/. "
            "Left empty, it is made from the name."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CODING_CLUB,
        help_text=_("What sort of organisation this is."),
    )
    commune = models.CharField(
        _("commune"), max_length=100, help_text=_("Where the partner is based.")
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        validators=[POSTAL_CODE],
        help_text=_("Belgian postal code, four digits."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Optional."))
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown on the partner's public page, for parents and teachers."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the partner does with young people, in a few lines."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Wallcode partner")
        verbose_name_plural = _("Wallcode partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code__regex=r"^[1-9][0-9]{3}$"),
                name="wallcode_partner_postal_code_belgian",
                violation_error_message=_("Give a Belgian postal code: four digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PendingRegistration(models.Model):
    """A registration made without an account, waiting for its confirmation.

    It holds no seat: anyone can type any address, so seats are taken only when
    the link sent to that address (or phone) is followed, through the same
    registration services as a direct one. Details are kept only until then;
    rows past ``expires_at`` are purged.
    """

    class Kind(models.TextChoices):
        GROUP = "group", _("Group")
        CHILD = "child", _("Child")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        "scheduling.Session",
        on_delete=models.CASCADE,
        related_name="wallcode_pending_registrations",
        verbose_name=_("activity"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The registration form's details, as the registration service takes them;
    # emptied once confirmed.
    details = models.JSONField(_("details"), default=dict)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    # Set once confirmed: following the link again shows that booking.
    booking = models.OneToOneField(
        "scheduling.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wallcode_request",
        verbose_name=_("booking"),
    )
    # The token of the form that made it: sent twice, it sends one link and
    # keeps one request (common.idempotency).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("registration waiting for confirmation")
        verbose_name_plural = _("registrations waiting for confirmation")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.session_id} ({self.uuid})"
