"""Classes: a group of children, with accounts made for them, that the members
of a Wallcode partner (a school's teachers, a club's coaches) follow together.

A class belongs to the partner's scheduling organiser, so that every member of
the partner manages it and nobody else sees it. The children have assisted
accounts (no e-mail, a first name or nickname only) and sign in with login
cards (``learners.login_cards``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Classroom(models.Model):
    """A class or a club's group: children following one coding course."""

    organiser = models.ForeignKey(
        "scheduling.Organiser",
        on_delete=models.CASCADE,
        related_name="classrooms",
        verbose_name=_("partner"),
    )
    name = models.CharField(_("name"), max_length=80)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The creation form's token: sent twice, it makes one class
    # (common.idempotency).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ChildrenAdded(models.Model):
    """Children added to a class at once, and who confirmed, when, that their
    parents' or guardians' consent is recorded by the Wallcode registration."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="additions"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(default=timezone.now)
    guardian_consent_confirmed = models.BooleanField(default=False)
    # The form's token: sent twice, it adds the children once.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("children added")
        verbose_name_plural = _("children added")
        ordering = ["-added_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(guardian_consent_confirmed=True),
                name="classes_children_with_guardian_consent",
                violation_error_message=_(
                    "Confirm that the parents' consent is recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.classroom} ({self.added_at:%Y-%m-%d})"


class ClassChild(models.Model):
    """A child in a class: an account without e-mail, made for the class."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="children"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="class_places",
    )
    added = models.ForeignKey(
        ChildrenAdded, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("child in a class")
        verbose_name_plural = _("children in classes")
        ordering = ["learner__display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "learner"], name="classes_child_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.classroom}"
