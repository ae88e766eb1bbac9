"""A course's own words carry its language, whatever the interface's (WCAG 3.1.2):
a screen reader reads a French course with a French voice in the Dutch
interface, and the interface's buttons with a Dutch one. The links to the next
and previous lessons are one phrase each language punctuates its own way."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, trans_real

from learners import services
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Languages(HTMLParser):
    """The languages a page says its words are in: each text, and each
    aria-label, with the lang of its nearest element that has one."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.found: dict[str, set[str]] = {}

    def _language(self) -> str:
        return self.open[-1][1] if self.open else ""

    def _record(self, text: str, language: str) -> None:
        # Not str.split(): it would take a non-breaking space for a space.
        text = re.sub(r"[ \t\r\n]+", " ", text).strip()
        if text:
            self.found.setdefault(text, set()).add(language)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self._language()
        if attrs.get("aria-label"):
            self._record(attrs["aria-label"], language)
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, language))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self._record(data, self._language())


def languages(html: str) -> dict[str, set[str]]:
    parser = _Languages()
    parser.feed(html)
    return parser.found


def interface_says(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def course_in(course, language: str):
    course.language = language
    course.save_revision().publish()
    return course


# (course language, interface language): a French course read in French and
# in the Dutch interface, and a Dutch course in the French interface.
COMBINATIONS = [("fr", "fr"), ("fr", "nl"), ("nl", "fr")]


@pytest.mark.parametrize(("written_in", "interface"), COMBINATIONS)
def test_a_course_page_marks_the_course_words_with_the_course_language(
    client, course, written_in, interface
):
    course_in(course, written_in)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface

    html = client.get(course.url).content.decode()

    assert f'<html lang="{interface}">' in html
    found = languages(html)
    for words in ["Premiers pas", "À propos de Premiers pas.", "Module 1", "Leçon 2.2"]:
        assert found[words] == {written_in}, words
    for words in ["Course content", "Course outline", "Sign in to follow this course"]:
        assert found[interface_says(words, interface)] == {interface}, words


@pytest.mark.parametrize(("written_in", "interface"), COMBINATIONS)
def test_a_lesson_marks_its_words_and_leaves_its_buttons_in_the_interface_language(
    client, learner, course, written_in, interface
):
    course_in(course, written_in)
    second = lessons_of(course)[1]
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface

    html = client.get(second.url).content.decode()

    assert f'<html lang="{interface}">' in html
    found = languages(html)
    for words in [
        "Premiers pas",  # the course, above the title
        "Leçon 1.2",  # the title, and in the outline
        "Contenu de Leçon 1.2.",  # the text
        "Leçon 1.1",  # the previous lesson, and in the outline
        "Module 2",  # the outline
        "Question 1 de Leçon 1.2 ?",  # a question's prompt
        "La bonne",  # and its answers
        "La mauvaise",
    ]:
        assert found[words] == {written_in}, words
    for words in ["Check my answer", "I have finished this lesson", "Course outline"]:
        assert found[interface_says(words, interface)] == {interface}, words


def test_a_lesson_done_is_said_done_in_the_interface_language(client, learner, course):
    course_in(course, "fr")
    first, second = lessons_of(course)[:2]
    services.enrolment_create(user=learner, course=course)
    for question_id, question in first.questions.items():
        right = [str(i) for i, a in enumerate(question["answers"]) if a["correct"]]
        services.question_answer(
            user=learner, lesson=first, question_id=question_id, response=right
        )
    services.lesson_complete(user=learner, lesson=first)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    found = languages(client.get(second.url).content.decode())

    assert found["Leçon 1.1"] == {"fr"}
    assert found[interface_says("(done)", "nl")] == {"nl"}


# As the translators write them (locale/fr); set here so that the test does not
# wait for the catalogue, and shows what the one phrase lets French do.
FRENCH_LESSON_LINKS = {
    "Previous lesson: %(title)s": "Leçon précédente\u00a0: %(title)s",
    "Next lesson: %(title)s": "Leçon suivante\u00a0: %(title)s",
}


def lesson_links(html: str) -> list[str]:
    """What the links to the previous and next lessons say, tags removed."""
    nav = html[html.index('<nav class="lesson-nav"') :]
    nav = nav[: nav.index("</nav>")]
    return [
        re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", link)).strip()
        for link in re.findall(r"<a [^>]*>(.*?)</a>", nav, flags=re.S)
    ]


def test_the_lesson_links_put_a_non_breaking_space_before_the_colon_in_french(
    client, course, monkeypatch
):
    catalogue = trans_real.translation("fr")._catalog
    for msgid, msgstr in FRENCH_LESSON_LINKS.items():
        # The first of Django's merged catalogues; the test's change is undone.
        monkeypatch.setitem(catalogue._catalogs[0], msgid, msgstr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    html = client.get(lessons_of(course)[1].url).content.decode()

    assert lesson_links(html) == [
        "← Leçon précédente\u00a0: Leçon 1.1",
        "Leçon suivante\u00a0: Leçon 2.1 →",
    ]


def test_the_lesson_links_read_as_one_phrase_in_english(client, course):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(lessons_of(course)[1].url).content.decode()

    assert lesson_links(html) == [
        "← Previous lesson: Leçon 1.1",
        "Next lesson: Leçon 2.1 →",
    ]


def test_puzzles_and_exercises_mark_the_authors_words_not_their_buttons(
    client, learner, course_builder
):
    """A French coding course read in the Dutch interface."""
    from courses.models import CoursePage, ModulePage

    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Coder", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    puzzles = course_builder.puzzle_lesson(module, title="Robots")
    exercises = course_builder.exercise_lesson(module, title="Python")
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    found = languages(client.get(puzzles.url).content.decode())
    found |= languages(client.get(exercises.url).content.decode())

    for words in [
        "Couloir 1",
        "Amène le robot au drapeau.",
        "Dire bonjour",
        "Écris la fonction saluer(nom) qui renvoie « Bonjour nom ! ».",
    ]:
        assert found[words] == {"fr"}, words
    for words in ["Play", "The tests your program must pass"]:
        assert found[interface_says(words, "nl")] == {"nl"}, words


@pytest.mark.parametrize(("written_in", "interface"), COMBINATIONS)
def test_the_catalogue_and_the_dashboard_mark_each_course_with_its_language(
    client, learner, course, written_in, interface
):
    course_in(course, written_in)
    services.enrolment_create(user=learner, course=course)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface

    catalogue = languages(client.get("/").content.decode())
    client.force_login(learner)
    dashboard = languages(client.get("/learn/").content.decode())

    assert catalogue["Premiers pas"] == {written_in}
    assert catalogue["À propos de Premiers pas."] == {written_in}
    assert dashboard["Premiers pas"] == {written_in}
