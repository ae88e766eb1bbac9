"""Reads of course content: catalogue listing, course outline, lesson order."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import Audience, CataloguePage, CoursePage, Level


class CatalogueFilter(forms.Form):
    """Search and filter fields of the catalogue (shape only)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone"))] + Audience.choices
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels"))] + Level.choices,
    )


def catalogue_courses(*, catalogue: CataloguePage, form: CatalogueFilter):
    """Live, public courses of the catalogue, filtered and searched as asked."""
    courses: QuerySet[CoursePage] = (
        CoursePage.objects.child_of(catalogue)
        .live()
        .public()
        .select_related("cover_image")
        .order_by("path")
    )
    if not form.is_bound or not form.is_valid():
        return courses
    data = form.cleaned_data
    if data["audience"]:
        courses = courses.filter(audience__in=[data["audience"], Audience.EVERYONE])
    if data["level"]:
        courses = courses.filter(level=data["level"])
    if data["q"]:
        return courses.search(data["q"])
    return courses


@dataclass
class OutlineModule:
    page: Page
    lessons: list[Page] = field(default_factory=list)


def course_outline(*, course: CoursePage | None) -> list[OutlineModule]:
    """Modules and their lessons in order, in one query whatever the course size."""
    if course is None:
        return []
    modules: list[OutlineModule] = []
    descendants = (
        Page.objects.descendant_of(course)
        .live()
        .filter(depth__lte=course.depth + 2)
        .only("id", "title", "slug", "url_path", "depth", "path")
        .order_by("path")
    )
    for page in descendants:
        if page.depth == course.depth + 1:
            modules.append(OutlineModule(page=page))
        elif modules:
            modules[-1].lessons.append(page)
    return modules


def outline_lessons(outline: list[OutlineModule]) -> list[Page]:
    """The lessons of an outline in the order a learner follows them."""
    return [lesson for module in outline for lesson in module.lessons]


def lesson_neighbours(
    *, outline: list[OutlineModule], lesson: Page
) -> tuple[Page | None, Page | None]:
    """The lessons before and after ``lesson`` in the course order."""
    lessons = outline_lessons(outline)
    ids = [each.id for each in lessons]
    if lesson.id not in ids:
        return None, None
    position = ids.index(lesson.id)
    previous = lessons[position - 1] if position > 0 else None
    following = lessons[position + 1] if position + 1 < len(lessons) else None
    return previous, following


@dataclass
class QuestionState:
    """What the learner answered to a question, and the feedback to show."""

    chosen: list[int]
    success: bool
    feedback: list[str]


@dataclass
class BodyItem:
    block: object
    state: QuestionState | None = None


def lesson_body_items(*, lesson, answers: dict) -> list[BodyItem]:
    """The lesson's blocks, each question paired with the learner's last answer."""
    items = []
    for block in lesson.body:
        state = None
        record = answers.get(block.id) if block.block_type == "question" else None
        if record:
            chosen = record["response"]
            feedback = [
                block.value["answers"][i]["feedback"]
                for i in chosen
                if i < len(block.value["answers"])
                and block.value["answers"][i]["feedback"]
            ]
            state = QuestionState(
                chosen=chosen, success=record["success"], feedback=feedback
            )
        items.append(BodyItem(block=block, state=state))
    return items
