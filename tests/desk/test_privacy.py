"""A person whose account was made at the desk exports and erases it like anyone:
the export holds what they agreed to, who helps them and what was done for
them; erasure takes the cards, consents, accompaniments and log with it."""

import json

import pytest
from django.urls import reverse

from desk import services
from desk.consent import NOTICE_POINT_CODES, NOTICE_VERSION
from desk.models import Accompaniment, ErasureNotice, OnBehalfAction
from learners import services as learning
from learners import statements as xs
from learners.models import AssistedConsent, LoginCard, User
from scheduling import services as booking_services
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db
KIND = OnBehalfAction.Kind


@pytest.fixture
def lea(namur, facilitator):
    issued = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Léa",
        explained=NOTICE_POINT_CODES,
        postal_code="5000",
        phone="+32470123456",
    )
    return issued.card.user


def export_of(client, person) -> dict:
    client.force_login(person)
    response = client.get(reverse("learners:data_export"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_holds_consents_accompaniments_and_actions(
    client, lea, namur, facilitator
):
    mons_facilitator = learner_create(email="anim@epn-mons.be", display_name="Sam")
    mons = organiser_create(name="EPN de Mons", members=[mons_facilitator])
    ended = Accompaniment.objects.create(
        organiser=mons, learner=lea, started_by=mons_facilitator
    )
    services.accompaniment_end(accompaniment=ended, ended_by=mons_facilitator)

    data = export_of(client, lea)

    [consent] = data["consents"]
    assert consent["notice"] == NOTICE_VERSION
    assert consent["points"] == NOTICE_POINT_CODES
    assert consent["explained_by"] == "Anim"
    assert consent["given_at"]
    spaces = [
        (a["space"], bool(a["since"]), a["ended"]) for a in data["accompaniments"]
    ]
    assert spaces[0] == ("EPN de Namur", True, None)
    assert spaces[1][:2] == ("EPN de Mons", True)
    assert spaces[1][2]  # when it ended
    kinds = {(a["action"], a["space"], a["by"]) for a in data["actions_on_my_behalf"]}
    assert (KIND.ACCOUNT_CREATED, "EPN de Namur", "Anim") in kinds
    assert (KIND.CARD_ISSUED, "EPN de Namur", "Anim") in kinds
    assert (KIND.ENDED, "EPN de Mons", "Sam") in kinds
    # Of the facilitators: the name they show, never their address.
    assert "@epn-" not in json.dumps(data)


def test_the_export_holds_the_profile_cards_and_bookings_of_the_person(
    client, lea, namur
):
    session = session_create(namur, title="Découvrir le courriel")
    booking_services.booking_create(session=session, name="Léa", user=lea)

    data = export_of(client, lea)

    assert data["profile"]["email"] is None
    assert data["profile"]["phone"] == "+32470123456"
    [card] = data["login_cards"]
    assert card["issued_at"]
    assert card["revoked_at"] is None
    assert "pin" not in card
    [booking] = data["bookings"]
    assert booking["session"] == "Découvrir le courriel"
    assert booking["status"] == "confirmed"
    assert booking["seats"] == 1


def test_the_export_holds_only_the_persons_own_desk_data(client, lea, namur):
    other = services.assisted_account_create(
        organiser=namur,
        facilitator=namur.members.get(),
        display_name="Marc",
        explained=NOTICE_POINT_CODES,
    ).card.user

    data = export_of(client, lea)

    assert len(data["consents"]) == 1
    assert len(data["accompaniments"]) == 1
    assert "Marc" not in json.dumps(data)
    assert data == export_of(client, lea)  # the same twice
    assert export_of(client, other)["profile"]["display_name"] == "Marc"


def test_erasure_takes_cards_consents_accompaniments_and_the_log(lea, course):
    learning.enrolment_create(user=lea, course=course)
    other = services.assisted_account_create(
        organiser=lea.accompaniments.get().organiser,
        facilitator=lea.accompaniments.get().started_by,
        display_name="Marc",
        explained=NOTICE_POINT_CODES,
    ).card.user
    ErasureNotice.objects.create(
        person=lea, last_used_at=lea.date_joined, erase_on=lea.date_joined.date()
    )

    learning.learner_erase(user=lea)

    assert not User.objects.filter(id=lea.id).exists()
    for model, field in (
        (LoginCard, "user"),
        (AssistedConsent, "user"),
        (Accompaniment, "learner"),
        (OnBehalfAction, "learner"),
        (ErasureNotice, "person"),
    ):
        assert not model.objects.filter(**{f"{field}_id": lea.id}).exists(), model
    # Only Léa's: Marc's account made at the same desk keeps all of it.
    for model, field in (
        (LoginCard, "user"),
        (AssistedConsent, "user"),
        (Accompaniment, "learner"),
        (OnBehalfAction, "learner"),
    ):
        assert model.objects.filter(**{field: other}).exists(), model
    assert not Statement.objects.filter(data__actor=xs.agent_of(lea)).exists()


def test_erasing_a_facilitator_keeps_the_persons_log(lea, facilitator):
    learning.learner_erase(user=facilitator)

    action = OnBehalfAction.objects.filter(learner=lea).first()
    assert action.facilitator is None
    assert AssistedConsent.objects.get(user=lea).explained_by is None
