import pytest
from django.urls import reverse

from learners import services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.factories import lessons_of, question_ids
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def answer_url(lesson, question_id):
    return reverse("learners:answer", args=[lesson.id, question_id])


def test_enrol_then_resume_leads_to_the_first_lesson(client, learner, course):
    client.force_login(learner)

    response = client.post(reverse("learners:enrol", args=[course.id]), follow=True)

    first = lessons_of(course)[0]
    assert response.redirect_chain[-1][0] == first.url
    assert Enrolment.objects.filter(user=learner, course=course).exists()


def test_resume_goes_to_first_lesson_not_done(client, learner, course):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    first, second = lessons_of(course)[:2]
    for qid, value in first.questions.items():
        correct = [str(i) for i, a in enumerate(value["answers"]) if a["correct"]]
        services.question_answer(
            user=learner, lesson=first, question_id=qid, response=correct
        )
    services.lesson_complete(user=learner, lesson=first)

    response = client.get(reverse("learners:resume", args=[course.id]))

    assert response.url == second.url


def test_wrong_then_right_answer_shows_feedback_without_javascript(
    client, learner, course
):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    qid = question_ids(lesson)[0]

    page = client.post(answer_url(lesson, qid), {"answer": "1"}, follow=True)
    assert "Non, relisez." in page.content.decode()
    assert "Oui, c&#x27;est cela." not in page.content.decode()

    page = client.post(answer_url(lesson, qid), {"answer": "0"}, follow=True)
    html = page.content.decode()
    assert "Oui, c&#x27;est cela." in html
    assert "Parce que." in html  # the explanation, once correct


def test_answer_to_a_question_that_does_not_exist_is_a_404(client, learner, course):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]

    response = client.post(answer_url(lesson, "nope"), {"answer": "0"})

    assert response.status_code == 404
    assert "Cette question n&#x27;existe pas" in response.content.decode()
    assert not Statement.objects.filter(verb_id=xs.ANSWERED).exists()


@pytest.mark.parametrize("sent", [{}, {"answer": ""}, {"answer": "x"}, {"answer": "9"}])
def test_no_answer_chosen_leads_back_to_the_question_which_says_so(
    client, learner, course, sent
):
    """A learner who presses "Check my answer" before choosing stays in their
    lesson: the question itself asks for a choice; nothing is recorded."""
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    qid, other = question_ids(lesson)[:2]

    response = client.post(answer_url(lesson, qid), sent)

    assert response.status_code == 302
    assert response.url == f"{lesson.url}?unanswered={qid}#question-{qid}"
    assert not Statement.objects.filter(verb_id=xs.ANSWERED).exists()
    assert not LessonProgress.objects.filter(lesson=lesson).exists()
    page = client.get(response.url).content.decode()
    question = page[page.index(f'id="question-{qid}"') :]
    question = question[: question.index("</form>")]
    assert "Choisissez une des réponses, puis vérifiez-la." in question
    assert f'aria-describedby="question-{qid}-error"' in question
    assert "Pas encore correct" not in question
    other_question = page[page.index(f'id="question-{other}"') :]
    assert "Choisissez une des réponses" not in other_question.split("</form>")[0]


def test_a_single_choice_question_cannot_be_sent_empty_from_the_browser(
    client, learner, course
):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]

    page = client.get(lesson.url).content.decode()

    assert 'type="radio" name="answer" value="0" required' in page


def test_lesson_of_unpublished_course_is_a_404(client, learner, course):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    course.unpublish()

    answer = client.post(answer_url(lesson, question_ids(lesson)[0]), {"answer": "0"})
    complete = client.post(reverse("learners:complete", args=[lesson.id]))
    enrol = client.post(reverse("learners:enrol", args=[course.id]))
    page = client.get(lesson.url or f"/{course.slug}/")

    assert answer.status_code == complete.status_code == enrol.status_code == 404
    assert page.status_code == 404


def test_someone_elses_enrolment_is_a_404(client, learner, other_learner, course):
    theirs = services.enrolment_create(user=other_learner, course=course)
    client.force_login(learner)

    response = client.get(reverse("learners:enrolment", args=[theirs.id]))

    assert response.status_code == 404


def test_own_enrolment_page_shows_progress(client, learner, course):
    mine = services.enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.get(reverse("learners:enrolment", args=[mine.id]))

    assert response.status_code == 200
    # French takes the singular for 0.
    assert "0 leçon sur 4 terminée" in response.content.decode()


def test_actions_need_a_signed_in_user(client, course):
    lesson = lessons_of(course)[0]

    response = client.post(reverse("learners:complete", args=[lesson.id]))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_answering_with_get_is_refused(client, learner, course):
    client.force_login(learner)
    lesson = lessons_of(course)[0]

    response = client.get(answer_url(lesson, question_ids(lesson)[0]))

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert not Statement.objects.filter(verb_id=xs.ANSWERED).exists()


def test_completing_below_pass_mark_explains_why_beside_the_button(
    client, learner, course
):
    client.force_login(learner)
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    first, second = question_ids(lesson)
    client.post(answer_url(lesson, first), {"answer": ["0"]})  # the right answer

    response = client.post(reverse("learners:complete", args=[lesson.id]))

    assert response.url.endswith("?finish=refused#finish")
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    html = client.get(response.url).content.decode()
    finish_form = html[html.index('id="finish"') :]
    summary = finish_form[: finish_form.index("</form>")]
    assert 'class="error-summary"' in summary
    assert f'href="#question-{second}"' in summary  # still to answer
    assert f'href="#question-{first}"' not in summary  # answered correctly


def test_dashboard_lists_enrolled_courses_with_progress(client, learner, course):
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.get(reverse("learners:dashboard"))

    assert course.title in response.content.decode()
    assert 'value="0"' in response.content.decode()


def test_profile_form_rejects_invalid_postal_code(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("learners:profile"),
        {"display_name": "Jeanne", "language": "fr", "postal_code": "ABCD"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    learner.refresh_from_db()
    assert learner.postal_code == ""


def test_profile_language_is_the_language_of_the_pages(client, learner):
    learner.language = "nl"
    learner.save()
    client.force_login(learner)

    html = client.get(reverse("learners:dashboard")).content.decode()

    assert 'lang="nl"' in html
    assert "Mijn cursussen" in html


def test_saving_the_profile_switches_the_language(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("learners:profile"),
        {"display_name": "Jeanne", "language": "de", "postal_code": "4700"},
        follow=True,
    )

    assert 'lang="de"' in response.content.decode()
    learner.refresh_from_db()
    assert (learner.language, learner.postal_code) == ("de", "4700")
