"""Wallcode partners: the coding clubs, schools and associations of the programme.

A partner runs its activities through the scheduling engine: it is one
``scheduling.Organiser`` (kind "partner"), created and kept in step by
``wallcode.services.partner_save``. Its members are the organiser's
``scheduling.Membership`` rows.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
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
