"""Reads of course content: catalogue listing, course outline, lesson order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.template.loader import render_to_string
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from common.accents import Unaccent, unaccented
from courses.blocks import BLOCK_CHOICES, puzzle_definition
from courses.models import Audience, CataloguePage, CoursePage, Level


class CatalogueFilter(forms.Form):
    """Search and filter fields of the catalogue (shape only)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone and all audiences"))] + Audience.choices,
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
        return courses_searched(courses, data["q"])
    return courses


# Words shorter than this ("de", "la", "un") are in almost every course: a
# search leaves them out when it has longer ones.
SEARCH_WORD_MIN = 3
SEARCH_WORDS_MAX = 8


def courses_searched(courses: QuerySet[CoursePage], text: str) -> QuerySet[CoursePage]:
    """The courses whose title or summary holds a word of ``text``, whatever
    the case and the accents, those with the most words first (a word in the
    title counts twice).

    A word found inside a longer one counts: "arnaque" finds "arnaques",
    "telephone" finds "téléphone". Wagtail's search backend matched whole
    words only, so a learner typing the singular, or without accents on a
    phone, was told no course matched (one query, whatever the catalogue's size:
    a few hundred titles and summaries).
    """
    words = text.split()
    words = [word for word in words if len(word) >= SEARCH_WORD_MIN] or words
    courses = courses.alias(
        title_key=Unaccent("title"), summary_key=Unaccent("summary")
    )
    score = Value(0)
    for word in words[:SEARCH_WORDS_MAX]:
        key = unaccented(word)
        score += Case(
            When(Q(title_key__icontains=key), then=Value(2)),
            When(Q(summary_key__icontains=key), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        courses.annotate(search_score=score)
        .filter(search_score__gt=0)
        .order_by("-search_score", "path")
    )


@dataclass
class OutlineModule:
    page: Page
    lessons: list[Page] = field(default_factory=list)


def course_outline(*, course: CoursePage | None, request=None) -> list[OutlineModule]:
    """Modules and their lessons in order, in one query whatever the course size.

    Each page has its ``outline_url``: below the course's URL by its URL path,
    as it is routed, without asking Wagtail's site lookup once per link (an
    outline is shown on every lesson page). The course's URL comes from the
    request's site when there is one, else from Wagtail's cached site paths."""
    if course is None:
        return []
    course_url = course.get_url(request)
    modules: list[OutlineModule] = []
    descendants = (
        Page.objects.descendant_of(course)
        .live()
        .filter(depth__lte=course.depth + 2)
        .only("id", "title", "slug", "url_path", "depth", "path")
        .order_by("path")
    )
    for page in descendants:
        page.outline_url = (
            course_url + iri_to_uri(page.url_path[len(course.url_path) :])
            if course_url
            else None
        )
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
    # Sent with no answer chosen: the question says so where the learner looks.
    unanswered: bool = False


PUZZLE_CELL = 48  # pixels of a grid cell in the drawing
_ANGLES = {"north": 0, "east": 90, "south": 180, "west": 270}


@dataclass
class PuzzleCell:
    x: int
    y: int
    kind: str  # open, wall, goal
    item: bool = False


@dataclass
class PuzzleView:
    """What the lesson page shows of a puzzle: the drawing, its text, the config."""

    width: int
    height: int
    cells: list[PuzzleCell]
    description: str
    config: dict
    solved: bool = False
    star: bool = False
    cell: int = PUZZLE_CELL
    robot_transform: str = ""  # where the robot starts: drawn without JavaScript

    @property
    def pixel_width(self) -> int:
        return self.width * self.cell

    @property
    def pixel_height(self) -> int:
        return self.height * self.cell


def _direction_words() -> dict[str, str]:
    return {
        "north": gettext("up"),
        "east": gettext("right"),
        "south": gettext("down"),
        "west": gettext("left"),
    }


def _places(cells: list[list[int]]) -> str:
    return ", ".join(
        gettext("column %(x)s row %(y)s") % {"x": x + 1, "y": y + 1} for x, y in cells
    )


def puzzle_view(value, *, record: dict | None = None) -> PuzzleView:
    """The grid, its description for screen readers and the browser's config."""
    definition = puzzle_definition(value)
    walls = {tuple(cell) for cell in definition["walls"]}
    items = {tuple(cell) for cell in definition["items"]}
    goal = tuple(definition["goal"])
    start = definition["start"]
    cells = [
        PuzzleCell(
            x=x,
            y=y,
            kind="wall" if (x, y) in walls else "goal" if (x, y) == goal else "open",
            item=(x, y) in items,
        )
        for y in range(definition["height"])
        for x in range(definition["width"])
    ]
    columns = ngettext("%(count)s column", "%(count)s columns", definition["width"]) % {
        "count": definition["width"]
    }
    rows = ngettext("%(count)s row", "%(count)s rows", definition["height"]) % {
        "count": definition["height"]
    }
    parts = [
        gettext("A grid of %(columns)s and %(rows)s.")
        % {"columns": columns, "rows": rows},
        gettext(
            "The robot starts at column %(x)s row %(y)s, facing %(direction)s. "
            "The flag is at column %(goal_x)s row %(goal_y)s."
        )
        % {
            "x": start["x"] + 1,
            "y": start["y"] + 1,
            "direction": _direction_words()[start["direction"]],
            "goal_x": goal[0] + 1,
            "goal_y": goal[1] + 1,
        },
    ]
    if walls:
        parts.append(
            gettext("Walls: %(places)s.")
            % {"places": _places(sorted(walls, key=lambda c: (c[1], c[0])))}
        )
    if items:
        parts.append(
            gettext("Objects to pick up: %(places)s.")
            % {"places": _places(definition["items"])}
        )
    offered = dict(BLOCK_CHOICES)
    config = {
        "width": definition["width"],
        "height": definition["height"],
        "cell": PUZZLE_CELL,
        "start": {**start, "angle": _ANGLES[start["direction"]]},
        "items": definition["items"],
        "blocks": definition["blocks"],
        "max_blocks": definition.get("max_blocks"),
        "target_blocks": definition.get("target_blocks"),
    }
    record = record or {}
    return PuzzleView(
        width=definition["width"],
        height=definition["height"],
        cells=cells,
        description=" ".join(parts),
        config=config | {"offered_labels": [str(offered[b]) for b in config["blocks"]]},
        solved=bool(record.get("success")),
        star=bool(record.get("star")),
        robot_transform=_robot_transform(start),
    )


# Degrees the robot turns from facing up; static/js/puzzle.js draws it the same.
ROBOT_ANGLES = {"north": 0, "east": 90, "south": 180, "west": 270}


def _robot_transform(start: dict) -> str:
    centre = PUZZLE_CELL // 2
    x = start["x"] * PUZZLE_CELL + centre
    y = start["y"] * PUZZLE_CELL + centre
    return f"translate({x} {y}) rotate({ROBOT_ANGLES[start['direction']]})"


@dataclass
class ExerciseView:
    """What the lesson page shows of a Python exercise for this learner."""

    code: str  # the last code run, else the starter code
    tests: list[str]  # descriptions of the visible tests
    hidden_tests: int
    hints: list[str]  # the hints opened so far
    more_hints: bool
    solution: str  # once offered, else ""
    passed: bool
    runs: int
    config: dict  # for the browser: the tests to run and the time limit
    preview: bool = False  # an editor's preview: runs, shows every hint


def solution_offered(exercise, record: dict | None) -> bool:
    """The model solution is shown after enough failed runs, or on giving up."""
    record = record or {}
    return bool(record.get("solution_shown")) or (
        record.get("failed_runs", 0) >= exercise["solution_after"]
    )


def exercise_view(
    value, *, record: dict | None = None, preview: bool = False
) -> ExerciseView:
    """The exercise as this learner sees it; in an editor's preview, with every
    hint and the solution, to check them and try the solution."""
    record = record or {}
    opened = len(value["hints"]) if preview else record.get("hints", 0)
    tests = list(value["tests"])
    return ExerciseView(
        code=record.get("code") or value["starter_code"],
        tests=[test["description"] for test in tests if not test["hidden"]],
        hidden_tests=sum(1 for test in tests if test["hidden"]),
        hints=list(value["hints"])[:opened],
        more_hints=opened < len(value["hints"]),
        solution=value["solution"]
        if preview or solution_offered(value, record)
        else "",
        passed=bool(record.get("success")),
        runs=record.get("runs", 0),
        config={
            "time_limit": value["time_limit"],
            # Hidden tests travel too: the browser runs them (see the README).
            "tests": [
                {"code": test["code"], "description": test["description"]}
                if not test["hidden"]
                else {"code": test["code"], "description": None}
                for test in tests
            ],
        },
        preview=preview,
    )


@dataclass
class BodyItem:
    block: object
    state: QuestionState | None = None
    puzzle: PuzzleView | None = None
    exercise: ExerciseView | None = None
    html: str | None = None  # a block the same for every reader, rendered already


# Blocks whose HTML depends on the reader's work (their answers, their code).
PERSONAL_BLOCKS = frozenset({"puzzle", "exercise"})

# Stands for the reader's CSRF token in a question's shared HTML: the form is
# the same for every enrolled reader who has not answered yet, but its token is
# theirs. Letters only, so that escaping leaves it as it is.
CSRF_TOKEN_STAND_IN = "csrftokenstandinq7w3k9"


def shared_blocks_html(*, lesson, context: dict, enrolled: bool) -> dict[str, str]:
    """The HTML of the lesson's blocks as every reader of a kind sees them, by
    block id, in the active language: text, images, media, callouts, code, and
    each question before it is answered (with ``CSRF_TOKEN_STAND_IN``).

    Rendering its questions was about a third of a lesson page's template time
    for a learner who had not answered them (bench/README.md, 2026-12-06).
    """
    html = {}
    for block in lesson.body:
        if block.block_type == "question":
            html[block.id] = render_to_string(
                "courses/blocks/question.html",
                {
                    "page": lesson,
                    "block": block,
                    "value": block.value,
                    "state": None,
                    "enrolment": enrolled,
                    "csrf_token": CSRF_TOKEN_STAND_IN,
                },
            )
        elif block.block_type not in PERSONAL_BLOCKS:
            html[block.id] = block.render(context=context)
    return html


def lesson_body_items(
    *,
    lesson,
    answers: dict,
    preview: bool = False,
    shared_html: dict | None = None,
    csrf_token: Callable[[], str] = str,
    unanswered: str | None = None,
) -> list[BodyItem]:
    """The lesson's blocks, each question paired with the learner's last answer.

    A puzzle comes with its drawing and whether the learner solved it; a block
    the same for every reader (an unanswered question included) comes with its
    HTML when ``shared_html`` has it, an enrolled reader's question with the
    token ``csrf_token()`` gives (asked for only then: a page without a token
    may be shared with other visitors, common.page_cache). The question
    ``unanswered`` names was just sent with no answer chosen.
    """
    shared_html = shared_html or {}
    items = []
    for block in lesson.body:
        if block.block_type == "puzzle":
            view = puzzle_view(block.value, record=answers.get(block.id))
            items.append(BodyItem(block=block, puzzle=view))
            continue
        if block.block_type == "exercise":
            view = exercise_view(
                block.value, record=answers.get(block.id), preview=preview
            )
            items.append(BodyItem(block=block, exercise=view))
            continue
        record = answers.get(block.id) if block.block_type == "question" else None
        if record:
            items.append(BodyItem(block=block, state=_question_state(block, record)))
            continue
        if block.block_type == "question" and block.id == unanswered:
            state = QuestionState(
                chosen=[], success=False, feedback=[], unanswered=True
            )
            items.append(BodyItem(block=block, state=state))
            continue
        html = shared_html.get(block.id)
        if html is not None and CSRF_TOKEN_STAND_IN in html:
            html = mark_safe(html.replace(CSRF_TOKEN_STAND_IN, csrf_token()))
        items.append(BodyItem(block=block, html=html))
    return items


def _question_state(block, record: dict) -> QuestionState:
    chosen = record["response"]
    answers = block.value["answers"]
    feedback = [
        answers[i]["feedback"]
        for i in chosen
        if i < len(answers) and answers[i]["feedback"]
    ]
    return QuestionState(chosen=chosen, success=record["success"], feedback=feedback)
