"""The positioning test's pages: anyone takes it without an account, the server
picks and scores each question, the result leads to courses and workshops near
home, and nobody else ever sees it."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from assessment.models import Attempt
from assessment.questions import questions
from courses.models import Competence
from scheduling.models import Audience, Session
from tests.factories import PASSWORD, learner_create
from tests.scheduling.factories import session_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def start(client) -> Attempt:
    client.post(reverse("assessment:start"))
    return Attempt.objects.latest("started_at")


def asked_item(client, attempt) -> str | None:
    """The id of the question the page shows now, or None at the result."""
    page = client.get(reverse("assessment:question", args=[attempt.uuid]))
    if page.status_code == 302:
        return None
    return re.search(r'name="item" value="([^"]+)"', page.content.decode())[1]


def answer(client, attempt, item_id, *, right: bool):
    question = questions()[item_id]
    if question.type == "order":
        order = list(range(len(question.answers)))
        if not right:
            order.reverse()
        data = {f"position-{step}": str(n + 1) for n, step in enumerate(order)}
    else:
        matching = [i for i, a in enumerate(question.answers) if a.correct == right]
        # Every right answer, or one wrong one.
        data = {"answer": [str(i) for i in (matching if right else matching[:1])]}
    return client.post(
        reverse("assessment:question", args=[attempt.uuid]), {"item": item_id, **data}
    )


def take_test(client, attempt, *, right) -> int:
    """Answer every question asked, right or wrong as ``right(item)`` says."""
    count = 0
    while (item := asked_item(client, attempt)) is not None:
        answer(client, attempt, item, right=right(questions()[item]))
        count += 1
        assert count <= 25
    return count


def test_all_right_reaches_the_top_in_twenty_questions(client):
    attempt = start(client)

    count = take_test(client, attempt, right=lambda q: True)

    assert count == 20
    attempt.refresh_from_db()
    assert attempt.finished_at is not None
    result = client.get(reverse("assessment:result", args=[attempt.uuid]))
    html = result.content.decode()
    assert html.count("4 of 4") == 5
    assert "You already know how to" in html


def test_all_wrong_stops_early_and_points_to_what_to_learn(client):
    attempt = start(client)

    count = take_test(client, attempt, right=lambda q: False)

    assert count == 10
    html = client.get(reverse("assessment:result", args=[attempt.uuid])).content
    assert html.decode().count("0 of 4") == 5
    assert "You could learn" in html.decode()


def test_a_competence_half_held_says_the_level_reached_and_the_next_one(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    attempt = start(client)
    # Right up to level 2, wrong above it.
    take_test(client, attempt, right=lambda q: q.level <= 2)

    html = client.get(reverse("assessment:result", args=[attempt.uuid])).content
    known, to_learn = html.decode().split("Vous pourriez apprendre")
    title = (
        "Naviguer, rechercher et filtrer des données, des informations et des "
        "contenus numériques"
    )
    assert f"{title} (niveau 2 atteint)" in known
    assert f"{title} (prochain\u00a0: niveau 3)" in to_learn


def test_only_the_question_asked_is_accepted(client):
    attempt = start(client)
    asked = asked_item(client, attempt)
    other = next(item for item in questions() if item != asked)

    response = answer(client, attempt, other, right=True)

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.answers == []


def test_no_answer_is_said_where_the_person_looks_and_stores_nothing(client):
    attempt = start(client)
    asked = asked_item(client, attempt)

    response = client.post(
        reverse("assessment:question", args=[attempt.uuid]), {"item": asked}
    )

    assert response.status_code == 400
    assert "Choose an answer" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.answers == []


def test_another_browser_or_person_never_sees_a_test(client, django_user_model):
    from django.test import Client

    attempt = start(client)
    take_test(client, attempt, right=lambda q: True)
    stranger = Client()
    for name in ("question", "result"):
        url = reverse(f"assessment:{name}", args=[attempt.uuid])
        assert stranger.get(url).status_code == 404
    stranger.force_login(learner_create(email="paul@example.be"))
    assert (
        stranger.get(reverse("assessment:result", args=[attempt.uuid])).status_code
        == 404
    )


def test_a_test_taken_before_signing_in_becomes_the_persons(client):
    attempt = start(client)
    take_test(client, attempt, right=lambda q: q.competence.startswith("1."))
    person = learner_create(email="lea@example.be")
    assert not Statement.objects.filter(verb_id=ANSWERED).exists()

    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})

    attempt.refresh_from_db()
    assert attempt.user == person
    assert Statement.objects.filter(verb_id=ANSWERED).count() == len(attempt.answers)
    assert (
        client.get(reverse("assessment:result", args=[attempt.uuid])).status_code == 200
    )


def test_a_signed_in_persons_answers_are_statements_with_their_competence(client):
    person = learner_create(email="lea@example.be")
    client.force_login(person)
    attempt = start(client)
    item = asked_item(client, attempt)

    answer(client, attempt, item, right=True)

    (stored,) = Statement.objects.filter(verb_id=ANSWERED)
    data = stored.data
    assert data["result"]["success"] is True
    extension = data["context"]["extensions"][
        f"{settings.XAPI_IRI_BASE}extensions/digcomp"
    ]
    assert extension["competence"] == questions()[item].competence


def test_the_result_recommends_courses_and_workshops_near_home(
    client, course_builder, namur
):
    safety = course_builder.build(title="Se protéger en ligne", modules=1, lessons=1)
    safety.competences.add(Competence.objects.get(code="4.1"))
    safety.save_revision().publish()
    near = session_create(namur, title="Atelier sécurité", course=safety)
    far = session_create(
        namur, title="Atelier loin", course=safety, postal_code="4700", commune="Eupen"
    )
    attempt = start(client)
    take_test(client, attempt, right=lambda q: not q.competence.startswith("4."))

    html = client.get(
        reverse("assessment:result", args=[attempt.uuid]), {"place": "5000"}
    ).content.decode()

    assert "Se protéger en ligne" in html
    assert "Atelier sécurité" in html
    assert "Atelier loin" not in html  # beyond the search radius of Namur
    assert near.title in html
    assert far.title not in html


def test_the_result_does_not_recommend_a_course_for_young_people(
    client, course_builder
):
    from courses.models import Audience as CourseAudience

    for title, audience in [
        ("Se protéger en ligne", CourseAudience.EVERYONE),
        ("Coder son premier jeu", CourseAudience.YOUNG_PEOPLE),
    ]:
        course = course_builder.build(title=title, modules=1, lessons=1)
        course.audience = audience
        course.competences.add(Competence.objects.get(code="4.1"))
        course.save_revision().publish()
    attempt = start(client)
    take_test(client, attempt, right=lambda q: not q.competence.startswith("4."))

    html = client.get(reverse("assessment:result", args=[attempt.uuid])).content

    assert "Se protéger en ligne" in html.decode()
    assert "Coder son premier jeu" not in html.decode()


def test_a_stopped_test_is_resumed_from_the_first_page(client):
    attempt = start(client)
    first = asked_item(client, attempt)
    answer(client, attempt, first, right=True)
    second = asked_item(client, attempt)

    intro = client.get(reverse("assessment:intro")).content.decode()

    resume = reverse("assessment:question", args=[attempt.uuid])
    assert f'href="{resume}"' in intro
    assert asked_item(client, attempt) == second  # the same question waits


def test_a_retest_shows_the_progress_since_the_last_one(client):
    person = learner_create(email="lea@example.be")
    client.force_login(person)
    first = start(client)
    take_test(client, first, right=lambda q: False)
    second = start(client)
    take_test(client, second, right=lambda q: q.competence.startswith("1."))

    html = client.get(reverse("assessment:result", args=[second.uuid])).content

    page = html.decode()
    assert "Since your last test" in page
    assert ": from 0 to 4" in page
    assert page.count(": from 0 to 0") == 4


def test_a_test_in_an_accompanied_session_records_the_facilitator(
    client, lea, facilitator
):
    from desk import services as desk
    from learners.learning_mode import learning_mode_iri

    person = lea.learner
    accompaniment = person.accompaniments.get()
    code = desk.accompany_code_create(
        accompaniment=accompaniment, facilitator=facilitator
    )
    client.force_login(person)
    client.post(reverse("desk:accompanied_join"), {"code": code.code})

    attempt = start(client)
    answer(client, attempt, asked_item(client, attempt), right=True)

    assert attempt.accompanied_by == facilitator
    (stored,) = Statement.objects.filter(verb_id=ANSWERED)
    assert stored.data["context"]["extensions"][learning_mode_iri()] == "accompanied"


def test_totals_count_people_per_competence_and_hide_small_groups(client):
    from assessment.selectors import SMALLEST_GROUP, totals
    from assessment.services import attempt_start

    for n in range(SMALLEST_GROUP):
        person = learner_create(email=f"p{n}@example.be", postal_code="5000")
        client.force_login(person)
        take_test(client, start(client), right=lambda q: True)
    lonely = learner_create(email="seul@example.be", age_band="over_65")
    client.force_login(lonely)
    take_test(client, start(client), right=lambda q: False)
    attempt_start(user=lonely)  # unfinished: not counted

    all_people = totals()
    assert {
        "group": "",
        "competence": "1.1",
        "level": 4,
        "people": SMALLEST_GROUP,
    } in all_people
    assert not [row for row in all_people if row["level"] == 0]  # one person: hidden
    by_age = totals(by="age_band")
    assert not [row for row in by_age if row["group"] == "over_65"]


def test_a_facilitator_types_in_a_paper_test_and_the_person_sees_the_result(
    client, lea, facilitator
):
    from assessment.selectors import paper_questions
    from desk.models import OnBehalfAction
    from learners.learning_mode import learning_mode_iri

    person = lea.learner
    accompaniment = person.accompaniments.get()
    sheet = paper_questions()
    assert len(sheet) == 20  # five areas, levels 1 to 4
    client.force_login(facilitator)
    # Right up to level 2 in every area, the rest skipped.
    marks = {f"q-{q.id}": "right" for q in sheet if q.level <= 2}

    client.post(reverse("assessment:paper_entry", args=[accompaniment.id]), marks)

    attempt = Attempt.objects.get(user=person)
    assert attempt.accompanied_by == facilitator
    assert len(attempt.answers) == 10
    assert OnBehalfAction.objects.filter(kind="paper_test").get().detail == "10/10"
    modes = {
        s.data["context"]["extensions"][learning_mode_iri()]
        for s in Statement.objects.filter(verb_id=ANSWERED)
    }
    assert modes == {"accompanied"}
    # The result is the person's: theirs to see, not the facilitator's.
    result = reverse("assessment:result", args=[attempt.uuid])
    assert client.get(result).status_code == 404
    client.force_login(person)
    assert client.get(result).content.decode().count("2 of 4") == 5


def test_another_space_cannot_type_in_a_paper_test(client, lea):
    from tests.scheduling.factories import organiser_create

    person = lea.learner
    stranger = learner_create(email="anim@mons.be")
    organiser_create(name="EPN de Mons", members=[stranger])
    client.force_login(stranger)

    url = reverse("assessment:paper_entry", args=[person.accompaniments.get().id])
    assert client.post(url, {}).status_code == 404
    assert not Attempt.objects.exists()


def test_a_shared_result_shows_levels_to_whoever_has_the_link_until_stopped(client):
    from django.test import Client

    person = learner_create(email="lea@example.be")
    client.force_login(person)
    attempt = start(client)
    take_test(client, attempt, right=lambda q: True)

    client.post(reverse("assessment:share", args=[attempt.uuid]))
    attempt.refresh_from_db()
    shared = reverse("assessment:shared", args=[attempt.share_key])
    assert (
        shared
        in client.get(
            reverse("assessment:result", args=[attempt.uuid])
        ).content.decode()
    )
    visitor = Client()
    page = visitor.get(shared, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("4 of 4") == 5
    assert "Courses for you" not in page

    client.post(reverse("assessment:share", args=[attempt.uuid]), {"stop": "1"})
    assert visitor.get(shared).status_code == 404


def test_only_the_owner_shares_a_result(client):
    from django.test import Client

    client.force_login(learner_create(email="lea@example.be"))
    attempt = start(client)
    take_test(client, attempt, right=lambda q: True)
    other = Client()
    other.force_login(learner_create(email="paul@example.be"))

    response = other.post(reverse("assessment:share", args=[attempt.uuid]))

    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.share_key is None


def test_editors_see_how_each_question_fares(client):
    from tests.factories import editor_create

    first = next(iter(questions()))
    for _ in range(10):  # ten people, all right on the same question
        Attempt.objects.create(answers=[[first, True, [0]]])
    client.force_login(editor_create(email="elise@example.be", can_publish=True))

    page = client.get(reverse("assessment_questions"))

    html = page.content.decode()
    assert page.status_code == 200
    assert questions()[first].prompt in html
    assert "Too easy?" in html
    assert html.count("<tr>") >= 21 + len(questions())


def test_the_questions_report_is_for_the_admin_only(client):
    client.force_login(learner_create(email="lea@example.be"))

    assert client.get(reverse("assessment_questions")).status_code in (302, 403)


def test_a_test_showing_a_level_earns_the_badge_aligned_to_it(client):
    from badges.models import Assertion, AwardRule
    from tests.badges.factories import badge_class_create

    safety = badge_class_create(
        name="Sécurité, niveau 3", rule=AwardRule.POSITIONING, level=3
    )
    safety.competences.add(Competence.objects.get(code="4.1"))
    safety.save()  # a parental relation is kept in memory until saved
    searching = badge_class_create(
        name="Recherche, niveau 3", rule=AwardRule.POSITIONING, level=3
    )
    searching.competences.add(Competence.objects.get(code="1.1"))
    searching.save()
    person = learner_create(email="lea@example.be")
    client.force_login(person)

    take_test(client, start(client), right=lambda q: q.competence.startswith("4."))

    held = Assertion.objects.filter(recipient=person)
    assert [a.badge_class for a in held] == [safety]
    assert (
        "level 3" in held.get().evidence_narrative
        or "niveau 3" in held.get().evidence_narrative
    )


def test_a_positioning_badge_needs_its_level(client):
    from django.core.exceptions import ValidationError

    from badges.models import AwardRule, BadgeClass

    badge = BadgeClass(name="Niveau", rule=AwardRule.POSITIONING)
    with pytest.raises(ValidationError, match="DigComp level"):
        badge.clean()


def weak_in_safety(client, course_builder):
    """A finished test weak in safety (4.x), and a live course for it."""
    safety = course_builder.build(title="Se protéger en ligne", modules=1, lessons=1)
    safety.competences.add(Competence.objects.get(code="4.1"))
    safety.save_revision().publish()
    attempt = start(client)
    take_test(client, attempt, right=lambda q: not q.competence.startswith("4."))
    return attempt, safety


def workshops_section(html: str) -> str:
    return html[html.index("Workshops near you") : html.index("Take the test again")]


def result_workshops(client, attempt, *, place: str) -> str:
    """The workshops part of the result page, for a place typed."""
    page = client.get(
        reverse("assessment:result", args=[attempt.uuid]), {"place": place}
    )
    return workshops_section(page.content.decode())


def test_a_workshop_on_the_courses_topic_is_offered_when_theirs_are_far(
    client, course_builder, namur
):
    attempt, safety = weak_in_safety(client, course_builder)
    session_create(
        namur,
        title="Atelier loin",
        course=safety,
        topic="sécurité",
        postal_code="4700",
        commune="Eupen",
    )
    session_create(namur, title="Reconnaître les arnaques", topic="Sécurité")

    html = result_workshops(client, attempt, place="5000")

    assert "Workshops on these subjects near you" in html
    assert "Reconnaître les arnaques" in html
    assert "Atelier loin" not in html


def test_without_workshops_on_these_subjects_other_adult_ones_are_offered_as_such(
    client, course_builder, namur
):
    attempt, _safety = weak_in_safety(client, course_builder)
    session_create(namur, title="Mon courriel pas à pas", topic="courriel")
    session_create(namur, title="Coder un jeu", audience=Audience.YOUNG_PEOPLE)
    session_create(namur, title="Robots à 10 ans", age_min=8, age_max=12)

    html = result_workshops(client, attempt, place="Namur")

    assert "Other workshops near you" in html
    assert "Workshops on these subjects" not in html
    assert "Mon courriel pas à pas" in html
    assert "Coder un jeu" not in html
    assert "Robots à 10 ans" not in html
    assert "No workshop" not in html


def test_the_workshops_of_the_result_take_a_bounded_number_of_queries(
    client, course_builder, namur, django_assert_num_queries
):
    from assessment.selectors import recommendations

    weak_in_safety(client, course_builder)
    for n in range(8):
        session_create(namur, title=f"Atelier {n}", topic=f"sujet {n}")

    # Restrictions on pages (Wagtail), courses, their workshops' topics, the agenda.
    with django_assert_num_queries(4):
        found = recommendations(codes=["4.1"], place_text="5000")

    assert len(found.workshops) == 5
    assert not found.on_subjects


def test_an_unknown_place_is_said_next_to_the_field_with_an_example(
    client, course_builder, namur
):
    attempt, safety = weak_in_safety(client, course_builder)
    session_create(namur, title="Atelier sécurité", course=safety)

    html = result_workshops(client, attempt, place="abc")

    error = "We do not know this place: try a postal code such as 5000."
    assert html.index("Your postal code or commune") < html.index(error)
    assert html.index(error) < html.index('id="place"')
    assert 'id="place-error"' in html
    field = re.search(r"<input[^>]*id=\"place\"[^>]*>", html)[0]
    assert 'aria-invalid="true"' in field
    assert "place-error" in field
    assert "No workshop" not in html


def test_the_place_field_is_a_text_field_for_a_postal_code_or_commune(
    client, course_builder
):
    attempt, _safety = weak_in_safety(client, course_builder)

    html = client.get(reverse("assessment:result", args=[attempt.uuid])).content
    field = re.search(r"<input[^>]*id=\"place\"[^>]*>", html.decode())[0]

    assert 'type="text"' in field
    assert 'autocomplete="postal-code"' in field
    assert 'aria-describedby="place-hint"' in field
    assert "For example 5000 or Namur." in html.decode()
    assert "aria-invalid" not in field


def test_the_demo_workshops_in_namur_go_with_the_demo_courses(client):
    from courses.demo_content import demo_courses_load
    from epn.demo_content import demo_spaces_load

    demo_courses_load()
    demo_spaces_load()
    attempt = start(client)
    take_test(client, attempt, right=lambda q: not q.competence.startswith("4."))

    html = result_workshops(client, attempt, place="5000")

    assert "Workshops on these subjects near you" in html
    assert "Reconnaître les arnaques" in html
    linked = Session.objects.filter(course__isnull=False, commune="Namur")
    assert set(linked.values_list("course__slug", flat=True)) == {
        "premiers-pas-avec-un-smartphone",
        "demarches-administratives-en-ligne",
        "se-proteger-des-arnaques-en-ligne",
    }


def test_the_dashboard_leads_to_the_test_then_back_to_it_then_to_its_result(client):
    person = learner_create(email="lea@example.be")
    someone_else = learner_create(email="marc@example.be")
    client.force_login(someone_else)
    take_test(client, start(client), right=lambda q: True)
    client.force_login(person)
    dashboard = reverse("learners:dashboard")

    never = client.get(dashboard).content.decode()
    attempt = start(client)
    answer(client, attempt, asked_item(client, attempt), right=True)
    midway = client.get(dashboard).content.decode()
    take_test(client, attempt, right=lambda q: True)
    finished = client.get(dashboard).content.decode()

    assert f'href="{reverse("assessment:intro")}"' in never
    assert "/result/" not in never  # not the other person's test
    assert "after 1 question." in midway
    assert f'href="{reverse("assessment:question", args=[attempt.uuid])}"' in midway
    assert f'href="{reverse("assessment:result", args=[attempt.uuid])}"' in finished
    assert "You took the positioning test on" in finished
