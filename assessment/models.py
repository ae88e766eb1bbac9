"""A positioning test taken by a person, and the bank of questions it asks."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from assessment.digcomp import load_competences
from assessment.engine import MAX_LEVEL, MIN_LEVEL


class Attempt(models.Model):
    """One run of the test. Its answers are the whole state: the engine replays
    them for the next question and the profile (assessment.engine)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # None until the person has an account (the browser session holds it).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_attempts",
    )
    # [item id, right or not, the answer indexes chosen], in the order given.
    answers = models.JSONField(default=list)
    # The facilitator beside the person, when taken in an accompanied session.
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A random key in a link the person chose to share; None when not shared.
    share_key = models.CharField(max_length=32, null=True, blank=True, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("positioning test")
        verbose_name_plural = _("positioning tests")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.uuid} ({self.started_at:%Y-%m-%d})"

    @property
    def engine_answers(self) -> list[tuple[str, bool]]:
        return [(item_id, correct) for item_id, correct, _chosen in self.answers]


class ItemType(models.TextChoices):
    """How a question is answered (assessment/data/README.md shows each)."""

    SINGLE = "single", _("One right answer")
    TRUE_FALSE = "true_false", _("True or false")
    LINK = "link", _("Pick the safe link")
    MULTIPLE = "multiple", _("Several right answers")
    ORDER = "order", _("Put the steps in order")
    PICTURE = "picture", _("Find it in a picture")


class ItemLanguage(models.TextChoices):
    """French first; the others are translations of a French item."""

    FR = "fr", _("French")
    DE = "de", _("German")
    NL = "nl", _("Dutch")
    EN = "en", _("English")


def competence_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.code} {c.titles['fr']}") for c in load_competences()]


