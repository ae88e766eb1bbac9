"""People and their learning: users, enrolments, learning events, progress."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.phones import validate_phone


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_assisted_user(self, *, display_name: str, **extra):
        """An account made at an EPN desk for a person without an e-mail
        address: no password either, they sign in with a login card."""
        user = self.model(display_name=display_name, email=None, **extra)
        user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", _("Under 16")
    FROM_16_TO_25 = "16_25", _("16 to 25")
    FROM_26_TO_45 = "26_45", _("26 to 45")
    FROM_46_TO_65 = "46_65", _("46 to 65")
    OVER_65 = "over_65", _("Over 65")


class LearnerType(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    JOB_SEEKER = "job_seeker", _("Job seeker")
    YOUNG_PERSON = "young_person", _("Young person")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    OTHER = "other", _("Other")


class User(AbstractUser):
    """A person of the platform, who signs in with an e-mail address, or with a
    login card when a facilitator made the account for them (no e-mail)."""

    username = None
    first_name = None
    last_name = None
    # None for an account made at the desk (unique allows many of them).
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How the platform greets you. A first name is enough."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[
            ("fr", "Français"),
            ("de", "Deutsch"),
            ("nl", "Nederlands"),
            ("en", "English"),
        ],
        default="fr",
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        blank=True,
        help_text=_("Belgian postal code, four digits. Used for nearby workshops."),
        # The check constraint below guards the database; this validator says
        # the same next to the field, in the person's words.
        validators=[
            RegexValidator(
                r"^[1-9][0-9]{3}$",
                _("A Belgian postal code has four digits, for example 5000."),
            )
        ],
    )
    commune = models.CharField(_("commune"), max_length=80, blank=True)
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, blank=True
    )
    learner_type = models.CharField(
        _("I am"), max_length=20, choices=LearnerType.choices, blank=True
    )
    # Stored in E.164 (common.phones): an assisted learner's way to be reached.
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    # Opaque identifier shown to the LRS instead of the e-mail address.
    learner_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(postal_code="")
                | models.Q(postal_code__regex=r"^[1-9][0-9]{3}$"),
                name="user_postal_code_belgian",
                violation_error_message=_(
                    "A Belgian postal code has four digits, for example 5000."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name_from(self.display_name, self.email)

    @staticmethod
    def name_from(display_name: str, email: str | None) -> str:
        """How a person is named: their display name, else their e-mail
        address up to the @ (for rows read without making a User)."""
        if display_name or not email:
            return display_name
        return email.split("@")[0]

    @property
    def is_assisted(self) -> bool:
        """Made at the desk, without an e-mail address (signs in with a card)."""
        return not self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class Enrolment(models.Model):
    """A learner following a course; its progress is a projection of statements."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("user"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    # The xAPI context registration of every statement made in this enrolment.
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    # Projection fields, maintained by learners.progress from xAPI statements.
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    lessons_completed = models.PositiveIntegerField(_("lessons completed"), default=0)
    lessons_total = models.PositiveIntegerField(_("lessons in the course"), default=0)
    modules_completed = models.JSONField(
        _("modules completed"), default=list, blank=True
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-last_activity_at", "-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                name="enrolment_once",
                violation_error_message=_("You are enrolled in this course already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.course_id}"

    @property
    def percent_complete(self) -> int:
        if not self.lessons_total:
            return 0
        return min(100, round(100 * self.lessons_completed / self.lessons_total))


class LessonProgress(models.Model):
    """Where a learner stands in one lesson (projection of xAPI statements)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # Latest answer per question: {question_id: {"response": [...], "success": bool}}
    answers = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    time_spent = models.DurationField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_progress_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} / {self.lesson_id}"


class LoginCard(models.Model):
    """How a person without e-mail or password signs in: a printed card with a
    QR code (a link holding a secret) and a short code with a PIN to type.

    Only digests are stored: the QR link's key as SHA-256 (it is long and
    random), the PIN with the password hasher (it is short). A person has at
    most one live card; a new one revokes the old.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_cards")
    code = models.CharField(_("card code"), max_length=12, unique=True)
    pin = models.CharField(max_length=128)
    link_key_digest = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login card")
        verbose_name_plural = _("login cards")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="learners_one_live_card",
                violation_error_message=_("This person already has a live card."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.user})"


class AssistedConsent(models.Model):
    """What a facilitator explained to a person whose account they made, and
    that the person agreed to: kept as long as the account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    # The notice's version: its text is in the code, versioned (learners.consent).
    notice = models.CharField(max_length=20)
    points = models.JSONField(default=list)
    explained_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.user} — {self.notice} ({self.given_at:%Y-%m-%d})"
