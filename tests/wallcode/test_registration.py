"""Group and child registration pages: plain forms, clear refusals."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from scheduling import exceptions as scheduling_errors
from scheduling import sms
from scheduling.models import Booking, Session
from tests.scheduling.factories import in_english, organiser_create, session_create
from tests.wallcode.factories import confirm_latest, partner_create
from wallcode import exceptions
from wallcode.models import PendingRegistration

pytestmark = pytest.mark.django_db
STATUS = {"cancelled": Session.Status.CANCELLED, "draft": Session.Status.DRAFT}


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def partner():
    return partner_create()


@pytest.fixture
def session(partner):
    return session_create(
        partner.organiser, capacity=24, title="Scratch : crée ton jeu", topic="Scratch"
    )


def group_data(**fields):
    return {
        "leader_name": "Mme Lenoir",
        "email": "lenoir@ecole.example",
        "phone": "",
        "group_name": "École Saint-Joseph, 5e B",
        "postal_code": "4020",
        "seats": "20",
        "age_band": "u12",
        "girls": "",
        "boys": "",
    } | fields


def child_data(**fields):
    return {
        "first_name": "Léa",
        "age_band": "12-15",
        "gender": "",
        "postal_code": "4000",
        "guardian_name": "Marc Dupont",
        "email": "",
        "phone": "0470 12 34 56",
    } | fields


def link_in(message: str) -> str:
    """The path of the confirmation link in a message."""
    return urlsplit(
        re.search(r"https?://\S+/registrations/confirm/\S+", message)[0]
    ).path


def says(response, error) -> bool:
    return escape(str(error.message)) in response.content.decode()


def test_the_group_form_is_a_plain_accessible_form(client, session):
    response = client.get(f"/wallcode/sessions/{session.id}/group/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Scratch : crée ton jeu" in page
    assert '<form method="post"' in page
    assert page.count("<script") == 1  # only the site's progressive enhancements
    for name in ("leader_name", "email", "phone", "group_name", "seats", "girls"):
        assert f'<label for="id_{name}"' in page


def test_a_group_is_confirmed_then_the_next_one_waits_when_full(
    client, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            f"/wallcode/sessions/{session.id}/group/", group_data(girls="9", boys="11")
        )
    client.post(link_in(mail.outbox[-1].body))
    second = client.post(
        f"/wallcode/sessions/{session.id}/group/",
        group_data(leader_name="M. Dubois", group_name="Athénée, 1re", seats="6"),
    )
    second = confirm_latest(client)

    assert first.status_code == second.status_code == 302
    statuses = dict(Booking.objects.values_list("seats", "status"))
    assert statuses == {20: "confirmed", 6: "waiting"}
    shown = client.get(second.url).content.decode()
    assert 'data-status="waiting"' in shown
    assert mail.outbox[0].to == ["lenoir@ecole.example"]
    confirmed = Booking.objects.get(seats=20)
    assert (confirmed.girls, confirmed.boys, confirmed.booked_by) == (9, 11, None)


def test_the_result_page_shows_only_the_visitors_own_registration(client, session):
    requested = client.post(f"/wallcode/sessions/{session.id}/group/", group_data())
    assert 'data-status="pending"' in client.get(requested.url).content.decode()

    response = confirm_latest(client)

    assert response.url == requested.url
    assert 'data-status="confirmed"' in client.get(response.url).content.decode()
    assert "Lenoir" not in response.url
    client.cookies.clear()
    assert client.get(response.url).status_code == 404


def test_more_girls_and_boys_than_children_is_refused_and_nothing_stored(
    client, session
):
    response = client.post(
        f"/wallcode/sessions/{session.id}/group/",
        group_data(seats="10", girls="6", boys="5"),
    )

    assert response.status_code == 400
    assert says(response, exceptions.GenderCountsOverSeats)
    assert 'value="Mme Lenoir"' in response.content.decode()  # input kept
    assert not Booking.objects.exists()


def test_a_group_without_any_contact_is_refused_clearly(client, session):
    in_english(client)
    response = client.post(
        f"/wallcode/sessions/{session.id}/group/", group_data(email="", phone="")
    )

    assert response.status_code == 400
    assert "Give your e-mail address or your phone number" in response.content.decode()
    assert not says(response, scheduling_errors.ContactMissing)  # the name is given
    assert not Booking.objects.exists()


def test_a_malformed_form_is_refused_with_field_errors(client, session):
    response = client.post(
        f"/wallcode/sessions/{session.id}/group/",
        group_data(seats="0", postal_code="40"),
    )

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Booking.objects.exists()


def test_a_minor_without_consent_is_refused_and_nothing_is_stored(client, session):
    response = client.post(f"/wallcode/sessions/{session.id}/child/", child_data())

    assert response.status_code == 400
    assert says(response, scheduling_errors.GuardianConsentMissing)
    assert not Booking.objects.exists()
    session.refresh_from_db()
    assert session.seats_taken == 0


def test_an_empty_child_form_says_at_once_that_consent_is_missing_too(client, session):
    response = client.post(
        f"/wallcode/sessions/{session.id}/child/", {"first_name": ""}
    )

    page = response.content.decode()
    summary = page[page.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert response.status_code == 400
    assert 'href="#id_consent"' in summary
    assert 'href="#id_first_name"' in summary
    # The box sits inside its label, beside its words.
    assert re.search(
        r'<label class="choice" for="id_consent"><input type="checkbox"', page
    )
    assert not Booking.objects.exists()


def test_no_age_is_chosen_beforehand_so_a_parent_who_skips_it_is_asked(client, session):
    form = client.get(f"/wallcode/sessions/{session.id}/child/").content.decode()
    response = client.post(
        f"/wallcode/sessions/{session.id}/child/",
        child_data(age_band="", consent="on"),
    )

    select = form[form.index('name="age_band"') :]
    assert '<option value="" selected>' in select[: select.index("</select>")]
    assert response.status_code == 400
    assert 'href="#id_age_band"' in response.content.decode()
    assert not PendingRegistration.objects.exists()


@pytest.mark.parametrize(
    ("ages", "band", "accepted"),
    [
        ((12, 16), "u12", False),
        ((12, 16), "12-15", True),
        ((8, 12), "12-15", True),  # a 12-year-old may come
        ((8, 12), "16-18", False),
        ((None, 11), "12-15", False),
        ((14, None), "u12", False),
    ],
)
def test_an_age_outside_the_activitys_is_refused_on_the_age_field(
    client, partner, ages, band, accepted
):
    in_english(client)
    session = session_create(
        partner.organiser, capacity=24, age_min=ages[0], age_max=ages[1]
    )

    response = client.post(
        f"/wallcode/sessions/{session.id}/child/",
        child_data(age_band=band, consent="on"),
    )

    assert (response.status_code == 302) is accepted
    assert PendingRegistration.objects.exists() is accepted
    if not accepted:
        page = response.content.decode()
        assert 'id="id_age_band"' in page
        assert "choose another activity for this age" in page


def test_a_minor_with_consent_is_stored_with_the_guardian_and_consent_time(
    client, session
):
    before = timezone.now()

    client.post(
        f"/wallcode/sessions/{session.id}/child/",
        child_data(consent="on", gender="female"),
    )
    response = confirm_latest(client)

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.name, booking.guardian_name) == ("Léa", "Marc Dupont")
    assert booking.guardian_consent_at >= before
    assert (booking.seats, booking.status) == (1, "confirmed")
    assert (booking.gender, booking.age_band) == ("female", "12-15")
    assert booking.participant_postal_code == "4000"
    assert 'data-status="confirmed"' in client.get(response.url).content.decode()


@pytest.mark.parametrize("form", ["group", "child"])
def test_a_session_of_an_epn_space_is_not_found(client, form):
    space_session = session_create(organiser_create(name="EPN de Namur"))

    assert client.get(f"/wallcode/sessions/{space_session.id}/{form}/").status_code == (
        404
    )
    data = group_data() if form == "group" else child_data(consent="on")
    response = client.post(f"/wallcode/sessions/{space_session.id}/{form}/", data)
    assert response.status_code == 404
    assert not Booking.objects.exists()


@pytest.mark.parametrize("form", ["group", "child"])
@pytest.mark.parametrize(
    ("state", "error", "status"),
    [
        ("past", scheduling_errors.SessionPast, 400),
        ("cancelled", scheduling_errors.SessionCancelled, 400),
        ("draft", scheduling_errors.SessionNotPublished, 404),
    ],
)
def test_past_cancelled_and_draft_activities_are_refused_clearly(
    client, partner, form, state, error, status
):
    days = -1 if state == "past" else 3
    session = session_create(
        partner.organiser,
        starts_at=timezone.now() + timedelta(days=days),
        status=STATUS.get(state, Session.Status.PUBLISHED),
        title="Robotique secrète",
    )
    url = f"/wallcode/sessions/{session.id}/{form}/"
    data = group_data() if form == "group" else child_data(consent="on")

    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == status
        assert says(response, error)
        assert 'role="alert"' in response.content.decode()
    assert not Booking.objects.exists()
    if state == "draft":
        assert "Robotique secrète" not in client.get(url).content.decode()


def test_a_session_cancelled_while_the_form_was_open_is_refused(client, session):
    page = client.get(f"/wallcode/sessions/{session.id}/group/")
    Session.objects.filter(id=session.id).update(status=Session.Status.CANCELLED)

    response = client.post(f"/wallcode/sessions/{session.id}/group/", group_data())

    assert page.status_code == 200
    assert response.status_code == 400
    assert says(response, scheduling_errors.SessionCancelled)


def test_registrations_past_the_rate_limit_are_refused_and_store_nothing(
    client, session, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": "1/h"}
    url = f"/wallcode/sessions/{session.id}/group/"

    first = client.post(url, group_data())
    second = client.post(url, group_data(leader_name="Script"))

    assert first.status_code == 302
    assert second.status_code == 429
    assert PendingRegistration.objects.count() == 1


def test_behind_the_proxy_the_registration_limit_counts_each_visitor(
    client, session, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": "1/h"}
    url = f"/wallcode/sessions/{session.id}/group/"

    def from_visitor(address, **fields):
        return client.post(
            url,
            group_data(**fields),
            REMOTE_ADDR="10.9.9.9",  # the proxy
            HTTP_X_FORWARDED_FOR=address,
        )

    assert from_visitor("198.51.100.1").status_code == 302
    assert from_visitor("198.51.100.1", leader_name="Script").status_code == 429
    assert from_visitor("198.51.100.2", leader_name="M. Collard").status_code == 302
    assert PendingRegistration.objects.count() == 2
