"""The EPN desk: an account made for a person without e-mail, their card, what
the space sees and does for them, and who else may not."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from desk import services
from desk.consent import NOTICE_POINT_CODES
from desk.models import Accompaniment, OnBehalfAction
from learners import login_cards
from learners.models import AssistedConsent, LoginCard, User
from scheduling.models import Membership
from tests.factories import form_token_in, learner_create

pytestmark = pytest.mark.django_db
KIND = OnBehalfAction.Kind


def form_data(organiser, **fields):
    return {
        "organiser": organiser.id,
        "display_name": "Josiane",
        "language": "fr",
        "age_band": "over_65",
        "postal_code": "5000",
        "phone": "0470 12 34 56",
        "explained": NOTICE_POINT_CODES,
    } | fields


def test_a_facilitator_makes_an_account_and_sees_its_card(client, facilitator, namur):
    client.force_login(facilitator)

    response = client.post(
        reverse("desk:account_create"), form_data(namur), follow=True
    )

    person = User.objects.get(display_name="Josiane")
    assert person.email is None
    assert person.phone == "+32470123456"
    consent = AssistedConsent.objects.get(user=person)
    assert consent.explained_by == facilitator
    assert consent.points == NOTICE_POINT_CODES
    html = response.content.decode()
    code = re.search(r'class="login-card-secret">([A-Z0-9-]+)<', html)[1]
    pin = re.findall(r'class="login-card-secret">([0-9]+)<', html)[0]
    assert "<svg" in html
    # What the screen shows is what signs the person in.
    assert login_cards.card_check(code=code, pin=pin).user == person
    pdf = client.get(reverse("desk:card_pdf", args=[person.accompaniments.get().id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "no-store"


def test_the_form_sent_twice_makes_one_account_and_shows_the_first_card(
    client, facilitator, namur
):
    client.force_login(facilitator)
    token = form_token_in(client.get(reverse("desk:account_create")))
    data = {**form_data(namur), "form_token": token}

    first = client.post(reverse("desk:account_create"), data)
    again = client.post(reverse("desk:account_create"), data)  # a double click

    [person] = User.objects.filter(display_name="Josiane")
    card_page = reverse("desk:card", args=[person.accompaniments.get().id])
    assert first["Location"] == again["Location"] == card_page
    assert LoginCard.objects.filter(user=person).count() == 1
    shown = client.get(card_page).content.decode()
    assert "login-card-secret" in shown  # the first card, still to print


def test_another_facilitators_form_token_makes_no_account_for_them(
    client, facilitator, namur
):
    client.force_login(facilitator)
    token = form_token_in(client.get(reverse("desk:account_create")))
    client.post(
        reverse("desk:account_create"), {**form_data(namur), "form_token": token}
    )
    colleague = User.objects.create_user(email="marc@example.be", password="x" * 12)
    Membership.objects.create(organiser=namur, user=colleague)
    client.force_login(colleague)

    response = client.post(
        reverse("desk:account_create"),
        {**form_data(namur, display_name="Ahmed"), "form_token": token},
    )

    assert response.status_code == 200
    assert "This form was already sent" in response.content.decode()
    assert not User.objects.filter(display_name="Ahmed").exists()


def test_without_every_point_explained_no_account_is_made(client, facilitator, namur):
    client.force_login(facilitator)

    response = client.post(
        reverse("desk:account_create"),
        form_data(namur, explained=NOTICE_POINT_CODES[:-1]),
    )

    assert response.status_code == 200
    assert "Explain each point of the notice" in response.content.decode()
    assert not User.objects.filter(display_name="Josiane").exists()


def test_the_card_is_not_shown_again_once_its_print_time_is_over(
    client, facilitator, lea
):
    client.force_login(facilitator)
    page = client.get(reverse("desk:card", args=[lea.id]))  # another session

    assert "login-card-secret" not in page.content.decode()
    assert "keeps no copy" in page.content.decode()
    pdf = client.get(reverse("desk:card_pdf", args=[lea.id]))
    assert pdf.status_code == 302


def test_a_new_card_replaces_the_old_and_is_logged(client, facilitator, lea):
    old = LoginCard.objects.get(user=lea.learner)
    client.force_login(facilitator)
    url = reverse("desk:card_reissue", args=[lea.id])

    asks = client.get(url)
    assert "stops working at once" in asks.content.decode()
    assert LoginCard.objects.get(id=old.id).revoked_at is None  # asking changes nothing

    client.post(url)

    assert LoginCard.objects.get(id=old.id).revoked_at is not None
    assert LoginCard.objects.filter(user=lea.learner, revoked_at=None).count() == 1
    kinds = list(
        OnBehalfAction.objects.filter(learner=lea.learner).values_list(
            "kind", flat=True
        )
    )
    assert kinds == [KIND.CARD_ISSUED, KIND.CARD_ISSUED, KIND.ACCOUNT_CREATED]


def test_stopping_the_card_leaves_no_card_working(client, facilitator, lea):
    client.force_login(facilitator)

    client.post(reverse("desk:card_stop", args=[lea.id]))

    assert not LoginCard.objects.filter(user=lea.learner, revoked_at=None).exists()
    assert OnBehalfAction.objects.filter(kind=KIND.CARD_REVOKED).count() == 1


@pytest.mark.parametrize(
    "name", ["learner", "card", "card_pdf", "card_reissue", "card_stop", "end"]
)
def test_a_facilitator_of_another_space_cannot_see_or_act(client, stranger, lea, name):
    client.force_login(stranger)
    url = reverse(f"desk:{name}", args=[lea.id])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert LoginCard.objects.filter(user=lea.learner, revoked_at=None).count() == 1
    assert Accompaniment.objects.get(id=lea.id).is_live
    assert "Léa" not in client.get(reverse("desk:home")).content.decode()


def test_a_learner_without_a_space_has_no_desk(client):
    client.force_login(learner_create(email="jeanne@example.be"))

    assert client.get(reverse("desk:home")).status_code == 404
    assert client.get(reverse("desk:account_create")).status_code == 404
    assert client.get(reverse("desk:journal")).status_code == 404


def test_the_space_sees_progress_and_bookings_but_no_answers(
    client, facilitator, lea, course
):
    from learners import services as learning
    from tests.factories import lessons_of, question_ids

    enrolment = learning.enrolment_create(user=lea.learner, course=course)
    lesson = lessons_of(course)[0]
    learning.question_answer(
        user=lea.learner,
        lesson=lesson,
        question_id=question_ids(lesson)[0],
        response=["1"],
    )
    client.force_login(facilitator)

    html = client.get(reverse("desk:learner", args=[lea.id])).content.decode()

    assert enrolment.course.title in html
    assert "La mauvaise" not in html  # the answer chosen
    assert "Non, relisez." not in html


def test_the_person_sees_what_was_done_and_can_end_it(client, lea):
    client.force_login(lea.learner)

    page = client.get(reverse("desk:mine")).content.decode()
    assert "EPN de Namur" in page
    assert "Made the account" in page
    assert "by Anim (EPN de Namur)" in page

    url = reverse("desk:mine_end", args=[lea.id])
    assert "Stop being accompanied by EPN de Namur?" in client.get(url).content.decode()
    client.post(url)

    ended = Accompaniment.objects.get(id=lea.id)
    assert ended.end_reason == Accompaniment.EndReason.PERSON
    assert OnBehalfAction.objects.filter(kind=KIND.ENDED).count() == 1


def test_after_the_end_the_space_no_longer_sees_the_person(client, facilitator, lea):
    services.accompaniment_end(accompaniment=lea, ended_by=facilitator)
    client.force_login(facilitator)

    assert client.get(reverse("desk:learner", args=[lea.id])).status_code == 404
    assert "Léa" not in client.get(reverse("desk:home")).content.decode()


def test_only_the_manager_reviews_the_log(client, facilitator, namur, lea):
    client.force_login(facilitator)
    assert client.get(reverse("desk:journal")).status_code == 404

    Membership.objects.filter(user=facilitator).update(role="manager")
    page = client.get(reverse("desk:journal")).content.decode()

    assert "Made the account" in page
    assert "Léa" in page


def test_accompaniments_unused_for_a_year_end_by_themselves(lea, namur, facilitator):
    recent = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Marc",
        explained=NOTICE_POINT_CODES,
    )
    Accompaniment.objects.filter(id=lea.id).update(
        last_activity_at=timezone.now() - timedelta(days=settings.DESK_IDLE_DAYS + 1)
    )

    assert services.accompaniments_idle_end() == 1

    assert Accompaniment.objects.get(id=lea.id).end_reason == "inactivity"
    assert recent.card.user.accompaniments.get().is_live


def test_the_menu_leads_each_person_to_their_desk_pages(client, facilitator, lea):
    client.force_login(facilitator)
    assert reverse("desk:home") in client.get("/learn/").content.decode()

    client.force_login(lea.learner)
    assert reverse("desk:mine") in client.get("/learn/").content.decode()


# Acting for the person: each action is logged


def test_the_space_enrols_the_person_and_it_is_logged(client, facilitator, lea, course):
    client.force_login(facilitator)

    client.post(reverse("desk:enrol", args=[lea.id]), {"course": course.id})

    assert lea.learner.enrolments.get().course_id == course.id
    action = OnBehalfAction.objects.get(kind=KIND.ENROLLED)
    assert action.detail == course.title
    assert action.facilitator == facilitator


def test_the_space_books_the_person_a_seat_and_it_is_logged(
    client, facilitator, lea, namur
):
    from scheduling.models import Booking
    from tests.scheduling.factories import session_create

    session = session_create(namur, capacity=3, title="Premiers clics")
    client.force_login(facilitator)

    client.post(reverse("desk:book", args=[lea.id]), {"session": session.id})

    booking = Booking.objects.get(session=session)
    assert booking.user == lea.learner
    assert booking.booked_by == facilitator
    assert booking.email == ""
    assert OnBehalfAction.objects.get(kind=KIND.BOOKED).detail == "Premiers clics"


def test_a_workshop_the_person_has_booked_already_is_not_offered(
    client, facilitator, lea, namur
):
    from scheduling import services as scheduling
    from tests.scheduling.factories import session_create

    booked = session_create(namur, capacity=3, title="Déjà réservé")
    free = session_create(namur, capacity=3, title="Encore libre")
    scheduling.booking_create(session=booked, name="Léa", user=lea.learner)
    client.force_login(facilitator)

    form = client.get(reverse("desk:book", args=[lea.id])).content.decode()

    assert f'value="{free.id}"' in form
    assert f'value="{booked.id}"' not in form


def test_a_booking_the_space_cancels_is_written_in_the_persons_record(
    client, facilitator, lea, namur
):
    from scheduling import services as scheduling
    from tests.scheduling.factories import session_create

    session = session_create(namur, capacity=3, title="Premiers clics")
    booking = scheduling.booking_create(session=session, name="Léa", user=lea.learner)
    client.force_login(facilitator)

    client.post(reverse("scheduling:facilitator_booking_cancel", args=[booking.id]))

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    action = OnBehalfAction.objects.get(kind=KIND.BOOKING_CANCELLED)
    assert (action.detail, action.facilitator) == ("Premiers clics", facilitator)
    client.force_login(lea.learner)
    record = client.get(reverse("desk:mine")).content.decode()
    assert "Cancelled a workshop booking" in record  # in her language


def test_another_spaces_workshop_cannot_be_booked_from_here(
    client, facilitator, lea, stranger
):
    from scheduling.models import Booking, Organiser
    from tests.scheduling.factories import session_create

    elsewhere = session_create(Organiser.objects.get(name="EPN de Mons"), capacity=3)
    client.force_login(facilitator)

    response = client.post(
        reverse("desk:book", args=[lea.id]), {"session": elsewhere.id}
    )

    assert response.status_code == 200  # the form says the choice is not offered
    assert not Booking.objects.exists()


def test_the_space_changes_the_profile_and_the_log_names_the_fields(
    client, facilitator, lea
):
    client.force_login(facilitator)

    client.post(
        reverse("desk:profile", args=[lea.id]),
        {
            "display_name": "Léa",
            "language": "nl",
            "age_band": "",
            "postal_code": "4000",
            "phone": "",
        },
    )

    lea.learner.refresh_from_db()
    assert lea.learner.postal_code == "4000"
    assert lea.learner.language == "nl"
    detail = OnBehalfAction.objects.get(kind=KIND.PROFILE_CHANGED).detail
    assert "postal code" in detail
    assert "language" in detail
    assert "4000" not in detail  # what changed, not the values


def test_nothing_is_done_for_a_person_no_longer_accompanied(
    client, facilitator, lea, course
):
    services.accompaniment_end(accompaniment=lea, ended_by=lea.learner)
    client.force_login(facilitator)

    response = client.post(reverse("desk:enrol", args=[lea.id]), {"course": course.id})

    assert response.status_code == 404
    assert not lea.learner.enrolments.exists()
