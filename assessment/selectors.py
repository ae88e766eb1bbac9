"""Reads of the positioning test: a person's own tests, and what follows them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from assessment.engine import Profile
from assessment.models import Attempt, Item, TestDefinition
from courses.models import Audience as CourseAudience
from courses.models import CoursePage
from scheduling import selectors as scheduling
from scheduling.exceptions import PlaceUnknown
from scheduling.models import Audience

SESSION_KEY = "assessment_attempts"
TOP_LEVEL = 4
COURSES_SHOWN = 6
WORKSHOPS_SHOWN = 5


def attempt_for_viewer(*, request, attempt_uuid) -> Attempt | None:
    """A test the viewer took: theirs, or this browser's before signing in."""
    found = Attempt.objects.filter(uuid=attempt_uuid).first()
    if found is None:
        return None
    if found.user_id is not None:
        return found if found.user_id == request.user.id else None
    return found if str(found.uuid) in request.session.get(SESSION_KEY, []) else None


def attempt_unfinished(*, request) -> Attempt | None:
    """The viewer's test stopped midway, to resume from the test's first page."""
    mine = Attempt.objects.filter(finished_at=None)
    if request.user.is_authenticated:
        return mine.filter(user=request.user).first()
    return mine.filter(user=None, uuid__in=request.session.get(SESSION_KEY, [])).first()


