"""The one scheduling engine of EPN spaces and Wallcode partners.

An organiser (a space or a partner, which ``epn`` and ``wallcode`` attach to)
publishes sessions; people book seats, one by one or as a group, online or at
the desk. Seats are counted in the session row itself (``seats_taken``) and the
database refuses more than its capacity: a booking takes its seats with one
conditional UPDATE, so that concurrent bookings cannot overbook.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import WEEKDAY_DAY_TIME, local_format
from common.geography import BELGIAN_POSTAL_CODE, postal_code_validator
from common.phones import validate_phone
from common.text import search_key


class Organiser(models.Model):
    """Who runs sessions: an EPN space or a Wallcode partner organisation."""

    class Kind(models.TextChoices):
        SPACE = "space", _("Public digital space (EPN)")
        PARTNER = "partner", _("Wallcode partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisers",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person who runs an organiser's sessions (facilitator) or manages it."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        MANAGER = "manager", _("Manager")

    organiser = models.ForeignKey(
        Organiser, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.FACILITATOR
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "user"],
                name="scheduling_member_once",
                violation_error_message=_("This person is a member already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organiser} ({self.get_role_display()})"


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    BEGINNERS = "beginners", _("Beginners")
    SENIORS = "seniors", _("Seniors")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    YOUNG_PEOPLE = "young_people", _("Young people")
    CIVIL_SERVANTS = "civil_servants", _("Civil servants")


AGE_LIMIT = MaxValueValidator(120, _("Give an age in years, up to 120."))
ENDS_AFTER_START = _("The session must end after it starts.")
AGES_IN_ORDER = _("The maximum age cannot be below the minimum age.")


class Session(models.Model):
    """A workshop or coding activity at a time and place, with a number of seats."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    organiser = models.ForeignKey(
        Organiser,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("organiser"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("course (blended learning)"),
    )
    topic = models.CharField(
        _("topic"), max_length=100, blank=True, help_text=_("E.g. Scratch, e-mail.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    postal_code = models.CharField(
        _("postal code"), max_length=4, validators=[postal_code_validator]
    )
    commune = models.CharField(_("commune"), max_length=100)
    # The commune as people type it (no accents, case or hyphens), for the agenda.
    commune_key = models.CharField(
        max_length=100, editable=False, db_index=True, default=""
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1, _("Offer at least one seat."))]
    )
    # Seats held by confirmed bookings, kept in the same transaction as they are;
    # the database refuses more than the capacity.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[AGE_LIMIT]
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[AGE_LIMIT]
    )
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, _("A price cannot be negative: 0 is free."))],
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("facilitators"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The token of the form that created it: sent twice, it creates one session
    # (common.idempotency).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            # Each with a message: a form that edits these fields shows it.
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="scheduling_session_ends_after_start",
                violation_error_message=ENDS_AFTER_START,
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="scheduling_session_never_overbooked",
                violation_error_message=_(
                    "More seats are booked than this: cancel bookings first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="scheduling_session_has_seats",
                violation_error_message=_("Offer at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(postal_code__regex=BELGIAN_POSTAL_CODE),
                name="scheduling_session_postal_code_belgian",
                violation_error_message=postal_code_validator.message,
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="scheduling_session_price_not_negative",
                violation_error_message=_("A price cannot be negative: 0 is free."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=F("age_min")),
                name="scheduling_session_ages_in_order",
                violation_error_message=AGES_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        # In the Wagtail admin (a platform path's workshop) and in logs: local
        # time as the site writes it, and the place, which tells apart sessions
        # of one title at one time. Never a person's data (no facilitator).
        when = local_format(self.starts_at, WEEKDAY_DAY_TIME)
        return f"{self.title} — {when} — {self.venue_name}, {self.commune}"

    def save(self, *args, **kwargs):
        self.commune_key = search_key(self.commune)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "commune" in update_fields:
            kwargs["update_fields"] = {*update_fields, "commune_key"}
        super().save(*args, **kwargs)

    def clean(self):
        # The constraints' rules again, each next to the field a person corrects.
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ENDS_AFTER_START
        if (
            self.age_min is not None
            and self.age_max is not None
            and self.age_max < self.age_min
        ):
            errors["age_max"] = AGES_IN_ORDER
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_bookable(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_past

    def welcomes_age_band(self, band: str) -> bool:
        """Whether the band shares a year with the session's ages: "under 12"
        cannot be 12 to 16, but "12 to 15" may join 8 to 12 (a 12-year-old)."""
        youngest, oldest = AGE_BAND_YEARS.get(band, (None, None))
        if youngest is None:
            return True
        too_young = self.age_min is not None and oldest < self.age_min
        too_old = self.age_max is not None and youngest > self.age_max
        return not (too_young or too_old)


class AgeBand(models.TextChoices):
    UNDER_12 = "u12", _("Under 12")
    FROM_12_TO_15 = "12-15", _("12 to 15")
    FROM_16_TO_18 = "16-18", _("16 to 18")
    FROM_19_TO_25 = "19-25", _("19 to 25")
    FROM_26_TO_64 = "26-64", _("26 to 64")
    FROM_65 = "65+", _("65 and over")


# The years each age band spans (the oldest "65 and over" open-ended).
AGE_BAND_YEARS = {
    AgeBand.UNDER_12: (0, 11),
    AgeBand.FROM_12_TO_15: (12, 15),
    AgeBand.FROM_16_TO_18: (16, 18),
    AgeBand.FROM_19_TO_25: (19, 25),
    AgeBand.FROM_26_TO_64: (26, 64),
    AgeBand.FROM_65: (65, 150),
}


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Booking(models.Model):
    """Seats asked for in a session: confirmed, waiting for a seat, or cancelled.

    A booking is made online by a person with an account, or at the desk by a
    facilitator with just a name and a phone number; a group leader books
    several seats at once (a class of children, no child accounts).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="bookings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
    )
    name = models.CharField(_("name"), max_length=200)
    # Stored in E.164 by the forms (common.phones), so that SMS reach it.
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    # For reach reports (all optional): who came, without needing an account.
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, blank=True
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, blank=True
    )
    participant_postal_code = models.CharField(
        _("participant's postal code"), max_length=4, blank=True
    )
    # A group (a class): how many girls and boys, if the leader says.
    girls = models.PositiveSmallIntegerField(_("girls"), null=True, blank=True)
    boys = models.PositiveSmallIntegerField(_("boys"), null=True, blank=True)
    # Individual registration of a minor: who consented, and when.
    guardian_name = models.CharField(
        _("parent or guardian"), max_length=200, blank=True
    )
    guardian_consent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The token of the form that made it: a form sent twice (a double click, a
    # retry) takes its seats once (common.idempotency).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]
        constraints = [
            # One live booking per account and session (a second one is refused).
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="scheduling_book_once",
                violation_error_message=_(
                    "This person has booked this session already."
                ),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="scheduling_booking_has_seats",
                violation_error_message=_("Book at least one seat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.session} ({self.get_status_display()})"


class CalendarFeed(models.Model):
    """The secret of a learner's calendar link ("Add all my workshops ...").

    Calendar apps cannot sign in, so the link itself is the credential: a random
    selector finds the row and a random verifier, compared in constant time,
    proves the link. Making a new link replaces both, and the old link stops
    working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    selector = models.CharField(max_length=16, unique=True)
    verifier = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
