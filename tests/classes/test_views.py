"""Class pages: a partner's member makes a class, adds children, prints their
cards on one sheet, gives a course and reads the progress; nobody else sees
anything of the class."""

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classes import services, views
from classes.models import Classroom
from learners import login_cards
from learners.models import Enrolment, LoginCard, User
from tests.classes.factories import children_of
from tests.factories import form_token_in
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

CLASS_PAGES = [
    "card_reissue",
    "child_remove",
    "delete",
    "detail",
    "children_add",
    "course",
    "cards",
    "cards_pdf",
    "cards_reissue",
    "progress",
]


def _url(name: str, classroom) -> str:
    """A page of the class (a child's page: its first child's)."""
    if name in ("card_reissue", "child_remove"):
        child = classroom.children.first()
        return reverse(f"classes:{name}", args=[classroom.id, child.id])
    return reverse(f"classes:{name}", args=[classroom.id])


def cards_in(pdf: bytes) -> int:
    """How many cards a sheet holds: each shows the word PIN once."""
    return len(re.findall(r"\(PIN\) Tj", pdf_text(pdf)))


def test_a_teacher_makes_a_class_adds_children_and_prints_one_sheet(
    client, teacher, school
):
    client.force_login(teacher)
    form = client.get(reverse("classes:create"))
    response = client.post(
        reverse("classes:create"),
        {
            "organiser": school.organiser_id,
            "name": "5e B",
            "form_token": form_token_in(form),
        },
    )
    classroom = Classroom.objects.get()
    assert response["Location"] == reverse("classes:children_add", args=[classroom.id])
    form = client.get(response["Location"])

    response = client.post(
        reverse("classes:children_add", args=[classroom.id]),
        {
            "names": "Zoé\r\n\r\nNoah\r\nInès\r\n",
            "language": "fr",
            "guardian_consent": "on",
            "form_token": form_token_in(form),
        },
        follow=True,
    )

    assert "Cards ready to print: 3," in response.content.decode()
    pdf = client.get(reverse("classes:cards_pdf", args=[classroom.id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "no-store"
    assert pdf.content.startswith(b"%PDF")
    assert cards_in(pdf.content) == 3
    text = pdf_text(pdf.content)
    assert all(f"({name}) Tj" in text for name in ["Noah", "Zo\\351", "In\\350s"])


def test_a_sheet_holds_eight_cards_a_page(client, teacher, classroom):
    client.force_login(teacher)
    client.post(
        reverse("classes:children_add", args=[classroom.id]),
        {
            "names": "\n".join(f"Enfant {n}" for n in range(11)),
            "language": "fr",
            "guardian_consent": "on",
        },
    )

    pdf = client.get(reverse("classes:cards_pdf", args=[classroom.id])).content

    assert cards_in(pdf) == 11
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 2


def test_without_the_consent_ticked_no_child_is_added(client, teacher, classroom):
    client.force_login(teacher)

    response = client.post(
        reverse("classes:children_add", args=[classroom.id]),
        {"names": "Zoé", "language": "fr"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "consented through the Wallcode registration" in page
    assert page.count('class="error-summary"') == 1
    assert not User.objects.filter(display_name="Zoé").exists()


def test_the_cards_are_not_shown_in_another_session(client, teacher, classroom):
    children_of(classroom, teacher, "Zoé")  # made elsewhere: no secrets here
    client.force_login(teacher)

    page = client.get(reverse("classes:cards", args=[classroom.id]))
    pdf = client.get(reverse("classes:cards_pdf", args=[classroom.id]))

    assert "can no longer be shown" in page.content.decode()
    assert pdf.status_code == 302


def test_new_cards_for_the_class_are_printed_and_the_old_stop(
    client, teacher, classroom
):
    old = children_of(classroom, teacher, "Zoé", "Noah")
    client.force_login(teacher)
    url = reverse("classes:cards_reissue", args=[classroom.id])

    assert "stop working at once" in client.get(url).content.decode()
    client.post(url)

    pdf = client.get(reverse("classes:cards_pdf", args=[classroom.id]))
    assert cards_in(pdf.content) == 2
    assert all(card.card.code not in pdf_text(pdf.content) for card in old.values())
    assert not any(
        User.objects.get(display_name=name).login_cards.filter(
            code=card.card.code, revoked_at__isnull=True
        )
        for name, card in old.items()
    )


def test_giving_a_course_enrols_the_class_and_the_progress_shows(
    client, teacher, classroom, code_course
):
    children_of(classroom, teacher, "Zoé", "Noah")
    client.force_login(teacher)

    response = client.post(
        reverse("classes:course", args=[classroom.id]), {"course": code_course.id}
    )

    assert response.status_code == 302
    assert Enrolment.objects.filter(course=code_course).count() == 2
    page = client.get(reverse("classes:progress", args=[classroom.id]))
    html = page.content.decode()
    assert "<caption" in html
    assert "5e B in Le robot: each child, puzzle by puzzle" in html
    assert html.count("not started</span></td>") == 6  # 2 children x 3 puzzles
    assert '<th scope="row">Noah</th>' in html


def test_the_list_shows_the_classes_of_my_partners_only(
    client, teacher, coach, classroom
):
    client.force_login(coach)
    assert "5e B" not in client.get(reverse("classes:home")).content.decode()
    client.force_login(teacher)
    assert "5e B" in client.get(reverse("classes:home")).content.decode()


@pytest.mark.parametrize("name", CLASS_PAGES)
def test_a_member_of_another_partner_gets_404_on_every_page_of_a_class(
    client, coach, teacher, classroom, name
):
    children_of(classroom, teacher, "Zoé")
    client.force_login(coach)
    url = _url(name, classroom)

    assert client.get(url).status_code == 404
    assert client.post(
        url, {"names": "Intrus", "guardian_consent": "on"}
    ).status_code in (
        404,
        405,
    )
    assert classroom.children.count() == 1


@pytest.mark.parametrize("name", CLASS_PAGES)
def test_a_visitor_is_sent_to_sign_in(client, teacher, classroom, name):
    children_of(classroom, teacher, "Zoé")
    response = client.get(_url(name, classroom))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["home", "create"])
def test_a_learner_without_a_partner_gets_404(client, learner, name):
    client.force_login(learner)

    assert client.get(reverse(f"classes:{name}")).status_code == 404


def test_a_facilitator_of_an_epn_space_is_no_partner_member(client, facilitator, namur):
    client.force_login(facilitator)

    assert client.get(reverse("classes:home")).status_code == 404


def test_a_member_cannot_make_a_class_for_a_partner_not_theirs(
    client, teacher, school, coach
):
    other = coach.organisers.get()
    client.force_login(teacher)

    response = client.post(
        reverse("classes:create"), {"organiser": other.id, "name": "Intrus"}
    )

    assert response.status_code == 200  # not a choice of the form
    assert not Classroom.objects.exists()


def test_partner_members_find_their_classes_in_the_menu(client, teacher, school):
    client.force_login(teacher)
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert reverse("classes:home") in html


def test_learners_have_no_classes_in_their_menu(client, learner):
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert reverse("classes:home") not in html


def test_a_child_signs_in_with_the_card_printed_for_the_class(
    client, teacher, classroom
):
    cards = children_of(classroom, teacher, "Zoé")
    card = cards["Zoé"]

    response = client.post(
        reverse("learners:card_sign_in"),
        {"code": card.card.code, "pin": card.pin},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        User.objects.get(display_name="Zoé").id
    )


@pytest.mark.parametrize("name", ["home", "detail", "progress"])
def test_a_class_page_costs_the_same_queries_for_three_children_or_thirty(
    client, teacher, classroom, code_course, name
):
    children_of(classroom, teacher, "Zoé", "Noah", "Inès")
    services.course_assign(classroom=classroom, course=code_course)
    client.force_login(teacher)
    url = (
        reverse("classes:home")
        if name == "home"
        else reverse(f"classes:{name}", args=[classroom.id])
    )
    client.get(url)  # the session and the menu's caches warmed
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    children_of(classroom, teacher, *[f"Enfant {n}" for n in range(27)])

    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)


def test_a_child_who_lost_their_card_gets_a_new_one_and_only_theirs_stops(
    client, teacher, classroom
):
    old = children_of(classroom, teacher, "Zoé", "Noah")
    zoe = classroom.children.get(learner__display_name="Zoé")
    client.force_login(teacher)
    url = reverse("classes:card_reissue", args=[classroom.id, zoe.id])

    assert "Give Zoé a new card?" in client.get(url).content.decode()
    client.post(url)

    pdf = client.get(reverse("classes:cards_pdf", args=[classroom.id]))
    assert cards_in(pdf.content) == 1
    assert login_cards.card_check(code=old["Zoé"].card.code, pin=old["Zoé"].pin) is None
    noah = login_cards.card_check(code=old["Noah"].card.code, pin=old["Noah"].pin)
    assert noah.user.display_name == "Noah"


@pytest.fixture
def leon_elsewhere(coach):
    """Léon, in another partner's class."""
    other_class = services.classroom_create(
        organiser=coach.organisers.get(), created_by=coach, name="Dojo"
    )
    children_of(other_class, coach, "Léon")
    return other_class, other_class.children.get()


def test_a_child_of_another_class_is_a_404_through_mine(
    client, teacher, classroom, leon_elsewhere
):
    other_class, leon = leon_elsewhere
    client.force_login(teacher)

    url = reverse("classes:card_reissue", args=[classroom.id, leon.id])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert (
        client.get(
            reverse("classes:card_reissue", args=[other_class.id, leon.id])
        ).status_code
        == 404
    )


def signs_in_with(card) -> int | None:
    """Who the card signs in, typed on a device of its own (the child's)."""
    device = Client()
    device.post(
        reverse("learners:card_sign_in"), {"code": card.card.code, "pin": card.pin}
    )
    value = device.session.get("_auth_user_id")
    return int(value) if value else None


def test_a_teacher_removes_a_child_after_confirming(client, teacher, classroom):
    cards = children_of(classroom, teacher, "Léon", "Zoé")
    leon = classroom.children.get(learner__display_name="Léon")
    leon_id, zoe_id = leon.learner_id, signs_in_with(cards["Zoé"])
    assert signs_in_with(cards["Léon"]) == leon_id
    client.force_login(teacher)
    detail = client.get(reverse("classes:detail", args=[classroom.id]))
    url = reverse("classes:child_remove", args=[classroom.id, leon.id])
    assert url in detail.content.decode()

    page = client.get(url).content.decode()

    assert "Remove Léon from 5e B?" in page
    assert "Their card stops working and their progress is erased" in page
    assert reverse("classes:detail", args=[classroom.id]) in page
    assert User.objects.filter(id=leon_id).exists()  # asking changes nothing
    assert signs_in_with(cards["Léon"]) == leon_id

    response = client.post(url, follow=True)

    assert response.redirect_chain == [
        (reverse("classes:detail", args=[classroom.id]), 302)
    ]
    html = response.content.decode()
    assert "Léon is no longer in the class" in html
    assert '<th scope="row">Léon</th>' not in html
    assert '<th scope="row">Zoé</th>' in html
    assert not User.objects.filter(id=leon_id).exists()
    assert not LoginCard.objects.filter(user_id=leon_id).exists()
    assert signs_in_with(cards["Léon"]) is None
    assert signs_in_with(cards["Zoé"]) == zoe_id


def test_removing_a_child_twice_answers_as_the_first_time(client, teacher, classroom):
    children_of(classroom, teacher, "Léon", "Zoé")
    leon = classroom.children.get(learner__display_name="Léon")
    client.force_login(teacher)
    url = reverse("classes:child_remove", args=[classroom.id, leon.id])
    client.post(url)

    again = client.post(url, follow=True)

    assert again.status_code == 200
    assert "Léon is no longer in the class" in again.content.decode()
    assert classroom.children.count() == 1
    assert client.get(url).status_code == 404  # nothing to confirm any more


def test_a_removal_sent_again_much_later_is_a_404(client, teacher, classroom):
    children_of(classroom, teacher, "Léon")
    client.force_login(teacher)
    child = classroom.children.get()
    url = reverse("classes:child_remove", args=[classroom.id, child.id])
    client.post(url)
    session = client.session
    kept = session[views.ERASED_KEY]
    assert [item[:2] for item in kept] == [["child", child.id]]
    session[views.ERASED_KEY] = [[*item[:3], time.time() - 1] for item in kept]
    session.save()

    assert client.post(url).status_code == 404


def test_removing_a_child_needs_a_post_with_the_csrf_token(teacher, classroom):
    children_of(classroom, teacher, "Léon")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    child = classroom.children.get()

    response = browser.post(
        reverse("classes:child_remove", args=[classroom.id, child.id])
    )

    assert response.status_code == 403
    assert classroom.children.count() == 1


def test_a_teacher_deletes_a_class_and_its_children_accounts(
    client, teacher, school, classroom
):
    cards = children_of(classroom, teacher, "Léon", "Zoé", "Noah")
    other = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="6e A"
    )
    kept = children_of(other, teacher, "Inès")
    client.force_login(teacher)
    url = reverse("classes:delete", args=[classroom.id])
    assert (
        url
        in client.get(reverse("classes:detail", args=[classroom.id])).content.decode()
    )

    page = client.get(url).content.decode()

    assert "Delete the class 5e B?" in page
    assert "The accounts of its 3 children are erased" in page
    assert classroom.children.count() == 3

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(reverse("classes:home"), 302)]
    html = response.content.decode()
    assert "The class 5e B is deleted, and the accounts of its 3 children" in html
    assert "6e A" in html
    assert not Classroom.objects.filter(id=classroom.id).exists()
    assert not User.objects.filter(display_name__in=["Léon", "Zoé", "Noah"]).exists()
    assert all(signs_in_with(card) is None for card in cards.values())
    assert signs_in_with(kept["Inès"]) is not None

    again = client.post(url, follow=True)

    assert again.redirect_chain == [(reverse("classes:home"), 302)]
    assert "The class 5e B is deleted" in again.content.decode()
    assert client.get(url).status_code == 404


def test_an_empty_class_is_deleted_with_a_word_saying_so(client, teacher, classroom):
    client.force_login(teacher)
    url = reverse("classes:delete", args=[classroom.id])

    assert "has no children" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "The class 5e B is deleted." in response.content.decode()
    assert not Classroom.objects.exists()


def test_a_member_of_another_partner_removes_and_deletes_nothing(
    client, teacher, coach, classroom
):
    cards = children_of(classroom, teacher, "Léon")
    child = classroom.children.get()
    client.force_login(coach)

    for url in (
        reverse("classes:child_remove", args=[classroom.id, child.id]),
        reverse("classes:delete", args=[classroom.id]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert client.post(url).status_code == 404

    assert Classroom.objects.filter(id=classroom.id).exists()
    assert signs_in_with(cards["Léon"]) == child.learner_id


def test_a_child_of_another_class_is_not_removed_through_mine(
    client, teacher, classroom, leon_elsewhere
):
    other_class, leon = leon_elsewhere
    client.force_login(teacher)

    url = reverse("classes:child_remove", args=[classroom.id, leon.id])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert other_class.children.count() == 1


def test_a_child_with_an_email_address_since_leaves_the_class_only(
    client, teacher, classroom
):
    children_of(classroom, teacher, "Zoé")
    User.objects.filter(display_name="Zoé").update(email="zoe@example.be")
    child = classroom.children.get()
    client.force_login(teacher)
    url = reverse("classes:child_remove", args=[classroom.id, child.id])

    assert "it leaves the class but is not erased" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "stays theirs" in response.content.decode()
    assert User.objects.filter(display_name="Zoé").exists()
    assert not classroom.children.exists()
