"""Public digital spaces (EPN): where they are, when they open, what they offer.

A space is the public face of a scheduling organiser (kind "space"): the
organiser runs its workshops and holds its facilitators (memberships), and its
name is the space's name. ``services.space_create`` makes both together.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from epn import hours
from scheduling.models import Organiser

postal_code_validator = RegexValidator(
    r"^[1-9][0-9]{3}$",
    message=_("A Belgian postal code has four digits, for example 5000."),
    code="postal_code_invalid",
)

# Belgium, with a margin: catches coordinates typed the wrong way round.
BELGIUM_LATITUDES = (49.4, 51.6)
BELGIUM_LONGITUDES = (2.5, 6.5)


class Equipment(models.TextChoices):
    COMPUTERS = "computers", _("Computers for the public")
    LAPTOPS = "laptops", _("Laptops to borrow on site")
    TABLETS = "tablets", _("Tablets")
    SMARTPHONES = "smartphones", _("Smartphones to practise on")
    WIFI = "wifi", _("Free Wi-Fi")
    PRINTER = "printer", _("Printer")
    SCANNER = "scanner", _("Scanner")
    EID_READER = "eid_reader", _("eID card reader")
    WEBCAM = "webcam", _("Webcam and headset")
    ADAPTED = "adapted", _("Adapted workstation (large screen, screen reader…)")


class ServiceOffered(models.TextChoices):
    FREE_ACCESS = "free_access", _("Free access to computers")
    WORKSHOPS = "workshops", _("Group workshops")
    INDIVIDUAL_HELP = "individual_help", _("One-to-one help")
    ONLINE_PROCEDURES = "online_procedures", _("Help with online procedures")
    EID_ITSME = "eid_itsme", _("Help with eID and itsme")
    JOB_SEARCH = "job_search", _("Help with job search")
    PRINTING = "printing", _("Printing and scanning")
    CODING = "coding", _("Coding activities for young people")
    OWN_DEVICE = "own_device", _("Help with your own device")


class SpokenLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    ITALIAN = "it", _("Italian")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    ROMANIAN = "ro", _("Romanian")
    POLISH = "pl", _("Polish")
    UKRAINIAN = "uk", _("Ukrainian")
    SIGN_LANGUAGE = "sgn-lsfb", _("French Belgian Sign Language (LSFB)")


class WheelchairAccess(models.TextChoices):
    YES = "yes", _("Accessible to wheelchair users")
    PARTIAL = "partial", _("Partly accessible to wheelchair users")
    NO = "no", _("Not accessible to wheelchair users")
    UNKNOWN = "unknown", _("Not stated")


# The multiple-choice fields kept as JSON lists of codes, and their choices.
CHOICE_LISTS = {
    "equipment": Equipment,
    "services_offered": ServiceOffered,
    "languages": SpokenLanguage,
}


class Space(models.Model):
    """A public digital space (EPN) of the directory."""

    organiser = models.OneToOneField(
        Organiser,
        on_delete=models.CASCADE,
        related_name="space",
        limit_choices_to={"kind": Organiser.Kind.SPACE},
        verbose_name=_("organiser"),
    )
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "The end of the space's page address. Left empty: made from the name."
        ),
    )
    active = models.BooleanField(
        _("shown in the directory"),
        default=True,
        help_text=_("Untick when the space closes: its history stays."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A few plain sentences: who the space welcomes, what to expect."),
    )
    address = models.CharField(
        _("street and number"), max_length=300, help_text=_("E.g. Rue de Fer 42.")
    )
    postal_code = models.CharField(
        _("postal code"), max_length=4, validators=[postal_code_validator]
    )
    commune = models.CharField(_("commune"), max_length=100)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("About 50 in Wallonia, e.g. 50.4669. Used to sort by distance."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("About 3 to 6 in Wallonia, e.g. 4.8675."),
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        validators=[hours.opening_hours_validate],
        help_text=_(
            "OpenStreetMap syntax: days Mo Tu We Th Fr Sa Su, times on 24 hours, "
            "several times of one day separated by “,”, rules by “;”, PH for public "
            "holidays. E.g. Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off"
        ),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    computers = models.PositiveSmallIntegerField(
        _("computers for the public"),
        null=True,
        blank=True,
        help_text=_("How many workstations people can use."),
    )
    equipment = models.JSONField(
        _("equipment"), default=list, blank=True, help_text=_("What is there to use.")
    )
    services_offered = models.JSONField(_("services offered"), default=list, blank=True)
    wheelchair = models.CharField(
        _("wheelchair access"),
        max_length=10,
        choices=WheelchairAccess.choices,
        default=WheelchairAccess.UNKNOWN,
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("E.g. a step at the entrance, adapted toilets, parking nearby."),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("EPN space")
        verbose_name_plural = _("EPN spaces")
        ordering = ["commune", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code__regex=r"^[1-9][0-9]{3}$"),
                name="epn_space_postal_code_belgian",
                violation_error_code="postal_code_invalid",
                violation_error_message=postal_code_validator.message,
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="epn_space_coordinates_together",
                violation_error_code="coordinates_incomplete",
                violation_error_message=_(
                    "Give both the latitude and the longitude, or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The organiser's name: one name for the space and its workshops."""
        return self.organiser.name if self.organiser_id else ""

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors.setdefault(missing, []).append(
                ValidationError(
                    _("Give both the latitude and the longitude, or neither."),
                    code="coordinates_incomplete",
                )
            )
        elif self.latitude is not None and not self._in_belgium():
            errors.setdefault("latitude", []).append(
                ValidationError(
                    _(
                        "These coordinates are not in Belgium: the latitude (about "
                        "50) comes first, then the longitude (about 3 to 6)."
                    ),
                    code="coordinates_outside_belgium",
                )
            )
        for field, choices in CHOICE_LISTS.items():
            values = getattr(self, field)
            if not isinstance(values, list) or not set(values) <= set(choices.values):
                errors.setdefault(field, []).append(
                    ValidationError(
                        _("Choose among the options offered."), code="choice_unknown"
                    )
                )
        if self.organiser_id and self.organiser.kind != Organiser.Kind.SPACE:
            errors.setdefault("organiser", []).append(
                ValidationError(
                    _("A space's organiser must be of the kind “space”."),
                    code="organiser_not_space",
                )
            )
        if errors:
            raise ValidationError(errors)

    def _in_belgium(self) -> bool:
        return (
            BELGIUM_LATITUDES[0] <= self.latitude <= BELGIUM_LATITUDES[1]
            and BELGIUM_LONGITUDES[0] <= self.longitude <= BELGIUM_LONGITUDES[1]
        )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self) -> str:
        """The space on OpenStreetMap's map (no script of ours, no tracking)."""
        if not self.has_coordinates:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return (
            f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        )

    @property
    def opening_status(self) -> hours.Status | None:
        """Open or closed right now (None when no opening hours are given)."""
        return hours.status_at(self.opening_hours, at=timezone.now())

    def equipment_labels(self) -> list[str]:
        """What there is to use, the number of computers first when it is known."""
        labels = _labels(
            Equipment, [code for code in self.equipment if code != Equipment.COMPUTERS]
        )
        if self.computers:
            counted = ngettext(
                "%(count)d computer for the public",
                "%(count)d computers for the public",
                self.computers,
            ) % {"count": self.computers}
            return [counted, *labels]
        if Equipment.COMPUTERS in self.equipment:
            return [str(Equipment.COMPUTERS.label), *labels]
        return labels

    def services_offered_labels(self) -> list[str]:
        return _labels(ServiceOffered, self.services_offered)

    def languages_labels(self) -> list[str]:
        return _labels(SpokenLanguage, self.languages)


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    known = dict(choices.choices)
    return [known[value] for value in values if value in known]
