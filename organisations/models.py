"""Organisations that train their staff: an administration, a public body, a
commune, a CPAS (later schools and associations), its nested teams, the people
in it with their role, and the invitations that bring people in.

A person may belong to several organisations (one membership in each). The
platform's operators create organisations and name their first managers in the
Wagtail admin; managers then invite the members, one by one or from a CSV file
(``MemberImport``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """An administration or another body whose staff the platform trains."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration")
        PUBLIC_BODY = "public_body", _("Public body")
        COMMUNE = "commune", _("Commune")
        CPAS = "cpas", _("CPAS")
        SCHOOL = "school", _("School")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ADMINISTRATION
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A department, a service, a unit: teams nest (a department contains
    services). Names are unique in the organisation: the CSV import names
    teams by their name alone."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="teams",
        verbose_name=_("organisation"),
    )
    # A department with services stays until its services are moved or
    # deleted; deleting the whole organisation deletes them all together.
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The department this service belongs to, if any."),
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                name="organisations_team_name_once",
                violation_error_message=_(
                    "This organisation already has a team of that name."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="organisations_team_not_its_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A team's parent is a team of the same organisation, and not one of
        its own services (teams would contain each other)."""
        if self.parent_id is None:
            return
        if self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {"parent": _("Choose a team of the same organisation.")}
            )
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A team cannot be part of one of its own teams.")}
                )
            ancestor = ancestor.parent


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    TEAM_MANAGER = "team_manager", _("Team manager")
    MANAGER = "manager", _("Manager")


class Membership(models.Model):
    """A person in an organisation: their team, job title and role. A manager
    manages the whole organisation; a team manager their team and the teams
    inside it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisations_member_once"
            ),
            # A team manager manages a team: without one, they would manage
            # nothing, or (worse, if read carelessly) everything.
            models.CheckConstraint(
                condition=~models.Q(role="team_manager") | models.Q(team__isnull=False),
                name="organisations_team_manager_has_a_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class MemberImport(models.Model):
    """A CSV file of people to invite, checked then run by Celery row by row;
    the page reads its progress and its report from this row."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200, blank=True)
    # The rows as read from the file: [line, email, first name, last name,
    # team, job title]. Kept until the import is done, for the task to read.
    rows = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.WAITING
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    # One {"line", "email", "reason"} per row refused (reason: a RowRefusal code).
    rejections = models.JSONField(default=list)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed__lte=models.F("total")),
                name="organisations_import_processed_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.file_name}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class Invitation(models.Model):
    """An invitation to join an organisation (and a team), sent by e-mail.

    One per person and organisation: sent again, the same invitation gets a
    new link and a new expiry. Only a hash of the link's secret is stored.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    member_import = models.ForeignKey(
        MemberImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                name="organisations_invitation_once",
            ),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="organisations_invitation_email_lowercase",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="team_manager") | models.Q(team__isnull=False),
                name="organisations_invited_team_manager_has_a_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.organisation}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
