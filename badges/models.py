"""Open Badges: issuers, badge classes with their award rule, and assertions.

Every public id is a UUID: issuers, badge classes and assertions are published at
URLs anyone may fetch (hosted verification), and their ids must not be guessable
enumerations of the platform's badges.
"""

from __future__ import annotations

import uuid
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from courses.models import Level

PERCENTAGE = _("Give a percentage, from 0 to 100.")


class Issuer(models.Model):
    """An organisation that issues badges; the platform operator is the default."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web site"), help_text=_("The issuer's home page."))
    email = models.EmailField(_("e-mail"), help_text=_("Where to ask about a badge."))
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    is_default = models.BooleanField(
        _("default issuer"),
        default=False,
        help_text=_("Badges without an issuer of their own are issued by this one."),
    )
    # The issuer's Ed25519 private key (a JWK) for Open Badges 3.0 credentials,
    # made on first use; only its public half is ever shown.
    signing_key = models.JSONField(default=dict, blank=True, editable=False)
    # Its RSA private key (a JWK) for the same credentials signed with RS256,
    # the algorithm every Open Badges 3.0 verifier must support.
    rsa_signing_key = models.JSONField(default=dict, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("email"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("is_default"),
    ]

    class Meta:
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="badges_one_default_issuer",
                violation_error_message=_(
                    "Another issuer is the default already: untick it there first."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def email_address(self) -> str:
        """The address alone, even if a sender header ("Name <address>") was
        stored by an earlier version: badges show an address."""
        return parseaddr(self.email)[1] or self.email


class DigCompLevel(models.IntegerChoices):
    """The eight proficiency levels of DigComp 2.2."""

    FOUNDATION_1 = 1, _("1 — Foundation")
    FOUNDATION_2 = 2, _("2 — Foundation")
    INTERMEDIATE_3 = 3, _("3 — Intermediate")
    INTERMEDIATE_4 = 4, _("4 — Intermediate")
    ADVANCED_5 = 5, _("5 — Advanced")
    ADVANCED_6 = 6, _("6 — Advanced")
    HIGHLY_SPECIALISED_7 = 7, _("7 — Highly specialised")
    HIGHLY_SPECIALISED_8 = 8, _("8 — Highly specialised")


class AwardRule(models.TextChoices):
    """When progress earns a badge by itself."""

    MANUAL = "manual", _("Awarded by hand only")
    COURSE_COMPLETED = "course_completed", _("Completing a course")
    COURSE_SCORE = "course_score", _("Completing a course with a minimum quiz score")
    BADGES_HELD = "badges_held", _("Holding a set of other badges")
    WORKSHOPS_ATTENDED = "workshops_attended", _("Attending a number of workshops")
    POSITIONING = (
        "positioning",
        _("Reaching the DigComp level in the positioning test, in every competence"),
    )


class BadgeClass(index.Indexed, ClusterableModel):
    """A badge that can be earned: what it says, how it is earned, what it aligns to."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_classes",
        verbose_name=_("issuer"),
        help_text=_("Leave empty for the default issuer."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("A square PNG or SVG, at least 256 pixels wide."),
    )
    criteria = models.TextField(
        _("criteria"),
        help_text=_("In plain words, what a learner did to earn this badge."),
    )
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    competences = ParentalManyToManyField(
        "courses.Competence",
        blank=True,
        related_name="badge_classes",
        verbose_name=_("DigComp competences"),
    )
    level = models.PositiveSmallIntegerField(
        _("DigComp level"), choices=DigCompLevel.choices, null=True, blank=True
    )
    expiry_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a badge that does not expire."),
    )
    rule = models.CharField(
        _("award rule"),
        max_length=20,
        choices=AwardRule.choices,
        default=AwardRule.MANUAL,
    )
    rule_course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_classes",
        verbose_name=_("course"),
        help_text=_("For the course rules."),
    )
    rule_min_score = models.PositiveSmallIntegerField(
        _("minimum score (%)"),
        null=True,
        blank=True,
        help_text=_("Average score over the course's quizzes, for the score rule."),
        validators=[MaxValueValidator(100, PERCENTAGE)],
    )
    rule_workshops = models.PositiveSmallIntegerField(
        _("workshops to attend"),
        null=True,
        blank=True,
        help_text=_("For the workshop rule: how many workshops attended."),
    )
    rule_badges = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("badges to hold"),
        help_text=_("For the rule on other badges: all of them."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive badges are not awarded.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("issuer"),
        FieldPanel("criteria"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("competences"), FieldPanel("level")],
            heading=_("Alignment with DigComp 2.2"),
        ),
        FieldPanel("expiry_days"),
        MultiFieldPanel(
            [
                FieldPanel("rule"),
                FieldPanel("rule_course"),
                FieldPanel("rule_min_score"),
                FieldPanel("rule_workshops"),
                FieldPanel("rule_badges"),
            ],
            heading=_("Award rule"),
        ),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.SearchField("tags"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rule_min_score__isnull=True) | Q(rule_min_score__lte=100),
                name="badges_min_score_is_a_percentage",
                violation_error_message=PERCENTAGE,
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def learner_level(self) -> str:
        """The level in a learner's words (DigComp's eight levels, in four groups)."""
        if self.level is None:
            return ""
        group = (
            Level.FOUNDATION,
            Level.INTERMEDIATE,
            Level.ADVANCED,
            Level.SPECIALISED,
        )
        return group[(self.level - 1) // 2].label

    def clean(self) -> None:
        super().clean()
        course_rule = self.rule in (AwardRule.COURSE_COMPLETED, AwardRule.COURSE_SCORE)
        if course_rule and self.rule_course_id is None:
            raise ValidationError({"rule_course": _("Choose the course.")})
        if self.rule == AwardRule.COURSE_SCORE and self.rule_min_score is None:
            raise ValidationError({"rule_min_score": _("Give the minimum score.")})
        if self.rule == AwardRule.POSITIONING and self.level is None:
            raise ValidationError(
                {"level": _("Give the DigComp level the test must show.")}
            )
        if self.rule == AwardRule.WORKSHOPS_ATTENDED and not self.rule_workshops:
            raise ValidationError(
                {"rule_workshops": _("Give the number of workshops.")}
            )

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class RecipientType(models.TextChoices):
    """How an assertion names its recipient (Open Badges 2.0 identity types)."""

    EMAIL = "email", _("e-mail address")
    URL = "url", _("account URL")


class Assertion(models.Model):
    """One badge awarded to one learner: the Open Badges assertion, hosted here."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass,
        on_delete=models.PROTECT,
        related_name="assertions",
        verbose_name=_("badge"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="badge_assertions",
        verbose_name=_("recipient"),
    )
    # What the hash is of, fixed when awarded: an e-mail address, or for a
    # person without one the URL of their account (learners.statements.
    # learner_iri). Adding or changing an address later keeps the badge valid.
    recipient_type = models.CharField(
        _("recipient identified by"),
        max_length=5,
        choices=RecipientType.choices,
        default=RecipientType.EMAIL,
        editable=False,
    )
    # The recipient's identity, hashed with the salt when awarded (Open Badges
    # "sha256$..."): the public assertion never shows the identity itself.
    recipient_hash = models.CharField(max_length=80, editable=False)
    salt = models.CharField(max_length=32, editable=False)
    issued_on = models.DateTimeField(_("issued on"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence (URL)"), blank=True)
    evidence_narrative = models.TextField(_("evidence"), blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("awarded by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("awarded badge")
        verbose_name_plural = _("awarded badges")
        ordering = ["-issued_on"]
        constraints = [
            # Awarded once: two racing awards cannot both be stored.
            models.UniqueConstraint(
                fields=["badge_class", "recipient"],
                condition=Q(revoked_at__isnull=True),
                name="badges_award_once",
                violation_error_message=_("This person has this badge already."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="badges_revocation_has_reason",
                violation_error_message=_("Say why the badge is revoked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} — {self.recipient}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def is_valid(self) -> bool:
        return not self.is_revoked and not self.is_expired


class CourseCertificate(models.Model):
    """The certificate of a completed course, verifiable at a public URL."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        "learners.Enrolment",
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("enrolment"),
    )
    issued_on = models.DateTimeField(_("issued on"))

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")

    def __str__(self) -> str:
        return f"{self.enrolment.course} — {self.enrolment.user}"

    @property
    def number(self) -> str:
        """The number printed on the certificate and shown on its check page: the
        start of its public id, which the check URL also begins with."""
        return str(self.uuid)[:13].upper()