def attempt_last_finished(*, user) -> Attempt | None:
    """A signed-in person's latest finished test, to see its result again."""
    if not user.is_authenticated:
        return None
    return (
        Attempt.objects.filter(user=user, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )


def attempt_latest(*, user) -> Attempt | None:
    """A person's latest test, finished or stopped midway, for their dashboard."""
    return (
        Attempt.objects.filter(user=user)
        .only("uuid", "answers", "started_at", "finished_at")
        .order_by("-started_at")
        .first()
    )


def attempt_before(*, attempt: Attempt) -> Attempt | None:
    """The person's previous finished test, to show the progress since."""
    if attempt.user_id is None:
        return None
    return (
        Attempt.objects.filter(
            user_id=attempt.user_id,
            finished_at__isnull=False,
            started_at__lt=attempt.started_at,
        )
        .order_by("-started_at")
        .first()
    )


# Fewer people than this in a group of the totals: the group is not shown.
SMALLEST_GROUP = 5


def totals(*, by: str = "") -> list[dict]:
    """Anonymous counts of finished tests per competence and level, optionally
    by ``commune``, ``age_band`` or ``learner_type`` of the people who took
    them; a group of fewer than SMALLEST_GROUP people is left out, so that
    nobody can be recognised. For the regional figures."""
    from assessment.engine import profile
    from assessment.questions import bank

    people: dict[tuple, set[int]] = {}
    current = bank()
    finished = Attempt.objects.filter(finished_at__isnull=False, user__isnull=False)
    for attempt in finished.select_related("user").order_by("user_id", "-started_at"):
        group = getattr(attempt.user, by, "") if by else ""
        shown = profile(current, current.known(attempt.engine_answers))
        for result in shown.competences:
            key = (group, result.code, result.level)
            people.setdefault(key, set()).add(attempt.user_id)
    return [
        {"group": group, "competence": code, "level": level, "people": len(ids)}
        for (group, code, level), ids in sorted(people.items())
        if len(ids) >= SMALLEST_GROUP
    ]


def paper_questions(request=None) -> list:
    """The paper version of the test: for each area, one question per level
    (the first published), in area then level order, in the viewer's language.
    A picture question needs the screen: the paper asks the others."""
    from assessment.questions import bank, questions

    current, shown = bank(request), questions(request)
    chosen = {}
    for item in current.items:
        if shown[item.id].type == "picture":
            continue
        key = (current.area_of(item.competence), item.level)
        chosen.setdefault(key, item.id)
    return [shown[chosen[key]] for key in sorted(chosen)]


@dataclass(frozen=True)
class ItemStatistics:
    """How one question fared: how often asked, how often answered right."""

    item: Item
    asked: int
    right: int

    @property
    def right_share(self) -> float | None:
        return self.right / self.asked if self.asked else None


def item_statistics() -> list[ItemStatistics]:
    """Every French question of the bank, live or not, with its answers so far,
    for editors: a question nearly everyone gets right is too easy for its
    level, one nearly everyone misses too hard. Reads every test's answers:
    fine for thousands of tests; a table of counts will replace it at the
    region's scale."""
    asked: dict[str, list[int]] = {}
    for answers in Attempt.objects.values_list("answers", flat=True).iterator():
        for item_id, correct, _chosen in answers:
            counts = asked.setdefault(item_id, [0, 0])
            counts[0] += 1
            counts[1] += bool(correct)
    items = Item.objects.filter(translation_of=None).order_by(
        "competence", "level", "id"
    )
    return [ItemStatistics(item, *asked.get(item.slug, (0, 0))) for item in items]


def top_level(request=None) -> int:
    """The highest level the test asks (its definition, by editors)."""
    return TestDefinition.load(request_or_site=request).top_level


def bank_coverage() -> tuple[list[int], list[tuple[str, list[int]]]]:
    """The levels asked and, for each competence tested, how many live
    questions the bank has at each of them."""
    from assessment.questions import bank

    current = bank()
    levels = list(range(1, top_level() + 1))
    counts = {c.code: [0] * len(levels) for c in current.competences}
    for item in current.items:
        counts[item.competence][item.level - 1] += 1
    return levels, list(counts.items())


def to_learn(profile: Profile, *, top: int = TOP_LEVEL) -> list[str]:
    """The competences not yet at the test's top level, weakest first."""
    weak = [c for c in profile.competences if c.level < top]
    return [c.code for c in sorted(weak, key=lambda c: c.level)]


@dataclass(frozen=True)
class AreaRow:
    title: str
    level: int


@dataclass(frozen=True)
class ProfileInWords:
    """A profile as the result page says it, in the person's language."""

    areas: list[AreaRow]
    known: list[str]
    to_learn: list[str]


def profile_in_words(
    *, profile: Profile, competences, language: str, top: int = TOP_LEVEL
) -> ProfileInWords:
    """Area titles with their levels; competences held and to learn, by name
    and level: one held at level 2 of 4 is in both lists, so each says which
    level it means ("level 2 reached", "next: level 3")."""
    by_code = {c.code: c for c in competences}
    levels = {c.code: c.level for c in profile.competences}
    area_titles = {c.area: _in(c.area_titles, language) for c in competences}
    return ProfileInWords(
        areas=[AreaRow(area_titles[a.area], a.level) for a in profile.areas],
        known=[
            gettext("%(competence)s (level %(level)s reached)")
            % {"competence": _in(by_code[c.code].titles, language), "level": c.level}
            for c in profile.competences
            if c.reached
        ],
        to_learn=[
            gettext("%(competence)s (next: level %(level)s)")
            % {
                "competence": _in(by_code[code].titles, language),
                "level": levels[code] + 1,
            }
            for code in to_learn(profile, top=top)
        ],
    )


def _in(titles: dict[str, str], language: str) -> str:
    return titles.get(language) or titles["fr"]


# Under this age a session is for children (a Wallcode activity, say): the
# positioning test is for adults.
ADULT_AGE = 18


@dataclass(frozen=True)
class Recommendations:
    """Courses for the competences to learn, and workshops to go with them.

    ``on_subjects`` says whether the workshops are those of the courses (or on
    their topics) or, none of those being near, other workshops for adults;
    ``place_error`` why the place typed was not recognised."""

    courses: list[CoursePage]
    workshops: list  # scheduling.selectors.SessionFound
    place: str = ""
    on_subjects: bool = True
    place_error: str = ""


def recommendations(*, codes: list[str], place_text: str = "") -> Recommendations:
    """Courses for adults that develop these competences (not the young
    people's: the test is for adults), and workshops for adults near a
    place (or the soonest anywhere when no place is typed): those of the courses
    or on the same topics as theirs, else other workshops. Four queries around
    a place, five at most without one."""
    courses = list(
        CoursePage.objects.live()
        .public()
        .filter(competences__code__in=codes)
        .exclude(audience=CourseAudience.YOUNG_PEOPLE)
        .distinct()
        .order_by("title")[:COURSES_SHOWN]
    )
    course_ids = {course.id for course in courses}
    topics = (
        {
            topic.casefold()
            for topic in scheduling.agenda()
            .filter(course_id__in=course_ids)
            .exclude(topic="")
            .values_list("topic", flat=True)
        }
        if course_ids
        else set()
    )

    def on_subjects(session) -> bool:
        return session.course_id in course_ids or session.topic.casefold() in topics

    place = None
    if place_text.strip():
        try:
            place = scheduling.place_find(text=place_text)
        except PlaceUnknown as error:
            return Recommendations(
                courses=courses, workshops=[], place_error=str(error.message)
            )
    if place is not None:
        near = [
            s for s in scheduling.agenda_near(place=place) if _for_adults(s.session)
        ]
    else:
        subjects = Q(course_id__in=course_ids)
        for topic in topics:
            subjects |= Q(topic__iexact=topic)
        adults = (
            scheduling.agenda()
            .exclude(audience=Audience.YOUNG_PEOPLE)
            .exclude(age_max__lt=ADULT_AGE)
        )
        near = [
            scheduling.SessionFound(session=s)
            for s in adults.filter(subjects)[:WORKSHOPS_SHOWN]
        ] or [scheduling.SessionFound(session=s) for s in adults[:WORKSHOPS_SHOWN]]
    matching = [found for found in near if on_subjects(found.session)]
    return Recommendations(
        courses=courses,
        workshops=(matching or near)[:WORKSHOPS_SHOWN],
        place=place.label if place is not None else "",
        on_subjects=bool(matching) or not near,
    )


def _for_adults(session) -> bool:
    """Whether a session welcomes adults (not a children's activity)."""
    if session.audience == Audience.YOUNG_PEOPLE:
        return False
    return session.age_max is None or session.age_max >= ADULT_AGE
