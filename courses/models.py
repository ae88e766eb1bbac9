"""Course content as Wagtail pages: catalogue -> course -> module -> lesson."""

from __future__ import annotations

import copy

from csp.constants import UNSAFE_INLINE
from django import forms
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists
from django.http import Http404
from django.template.context_processors import csrf
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from common.page_cache import CONTENT
from common.remembered import RemembersViewRestrictions, remembered
from courses.blocks import LessonStreamBlock, blockly_messages, exercise_messages

PASS_MARK_PERCENTAGE = _("Give a percentage, from 0 to 100.")


class Competence(models.Model):
    """One of the 21 competences of DigComp 2.2, in four languages."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    area_number = models.PositiveSmallIntegerField(_("area number"))
    area_en = models.CharField(_("area (English)"), max_length=100)
    area_fr = models.CharField(_("area (French)"), max_length=100)
    area_de = models.CharField(_("area (German)"), max_length=100)
    area_nl = models.CharField(_("area (Dutch)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("DigComp competence")
        verbose_name_plural = _("DigComp competences")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        """The title in the active language (French when it has none)."""
        language = (get_language() or "fr")[:2]
        return getattr(self, f"title_{language}", None) or self.title_fr


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    YOUNG_PEOPLE = "young_people", _("Young people")
    CIVIL_SERVANTS = "civil_servants", _("Civil servants")
    EVERYONE = "everyone", _("Everyone")


class Level(models.TextChoices):
    """DigComp 2.2 proficiency, grouped as the framework does.

    The labels are the words a learner understands; the framework's own names
    (foundation, intermediate, advanced, highly specialised) are the values.
    """

    FOUNDATION = "foundation", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    SPECIALISED = "specialised", _("Expert")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class HidesDescendantsWhenUnpublished:
    """Wagtail serves a live page below an unpublished one; a course must not.

    Unpublishing a course (or a module) takes its lessons offline with it.
    """

    def route(self, request, path_components):
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)


COURSES_PER_PAGE = 24
# A lesson's URL below the catalogue: course, module, lesson.
LESSON_DEPTH = 3


class CataloguePage(RemembersViewRestrictions, Page):
    """The home of the course catalogue: lists and searches the live courses."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of courses."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    # The operator's information pages (contact, legal notice, privacy,
    # accessibility) sit at the site root too; named by string, not imported.
    subpage_types = ["courses.CoursePage", "siteinfo.InformationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")

    def route(self, request, path_components):
        """A module or lesson by its URL path, in one query with the check that
        no page between is unpublished (which hides what is below it, as
        Wagtail's walk down the tree with HidesDescendantsWhenUnpublished
        would), instead of two queries per level."""
        if len(path_components) < 2:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        between = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, len(path_components))
        ]
        # Below a course and a module, only a lesson: its own table at once.
        model = LessonPage if len(path_components) == LESSON_DEPTH else Page
        page = (
            model.objects.filter(url_path=url_path)
            .annotate(
                hidden_above=Exists(
                    Page.objects.filter(url_path__in=between, live=False)
                )
            )
            .first()
        )
        if page is None or not page.live or page.hidden_above:
            raise Http404
        if isinstance(page, LessonPage):
            page.is_available = True  # it, its module and its course are live
        else:
            page = page.specific
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        form = selectors.CatalogueFilter(request.GET or None)
        context["filter_form"] = form
        courses = selectors.catalogue_courses(catalogue=self, form=form)
        # A page of courses at a time: a phone scrolls, a server renders, less.
        context["courses"] = Paginator(courses, COURSES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


class CoursePage(RemembersViewRestrictions, HidesDescendantsWhenUnpublished, Page):
    """A course: what it is for, who it is for, and its modules."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences: what the learner will be able to do."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Who the course is written for."),
    )
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=Level.choices,
        default=Level.FOUNDATION,
        help_text=_(
            "DigComp 2.2 proficiency level reached by the course: beginner = "
            "foundation (1-2), intermediate (3-4), advanced (5-6), expert = "
            "highly specialised (7-8)."
        ),
    )
    estimated_duration = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"),
        default=30,
        help_text=_("How long a beginner needs to follow the whole course."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FRENCH,
        help_text=_("The language the course is written in."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the catalogue; decorative, so it needs no alt text."),
    )
    competences = ParentalManyToManyField(
        Competence,
        verbose_name=_("DigComp competences"),
        blank=True,
        related_name="courses",
        help_text=_("The DigComp 2.2 competences the course develops."),
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="required_by",
        help_text=_("Courses the learner should follow first."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_duration"),
                FieldPanel("language"),
            ],
            heading=_("For whom"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("audience"),
        index.FilterField("level"),
        index.FilterField("language"),
    ]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    @cached_property
    def outline(self):
        from courses import selectors

        return selectors.course_outline(course=self)

    def prepare_to_share(self, request) -> None:
        """Computed once per process and content generation (common.remembered)."""
        from courses import selectors

        self.outline = selectors.course_outline(course=self, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline
        context.update(_context_from_hooks("course_page_context", request, self))
        return context


class ModulePage(RemembersViewRestrictions, HidesDescendantsWhenUnpublished, Page):
    """A module groups the lessons of a course around one goal."""

    summary = models.TextField(
        _("summary"), blank=True, max_length=400, help_text=_("The module's goal.")
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: it is a heading of the course outline.
        from django.shortcuts import redirect

        return redirect(self.get_parent().url)


class LessonPage(RemembersViewRestrictions, Page):
    """A lesson: content blocks and quiz questions, followed in order."""

    body = StreamField(
        LessonStreamBlock(),
        verbose_name=_("content"),
        help_text=_("Text, images, media, callouts, downloads and quiz questions."),
    )
    estimated_duration = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=10
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        help_text=_(
            "Share of questions to answer correctly (and puzzles to solve) to "
            "complete the lesson."
        ),
        validators=[MaxValueValidator(100, PASS_MARK_PERCENTAGE)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_duration"), FieldPanel("pass_mark")],
            heading=_("Settings"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100),
                name="lesson_pass_mark_le_100",
                violation_error_message=PASS_MARK_PERCENTAGE,
            )
        ]

    # Read from the body and kept on the lesson; their block values refer to
    # classes Wagtail makes on the fly, which do not pickle.
    FROM_THE_BODY = ("questions", "puzzles", "exercises", "checked_parts")

    def __getstate__(self):
        """Pickled (shared between processes by common.remembered) or copied
        without what is read again from the body on first use."""
        state = super().__getstate__()
        for name in self.FROM_THE_BODY:
            state.pop(name, None)
        return state

    @cached_property
    def questions(self) -> dict[str, dict]:
        """The quiz questions of the lesson, keyed by their stable block id."""
        return {
            block.id: block.value
            for block in self.body
            if block.block_type == "question"
        }

    @cached_property
    def puzzles(self) -> dict[str, dict]:
        """The block puzzles of the lesson, keyed by their stable block id."""
        return {
            block.id: block.value for block in self.body if block.block_type == "puzzle"
        }

    @cached_property
    def exercises(self) -> dict[str, dict]:
        """The Python exercises of the lesson, keyed by their stable block id."""
        return {
            block.id: block.value
            for block in self.body
            if block.block_type == "exercise"
        }

    @cached_property
    def checked_parts(self) -> list[str]:
        """Ids of the blocks the lesson's mark is made of: questions, puzzles,
        and the Python exercises whose editor let a pass count."""
        exercises = [key for key, value in self.exercises.items() if value["counts"]]
        return [*self.questions, *self.puzzles, *exercises]

    @cached_property
    def course(self) -> CoursePage | None:
        return CoursePage.objects.filter(path=self._course_path).first()

    @property
    def _course_path(self) -> str:
        # The course is the lesson's grandparent: module, then course.
        return self.path[: (self.depth - 2) * self.steplen]

    @cached_property
    def outline(self):
        return self.course.outline if self.course is not None else []

    @cached_property
    def module(self) -> Page:
        """The lesson's module, from its outline when the lesson has it already."""
        if "outline" in self.__dict__:
            for module in self.outline:
                if any(lesson.id == self.id for lesson in module.lessons):
                    return module.page
        return self.get_parent()

    @cached_property
    def is_available(self) -> bool:
        """Whether learners may follow it: it, its module and its course live."""
        return self.live and not hidden_ancestors(self).exists()

    def prepare_to_share(self, request) -> None:
        """What every request for the lesson reads, computed once per process
        and content generation (common.remembered): its course and outline
        (shared by the course's lessons), its blocks (their images fetched),
        whether it can be followed."""
        self.course = remembered(
            request,
            CONTENT,
            ("course", self._course_path),
            lambda: _course_at(self._course_path, request),
            shared=True,
        )
        self.checked_parts  # noqa: B018 (cached properties: questions, puzzles...)
        self.module  # noqa: B018
        self.is_available  # noqa: B018

    @classmethod
    def remembered(cls, request, lesson_id: int) -> LessonPage | None:
        """The lesson by its id, prepared as its page is served, from the
        process's memory until content changes (a copy for this request)."""

        def prepared():
            lesson = cls.objects.filter(id=lesson_id).first()
            if lesson is not None:
                lesson.prepare_to_share(request)
            return lesson

        lesson = remembered(
            request, CONTENT, ("lesson", lesson_id), prepared, shared=True
        )
        return copy.copy(lesson) if lesson is not None else None

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.puzzles:
            # Blockly injects its own <style> elements (and has no nonce option):
            # inline styles are allowed on puzzle pages only; scripts stay 'self'.
            # (common.page_cache stores the page with the header it ends up with.)
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        if self.puzzles:
            context["puzzle_messages"] = blockly_messages()
        if self.exercises:
            context["exercise_messages"] = exercise_messages()
        context["outline"] = self.outline
        context["previous_lesson"], context["next_lesson"] = (
            selectors.lesson_neighbours(outline=context["outline"], lesson=self)
        )
        context.update(_context_from_hooks("lesson_page_context", request, self))
        preview = getattr(request, "is_preview", False)
        # One token for every form of the page (each token is ~32 random draws),
        # taken only if a form needs it (lazy, as Django's own).
        context["csrf_token"] = token = csrf(request)["csrf_token"]
        context["body_items"] = selectors.lesson_body_items(
            lesson=self,
            answers=context.get("answers", {}),
            preview=preview,
            shared_html=None if preview else self._shared_blocks_html(request, context),
            csrf_token=lambda: str(token),
            unanswered=context.get("unanswered_question"),
        )
        return context

    def _shared_blocks_html(self, request, context: dict) -> dict[str, str]:
        """Rendered once per language, kind of reader and content generation
        (common.remembered); never for a preview, whose blocks are a draft's."""
        from courses import selectors

        enrolled = bool(context.get("enrolment"))
        return remembered(
            request,
            CONTENT,
            ("lesson-blocks", self.pk, get_language(), enrolled),
            lambda: selectors.shared_blocks_html(
                lesson=self, context=context, enrolled=enrolled
            ),
            shared=True,
        )


def hidden_ancestors(page: Page):
    """The unpublished pages above ``page``, which hide it from learners."""
    # Depth 1 is Wagtail's root node, which is never "live" content.
    return Page.objects.ancestor_of(page).filter(depth__gt=1).not_live()


def _course_at(path: str, request) -> CoursePage | None:
    course = CoursePage.objects.filter(path=path).first()
    if course is not None:
        course.prepare_to_share(request)  # its outline, shared by its lessons
    return course


def _context_from_hooks(hook_name: str, request, page: Page) -> dict:
    """Let higher apps (learners) add to a page's context without an import cycle."""
    context: dict = {}
    for hook in hooks.get_hooks(hook_name):
        context.update(hook(request, page) or {})
    return context
