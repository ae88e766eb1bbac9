"""A learner writes Python in the browser: Pyodide in a worker, the server records."""

from playwright.sync_api import Page, expect

from badges.models import AwardRule
from courses.models import CoursePage, ModulePage
from learners import services
from learners.models import Enrolment, LessonProgress
from tests.badges.factories import badge_class_create
from tests.browser.helpers import page_weight
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_learner_journey import sign_in
from tests.factories import EXERCISE_SOLUTION, CourseBuilder, learner_create

# Pyodide's first start in a fresh browser (download, compile): generous.
PYTHON_START_MS = 60_000
ENDLESS = "def saluer(nom):\n    while True:\n        pass\n"


def exercise_course(site):
    builder = CourseBuilder(site)
    course = builder._publish(site, CoursePage(title="Python", summary="Coder."))
    badge_class_create(
        name="Premiers pas en Python",
        rule=AwardRule.COURSE_COMPLETED,
        rule_course=course,
    )
    module = builder._publish(course, ModulePage(title="Module"))
    lesson = builder.exercise_lesson(module, title="Dire bonjour")
    learner = learner_create(email="lea@example.be", display_name="Léa")
    services.enrolment_create(user=learner, course=course)
    return lesson


def code_write(page: Page, code: str):
    page.locator(".exercise-code").fill(code)


def run(page: Page):
    page.get_by_role("button", name=fr("Run the tests")).click()


def test_a_learner_fails_loops_forever_then_passes_a_python_exercise(
    page: Page, site, assert_accessible
):
    lesson = exercise_course(site)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, "lea@example.be")
    page.goto(lesson.url)
    expect(page.get_by_role("button", name=fr("Run the tests"))).to_be_visible()
    assert_accessible(page)
    status = page.locator(".exercise-status")

    run(page)  # the starter code returns "": the tests fail
    expect(status).to_contain_text("0", timeout=PYTHON_START_MS)
    results = page.locator(".exercise-results li")
    expect(results).to_have_count(3)
    expect(results.nth(0)).to_contain_text(fr("not yet"))
    expect(results.nth(2)).to_contain_text(fr("Hidden test"))
    assert "Bonjour  !" not in results.nth(2).text_content()  # hidden stays hidden

    code_write(page, ENDLESS)
    run(page)
    expect(status).to_contain_text(
        fr("Your program was stopped after %(seconds)s seconds. Does a loop never end?")
        % {"seconds": 3},
        timeout=15_000,
    )
    expect(page.get_by_role("button", name=fr("Run the tests"))).to_be_enabled()

    page.get_by_role("button", name=fr("Show a hint")).click()
    expect(page.locator(".exercise-hint")).to_have_count(1)
    expect(page.locator(".exercise-hint")).to_be_focused()
    assert page.locator(".exercise-code").input_value() == ENDLESS  # not lost

    code_write(page, EXERCISE_SOLUTION)
    run(page)
    expect(status).to_contain_text(
        fr("Well done: every test passes."), timeout=PYTHON_START_MS
    )
    expect(status).to_contain_text(fr("This lesson is done!"))
    assert_accessible(page)
    assert not errors

    progress = LessonProgress.objects.get(lesson=lesson)
    [record] = progress.answers.values()
    assert record["success"] is True
    assert (record["runs"], record["failed_runs"], record["hints"]) == (3, 2, 1)
    assert record["code"] == EXERCISE_SOLUTION
    assert Enrolment.objects.get().completed_at is not None

    page.reload()  # the code and the pass are kept
    expect(page.locator(".exercise-passed")).to_be_visible()
    assert page.locator(".exercise-code").input_value() == EXERCISE_SOLUTION

    page.goto("/learn/")  # the dashboard: the course done, the badge earned
    expect(page.get_by_text(fr("Completed on %(date)s").split("%")[0])).to_be_visible()
    badges = page.get_by_role("heading", name=fr("My badges"))
    expect(badges).to_be_visible()
    expect(page.get_by_role("link", name="Premiers pas en Python")).to_be_visible()
    assert_accessible(page)


def test_the_lesson_page_stays_light_until_python_runs(page: Page, site):
    """Bytes (uncompressed) before and after the first run: for bench/README.md."""
    lesson = exercise_course(site)
    sign_in(page, "lea@example.be")
    before, rows = page_weight(page, lesson.url)
    assert not any("pyodide" in url for _kind, url, _size in rows)

    loaded = []
    page.on("response", lambda response: loaded.append(response))
    run(page)
    expect(page.locator(".exercise-results li")).to_have_count(
        3, timeout=PYTHON_START_MS
    )
    pyodide = {
        response.url.split("/static/")[-1]: len(response.body())
        for response in loaded
        if "/static/" in response.url
    }
    print(f"\nexercise lesson: {before} B; Python adds {sum(pyodide.values())} B")
    for url, size in sorted(pyodide.items()):
        print(f"  {size:>9}  {url}")
    assert before < 150_000
    assert "vendor/pyodide/pyodide.asm.wasm" in pyodide
