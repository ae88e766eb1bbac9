"""What one release stored in the shared cache is never read by the next: its
pages name its static files, its pickled pages its fields."""

import pytest

from common import release as releases
from common.remembered import forget_all
from courses.models import CoursePage
from learners import services
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def deploy(settings):
    """Start a process of another release, as a deploy does."""

    def to(name: str) -> None:
        settings.RELEASE = name
        releases.release.cache_clear()
        forget_all()  # a new process remembers nothing of its own

    yield to
    releases.release.cache_clear()


def test_a_page_cached_by_one_release_is_rendered_again_by_the_next(
    client, course, deploy
):
    deploy("2026.12.1")
    client.get("/")
    CoursePage.objects.filter(id=course.id).update(title="Titre de la version 2")
    assert "Titre de la version 2" not in client.get("/").content.decode()  # cached

    deploy("2026.12.2")

    assert "Titre de la version 2" in client.get("/").content.decode()


def test_a_lesson_shared_by_one_release_is_prepared_again_by_the_next(
    client, learner, course, deploy
):
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    lesson = lessons_of(course)[1]
    deploy("2026.12.1")
    client.get(lesson.url)
    CoursePage.objects.filter(id=course.id).update(title="Cours de la version 2")
    forget_all()  # another process of the same release: the shared copy
    assert "Cours de la version 2" not in client.get(lesson.url).content.decode()

    deploy("2026.12.2")

    assert "Cours de la version 2" in client.get(lesson.url).content.decode()


def test_without_a_name_the_release_is_a_digest_of_the_code(settings, tmp_path):
    settings.RELEASE = ""
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    (tmp_path / "courses" / "templates").mkdir(parents=True)
    template = tmp_path / "courses" / "templates" / "page.html"
    template.write_text("<p>avant</p>")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text("1")
    try:
        first = releases.release()
        releases.release.cache_clear()
        (tmp_path / "node_modules" / "x.js").write_text("2")  # not ours
        assert releases.release() == first
        releases.release.cache_clear()
        template.write_text("<p>après</p>")
        assert releases.release() != first
    finally:
        releases.release.cache_clear()
