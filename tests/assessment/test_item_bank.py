"""The question bank in Wagtail: editors write questions, moderators publish
them, the test asks only live ones, in the person's language where translated."""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override as translation_override
from wagtail.test.utils.form_data import nested_form_data, streamfield

from assessment import services
from assessment.digcomp import load_competences
from assessment.models import Attempt, Item, TestDefinition
from assessment.questions import bank, questions
from courses.models import Competence
from tests.factories import learner_create

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_assessment_item:add"


def client_in(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def draft_create(**fields) -> Item:
    """A question saved as a draft, as the admin's "Save draft" leaves it."""
    values = {
        "slug": "nouvelle-question",
        "competence": "1.1",
        "level": 1,
        "type": "single",
        "prompt": "Une nouvelle question ?",
        "answers": [
            {
                "type": "answer",
                "value": {"text": "Oui", "feedback": "Bien.", "correct": True},
            },
            {
                "type": "answer",
                "value": {"text": "Non", "feedback": "Non.", "correct": False},
            },
        ],
        "live": False,
        **fields,
    }
    item = Item(**values)
    item.full_clean()
    item.save()
    item.save_revision()
    return item


def publish(item: Item) -> Item:
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def translation_create(original: Item, language: str, prompt: str) -> Item:
    translation = Item(
        language=language,
        translation_of=original,
        competence=original.competence,
        level=original.level,
        type=original.type,
        prompt=prompt,
        picture_alt=original.picture_alt,
        answers=[
            {
                "type": "answer",
                "value": {**value, "text": f"{value['text']} ({language})"},
            }
            for value in original.answer_values()
        ],
        live=False,
    )
    translation.full_clean()
    translation.save()
    return publish(translation)


def start(client) -> Attempt:
    client.post(reverse("assessment:start"))
    return Attempt.objects.latest("started_at")


def asked(client, attempt):
    page = client.get(reverse("assessment:question", args=[attempt.uuid]))
    if page.status_code == 302:
        return None, page
    return re.search(r'name="item" value="([^"]+)"', page.content.decode())[1], page


def answer_right(client, attempt, item_id):
    question = questions(language="fr")[item_id]
    if question.type == "order":
        data = {f"position-{i}": str(i + 1) for i in range(len(question.answers))}
    else:
        data = {"answer": [str(i) for i, a in enumerate(question.answers) if a.correct]}
    return client.post(
        reverse("assessment:question", args=[attempt.uuid]), {"item": item_id, **data}
    )


def test_the_demo_bank_is_published_over_21_competences_and_levels_1_to_4():
    live = Item.objects.filter(live=True, translation_of=None)
    assert live.count() >= 60
    cells = Counter(live.values_list("competence", "level"))
    for competence in load_competences():
        for level in (1, 2, 3, 4):
            assert cells[(competence.code, level)] >= 1, (competence.code, level)
    assert services.item_bank_load() == 0  # loading again changes nothing


def test_the_demo_bank_keeps_what_editors_changed():
    item = Item.objects.get(slug="mot-de-passe-solide")
    item.prompt = "Un mot de passe solide, c'est lequel ?"
    item.save()
    services.item_bank_load()
    item.refresh_from_db()
    assert item.prompt == "Un mot de passe solide, c'est lequel ?"


def test_a_draft_is_never_asked_and_publishing_makes_it_asked_at_once():
    assert bank().has("mot-de-passe-solide")  # remembered from now on
    item = draft_create()

    assert not bank().has(item.slug)
    assert item.slug not in questions()

    publish(item)
    assert bank().has(item.slug)
    assert questions()[item.slug].prompt == "Une nouvelle question ?"

    item.unpublish()
    assert not bank().has(item.slug)


def test_a_draft_of_a_published_question_leaves_the_live_one_asked():
    item = Item.objects.get(slug="mot-de-passe-solide")
    live_prompt = item.prompt
    item.prompt = "Brouillon pas encore relu ?"
    item.save_revision()  # what "Save draft" does to a live question

    assert questions()["mot-de-passe-solide"].prompt == live_prompt


def test_an_editors_invalid_question_is_refused_with_its_reason(admin_client):
    before = Item.objects.count()
    two_right = nested_form_data(
        {
            "prompt": "Laquelle est la bonne ?",
            "type": "single",
            "competence": "1.1",
            "level": "1",
            "slug": "deux-bonnes",
            "language": "fr",
            "answers": streamfield(
                [
                    (
                        "answer",
                        {
                            "text": "A",
                            "feedback": "a",
                            "correct": "on",
                            "x": "",
                            "y": "",
                        },
                    ),
                    (
                        "answer",
                        {
                            "text": "B",
                            "feedback": "b",
                            "correct": "on",
                            "x": "",
                            "y": "",
                        },
                    ),
                ]
            ),
            "action-publish": "publish",
        }
    )

    page = admin_client.post(reverse(ADD_URL), two_right)

    assert page.status_code == 200
    # In the editor's language: French.
    assert "Pour ce type, une seule réponse doit être marquée comme bonne." in (
        page.content.decode()
    )
    assert Item.objects.count() == before


def test_an_order_question_needs_three_steps(admin_client):
    two_steps = nested_form_data(
        {
            "prompt": "Dans quel ordre ?",
            "type": "order",
            "competence": "3.1",
            "level": "2",
            "slug": "deux-etapes",
            "language": "fr",
            "answers": streamfield(
                [
                    ("answer", {"text": "A", "feedback": "a", "x": "", "y": ""}),
                    ("answer", {"text": "B", "feedback": "b", "x": "", "y": ""}),
                ]
            ),
        }
    )

    page = admin_client.post(reverse(ADD_URL), two_steps)

    assert "Une question d&#x27;ordre a besoin d&#x27;au moins 3 étapes." in (
        page.content.decode()
    )
    assert not Item.objects.filter(slug="deux-etapes").exists()


def signed_in_as(client, email: str, group: str) -> None:
    person = learner_create(email=email)
    person.groups.add(Group.objects.get(name=group))
    client.force_login(person)


def true_false_form(*, slug: str, prompt: str, true_is_right: bool, action: str):
    """The admin's add form of a true/false question, sent with ``action``."""

    def answer(text: str, right: bool) -> tuple[str, dict]:
        value = {
            "text": text,
            "feedback": "Oui." if right else "Non.",
            "x": "",
            "y": "",
        }
        return ("answer", {**value, "correct": "on"} if right else value)

    return nested_form_data(
        {
            "prompt": prompt,
            "type": "true_false",
            "competence": "2.1",
            "level": "1",
            "slug": slug,
            "language": "fr",
            "answers": streamfield(
                [answer("Vrai", true_is_right), answer("Faux", not true_is_right)]
            ),
            f"action-{action}": action,
        }
    )


def test_a_submitted_question_waits_for_a_moderator_and_is_not_asked(client):
    signed_in_as(client, "elise@example.be", "Editors")
    client.post(
        reverse(ADD_URL),
        true_false_form(
            slug="bouton-envoyer",
            prompt="Que fait le bouton « Envoyer » ?",
            true_is_right=True,
            action="submit",
        ),
    )

    item = Item.objects.get(slug="bouton-envoyer")
    assert not item.live
    assert item.get_workflow().name == "Relecture par la modération"
    task_state = item.current_workflow_task_state
    assert task_state is not None  # in review
    assert not bank().has("bouton-envoyer")

    signed_in_as(client, "marc@example.be", "Moderators")
    client.post(
        reverse(
            "wagtailsnippets_assessment_item:workflow_action",
            args=[item.pk, "approve", task_state.id],
        ),
        {"comment": "Claire."},
    )

    item.refresh_from_db()
    assert item.live
    assert bank().has("bouton-envoyer")


def test_an_editor_cannot_publish_a_question_directly(client):
    signed_in_as(client, "elise@example.be", "Editors")

    client.post(
        reverse(ADD_URL),
        true_false_form(
            slug="sans-relecture",
            prompt="Publier sans relecture ?",
            true_is_right=False,
            action="publish",
        ),
    )

    assert not Item.objects.filter(slug="sans-relecture", live=True).exists()
    assert Item.objects.filter(slug="sans-relecture").exists()  # kept as a draft


def test_a_german_person_gets_the_german_translation_and_french_otherwise(client):
    client_in(client, "de")
    attempt = start(client)
    first, _ = asked(client, attempt)
    original = Item.objects.get(slug=first)
    french_prompt = original.prompt

    translation_create(original, "de", "Eine Frage auf Deutsch?")
    _, page = asked(client, attempt)

    assert "Eine Frage auf Deutsch?" in page.content.decode()
    assert french_prompt not in page.content.decode()
    assert "(de)" in page.content.decode()  # its answers too
    others = questions(language="de")
    untranslated = next(slug for slug in others if slug != first)
    assert others[untranslated].prompt == (Item.objects.get(slug=untranslated).prompt)

    answer_right(client, attempt, first)  # scored as the French question
    assert Attempt.objects.get(id=attempt.id).answers[0][:2] == [first, True]


def test_a_translation_keeps_the_competence_level_and_type_of_its_original():
    original = Item.objects.get(slug="mot-de-passe-solide")
    translation = Item(
        language="nl",
        translation_of=original,
        competence=original.competence,
        level=original.level + 1,
        type=original.type,
        prompt="Een sterk wachtwoord?",
        answers=original.answers.raw_data,
    )

    with translation_override("en"):
        with pytest.raises(ValidationError) as refused:
            translation.full_clean()
        assert refused.value.message_dict["level"] == [
            "A translation keeps the competence, level and type of the French question."
        ]


def test_a_question_unpublished_later_does_not_break_an_old_result(client):
    client_in(client, "fr")
    attempt = start(client)
    while (item_id := asked(client, attempt)[0]) is not None:
        answer_right(client, attempt, item_id)
    attempt.refresh_from_db()
    gone = attempt.answers[0][0]
    Item.objects.get(slug=gone).unpublish()
    Item.objects.filter(slug=attempt.answers[1][0]).delete()

    page = client.get(reverse("assessment:result", args=[attempt.uuid]))

    assert page.status_code == 200
    assert "Votre résultat" in page.content.decode()


def test_the_picture_question_is_answered_without_javascript(client):
    client_in(client, "fr")
    TestDefinition.objects.create(top_level=2).competences.add(
        Competence.objects.get(code="4.1")
    )
    # The picture question is the only one left at level 2 in 4.1.
    for other in Item.objects.filter(competence="4.1", level=2).exclude(type="picture"):
        other.unpublish()
    attempt = start(client)
    first, _ = asked(client, attempt)
    answer_right(client, attempt, first)

    item_id, page = asked(client, attempt)
    html = page.content.decode()

    assert item_id == "cadenas-barre-adresse"
    assert '<svg class="picture"' in html
    assert html.count('class="marker"') == 3
    assert 'type="radio" name="answer" value="1"' in html
    assert "Repère 2\u00a0: Le petit cadenas" in html
    client.post(
        reverse("assessment:question", args=[attempt.uuid]),
        {"item": item_id, "answer": "1"},
    )
    attempt.refresh_from_db()
    assert attempt.answers[-1] == ["cadenas-barre-adresse", True, [1]]


def test_the_test_definition_restricts_the_competences_and_the_top_level(client):
    client_in(client, "fr")
    definition = TestDefinition.objects.create(top_level=2)
    definition.competences.add(Competence.objects.get(code="1.1"))
    attempt = start(client)

    count = 0
    while (item_id := asked(client, attempt)[0]) is not None:
        assert questions(language="fr")[item_id].competence == "1.1"
        answer_right(client, attempt, item_id)
        count += 1

    assert count == 2
    page = client.get(reverse("assessment:result", args=[attempt.uuid]))
    assert page.content.decode().count('<th scope="row">') == 1  # one area


def test_the_result_draws_the_profile_with_its_text_equivalent(client):
    client_in(client, "en")
    attempt = start(client)
    while (item_id := asked(client, attempt)[0]) is not None:
        answer_right(client, attempt, item_id)

    html = client.get(reverse("assessment:result", args=[attempt.uuid])).content
    html = html.decode()

    chart = re.search(r'<svg class="profile-chart".*?</svg>', html, re.S)[0]
    assert 'role="img"' in chart
    assert 'aria-describedby="profile-table"' in chart
    assert chart.count('class="bar"') == 5  # every area at the top: full bars
    assert chart.count('width="340.0"') == 5
    assert '<table class="stack result-profile" id="profile-table">' in html
    assert html.count("4 of 4") == 5  # the table says it in words
    assert "data-print hidden" in html  # shown by the script only


def test_the_report_lists_the_questions_with_a_link_to_edit_each(admin_client):
    draft = draft_create()

    html = admin_client.get(reverse("assessment_questions")).content.decode()

    edit = reverse("wagtailsnippets_assessment_item:edit", args=[draft.pk])
    assert f'<a href="{edit}">Une nouvelle question ?</a>' in html
    padlock = Item.objects.get(slug="cadenas-barre-adresse")
    assert reverse("wagtailsnippets_assessment_item:edit", args=[padlock.pk]) in html


def test_editors_find_the_questions_and_the_test_definition_in_the_admin(
    admin_client,
):
    padlock = Item.objects.get(slug="cadenas-barre-adresse")

    listing = admin_client.get(reverse("wagtailsnippets_assessment_item:list"))
    edit = admin_client.get(
        reverse("wagtailsnippets_assessment_item:edit", args=[padlock.pk])
    )
    definition = admin_client.get(
        reverse("wagtailsettings:edit", args=["assessment", "testdefinition"]),
        follow=True,
    )

    assert listing.status_code == 200
    assert edit.status_code == 200
    assert "Le petit cadenas" in edit.content.decode()
    assert definition.status_code == 200
    assert "5.4" in definition.content.decode()


def test_a_published_questions_identifier_cannot_change():
    item = Item.objects.get(slug="mot-de-passe-solide")
    item.slug = "mot-de-passe"

    with translation_override("en"):
        with pytest.raises(ValidationError) as refused:
            item.full_clean()
        assert refused.value.message_dict["slug"] == [
            "Tests already answered this question under its identifier: it cannot "
            "change."
        ]


def test_the_bank_is_read_once_per_process_not_at_each_question(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_in(client, "fr")
    attempt = start(client)
    first, _ = asked(client, attempt)
    answer_right(client, attempt, first)

    with CaptureQueriesContext(connection) as queries:
        asked(client, attempt)
        answer_right(client, attempt, asked(client, attempt)[0])

    read = [q["sql"] for q in queries if '"assessment_item"' in q["sql"]]
    assert read == []


def test_a_question_unpublished_during_a_test_lets_the_test_go_on(client):
    client_in(client, "fr")
    attempt = start(client)
    first, _ = asked(client, attempt)
    answer_right(client, attempt, first)
    Item.objects.get(slug=first).unpublish()

    item_id, page = asked(client, attempt)

    assert page.status_code == 200
    assert item_id != first
    assert answer_right(client, attempt, item_id).status_code == 302
