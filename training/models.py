"""Training paths, their items, and who must follow them by when.

A path belongs to an organisation (its managers build it) or to the platform
(no organisation: the editors publish it in the Wagtail admin, managers copy
it). An ``Assignment`` gives a path to a team (its nested teams included) or to
chosen people, with a due date; each person it reaches gets a ``Trainee`` row,
which also remembers the reminders sent. Whether an item is done is never
stored: it is read from enrolments, attendance and test results
(training.selectors).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from organisations.models import Organisation, Team


class TrainingPath(ClusterableModel):
    """An ordered list of things to learn, with the effort it asks."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_paths",
        verbose_name=_("organisation"),
        help_text=_("Empty for a path of the platform, offered to every organisation."),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the path is for and who it is for."),
    )
    effort_hours = models.PositiveSmallIntegerField(
        _("expected effort (hours)"),
        default=1,
        help_text=_("About how many hours a person needs to follow the path."),
    )
    # A platform path is offered to managers once the editors publish it.
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Platform paths only: offered to every organisation's managers."),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("effort_hours"),
        FieldPanel("published"),
        InlinePanel("items", label=_("Items, in order")),
    ]

    class Meta:
        verbose_name = _("training path")
        verbose_name_plural = _("training paths")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_platform(self) -> bool:
        return self.organisation_id is None


class ItemKind(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    POSITIONING_TEST = "positioning_test", _("Positioning test")


class PathItem(Orderable):
    """One step of a path: a course, a workshop of the agenda, or the test."""

    path = ParentalKey(TrainingPath, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(
        _("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.COURSE
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
        help_text=_("For a course item."),
    )
    session = models.ForeignKey(
        "scheduling.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workshop"),
        help_text=_("For a workshop item."),
    )

    panels = [FieldPanel("kind"), FieldPanel("course"), FieldPanel("session")]

    class Meta(Orderable.Meta):
        verbose_name = _("path item")
        verbose_name_plural = _("path items")
        constraints = [
            # Exactly the target its kind names, so completion reads one table.
            models.CheckConstraint(
                condition=(
                    Q(kind="course", course__isnull=False, session__isnull=True)
                    | Q(kind="workshop", session__isnull=False, course__isnull=True)
                    | Q(
                        kind="positioning_test",
                        course__isnull=True,
                        session__isnull=True,
                    )
                ),
                name="training_item_target_matches_kind",
                violation_error_message=_(
                    "Choose a course for a course, a workshop for a workshop, "
                    "and nothing for the positioning test."
                ),
            ),
        ]

    def clean(self) -> None:
        """The admin's form says which field is missing or extra, before the
        database's constraint would refuse the row."""
        errors = {}
        if self.kind == ItemKind.COURSE and self.course_id is None:
            errors["course"] = _("Choose the course.")
        if self.kind == ItemKind.WORKSHOP and self.session_id is None:
            errors["session"] = _("Choose the workshop.")
        if self.kind != ItemKind.COURSE and self.course_id is not None:
            errors["course"] = _("Only a course item has a course.")
        if self.kind != ItemKind.WORKSHOP and self.session_id is not None:
            errors["session"] = _("Only a workshop item has a workshop.")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        if self.kind == ItemKind.COURSE and self.course_id:
            return self.course.title
        if self.kind == ItemKind.WORKSHOP and self.session_id:
            return self.session.title
        return str(ItemKind.POSITIONING_TEST.label)


class Assignment(models.Model):
    """A path given to a team (and the teams inside it) or to chosen people,
    to be followed by a date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="path_assignments"
    )
    path = models.ForeignKey(
        TrainingPath, on_delete=models.CASCADE, related_name="assignments"
    )
    # None: given to the people chosen (its Trainee rows) only.
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="path_assignments",
    )
    due_on = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    # The form that made it (common.idempotency): sent twice, it assigns once.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.path} — {self.due_on}"


class Trainee(models.Model):
    """A person an assignment reaches, and the reminders sent about them (each
    once: the tasks set these dates with a conditional update)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="trainees"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="path_assignments",
    )
    added_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"], name="training_trainee_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.assignment}"


class PlatformPathManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(organisation__isnull=True)


class PlatformPath(TrainingPath):
    """The platform's paths only, as the editors' admin sees them: every view
    of it (list, edit, delete, history) finds no organisation's path."""

    objects = PlatformPathManager()

    class Meta:
        proxy = True
        verbose_name = _("platform training path")
        verbose_name_plural = _("platform training paths")