class AnswerBlock(blocks.StructBlock):
    """One answer of a question (or one step of an "order" question)."""

    text = blocks.CharBlock(
        label=_("Text"),
        max_length=300,
        help_text=_(
            "What the person reads. For a picture question: what is at the "
            "marker, in words, for whoever cannot see the picture."
        ),
    )
    feedback = blocks.CharBlock(
        label=_("Feedback"),
        max_length=300,
        help_text=_("One sentence shown after the test for this answer."),
    )
    correct = blocks.BooleanBlock(
        label=_("Right answer"),
        required=False,
        help_text=_("Leave unticked for the steps of an order question."),
    )
    x = blocks.DecimalBlock(
        label=_("Marker: from the left (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text=_("Picture questions only: 0 is the left edge, 100 the right."),
    )
    y = blocks.DecimalBlock(
        label=_("Marker: from the top (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text=_("Picture questions only: 0 is the top edge, 100 the bottom."),
    )

    class Meta:
        icon = "tick"
        label = _("Answer")
        form_classname = "answer-block"


class Item(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    models.Model,
):
    """One question of the positioning test's bank, authored by editors and
    published through the moderation workflow; only live items are asked.

    A French item is the original: its ``slug`` is what a test's answers name.
    An item in another language is a translation of a French one
    (``translation_of``) and shares its competence, level, type and picture.
    """

    slug = models.SlugField(
        _("identifier"),
        max_length=80,
        blank=True,
        help_text=_(
            "A stable name that tests' answers refer to: never change it once "
            "published. French items only (a translation uses its original's)."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=ItemLanguage.choices,
        default=ItemLanguage.FR,
        help_text=_("French for an original; another language for a translation."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text=_("For a translation: the French question it translates."),
    )
    competence = models.CharField(
        _("DigComp competence"),
        max_length=5,
        choices=competence_choices,
        help_text=_("The one DigComp 2.2 competence this question tests."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        default=1,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
        help_text=_("DigComp proficiency level, 1 (foundation) to 8."),
    )
    type = models.CharField(
        _("type"),
        max_length=12,
        choices=ItemType.choices,
        default=ItemType.SINGLE,
        help_text=_("How the question is answered."),
    )
    prompt = models.TextField(
        _("question"),
        max_length=400,
        help_text=_("The question, in short plain sentences."),
    )
    picture = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Picture questions: a screenshot; each answer is a marker on it."),
    )
    picture_alt = models.CharField(
        _("picture description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Picture questions: what the picture shows, in one sentence, for "
            "whoever cannot see it (not where the answer is)."
        ),
    )
    answers = StreamField(
        [("answer", AnswerBlock())],
        verbose_name=_("answers"),
        help_text=_(
            "Each answer with its feedback; for an order question, the steps in "
            "the right order (they are shown mixed)."
        ),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="item")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="item",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("prompt"),
        FieldPanel("type"),
        FieldPanel("answers"),
        MultiFieldPanel(
            [FieldPanel("picture"), FieldPanel("picture_alt")],
            heading=_("Picture"),
        ),
        MultiFieldPanel(
            [FieldPanel("competence"), FieldPanel("level")],
            heading=_("What it tests"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("language"),
                FieldPanel("translation_of"),
            ],
            heading=_("Identifier and language"),
        ),
    ]

    class Meta:
        verbose_name = _("test question")
        verbose_name_plural = _("test questions")
        ordering = ["competence", "level", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(translation_of__isnull=True),
                name="assessment_item_slug_unique",
                violation_error_message=_("Another question has this identifier."),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="assessment_item_one_translation_per_language",
                violation_error_message=_(
                    "This question already has a translation in this language."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(translation_of__isnull=True, language="fr")
                    & ~models.Q(slug="")
                )
                | (models.Q(translation_of__isnull=False) & ~models.Q(language="fr")),
                name="assessment_item_french_original_or_translation",
                violation_error_message=_(
                    "A French question needs an identifier; a question in another "
                    "language is the translation of a French one."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="assessment_item_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        prompt = self.prompt if len(self.prompt) <= 60 else f"{self.prompt[:59]}…"
        return f"[{self.language}] {prompt}"

    @property
    def revisions(self):
        return self._revisions

    @property
    def key(self) -> str:
        """The identifier answers name: the French original's slug."""
        return self.translation_of.slug if self.translation_of_id else self.slug

    def answer_values(self) -> list[dict]:
        """The answers as plain dicts (text, feedback, correct, x, y)."""
        return [dict(block.value) for block in self.answers]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.pk and self.first_published_at:
            stored = Item.objects.filter(pk=self.pk).values_list("slug", flat=True)
            if stored and stored[0] != self.slug:
                errors["slug"] = _(
                    "Tests already answered this question under its identifier: "
                    "it cannot change."
                )
        original = self.translation_of
        if original is not None:
            if original.translation_of_id is not None:
                errors["translation_of"] = _(
                    "Translate the French question, not another translation."
                )
            for field in ("competence", "level", "type"):
                if getattr(self, field) != getattr(original, field):
                    errors[field] = _(
                        "A translation keeps the competence, level and type of "
                        "the French question."
                    )
            if len(self.answers) != len(original.answers):
                errors["answers"] = _(
                    "A translation has as many answers as the French question, "
                    "in the same order."
                )
            elif [a["correct"] for a in self.answer_values()] != [
                a["correct"] for a in original.answer_values()
            ]:
                errors["answers"] = _(
                    "A translation marks the same answers right as the French question."
                )
        # A translation's markers stay where the French question puts them.
        problem = answers_problem(
            self.type, self.answer_values(), places=original is None
        )
        if problem:
            errors.setdefault("answers", problem)
        if "answers" in errors:
            # Told above the form: the answers' own error shows only with script.
            errors[NON_FIELD_ERRORS] = errors.pop("answers")
        if self.type == ItemType.PICTURE:
            if self.picture_id is None and (
                original is None or original.picture_id is None
            ):
                errors["picture"] = _("A picture question needs its picture.")
            if not self.picture_alt:
                errors["picture_alt"] = _(
                    "Describe the picture in one sentence for whoever cannot see it."
                )
        if errors:
            raise ValidationError(errors)


MIN_STEPS = 3


def answers_problem(kind: str, answers: list[dict], *, places: bool = True):
    """What is wrong with these answers for this type of question, or None.
    The same rules as the data file's (assessment.bank), in the editor's words."""
    right = sum(1 for answer in answers if answer.get("correct"))
    if kind == ItemType.ORDER:
        if len(answers) < MIN_STEPS:
            return _("An order question needs at least 3 steps.")
        return None
    if len(answers) < 2:
        return _("A question needs at least 2 answers.")
    if kind == ItemType.TRUE_FALSE and len(answers) != 2:
        return _("A true or false question has exactly 2 answers: true and false.")
    if right == 0:
        return _("Tick the right answer: none is marked right.")
    if kind in (ItemType.SINGLE, ItemType.TRUE_FALSE, ItemType.LINK) and right != 1:
        return _("Exactly one answer must be marked right for this type.")
    if kind == ItemType.PICTURE:
        if right != 1:
            return _("Exactly one marker must be marked right for this type.")
        if places and any(
            answer.get("x") is None or answer.get("y") is None for answer in answers
        ):
            return _(
                "Give every marker its place on the picture: from the left and "
                "from the top."
            )
    return None


@register_setting(icon="list-ul")
class TestDefinition(BaseGenericSetting):
    """What the positioning test covers: which competences, up to which level."""

    __test__ = False  # a model, not a class of tests for pytest

    competences = models.ManyToManyField(
        "courses.Competence",
        verbose_name=_("competences tested"),
        blank=True,
        related_name="+",
        help_text=_("None ticked: all 21 DigComp competences."),
    )
    top_level = models.PositiveSmallIntegerField(
        _("highest level asked"),
        default=4,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
        help_text=_("The test climbs up to this level (4 today: the bank's top)."),
    )

    panels = [
        FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("top_level"),
    ]

    class Meta:
        verbose_name = _("positioning test definition")
