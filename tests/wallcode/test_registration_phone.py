"""Registration forms check phone numbers and store them in E.164."""

import pytest
from django.utils import translation

from scheduling.models import Booking
from tests.scheduling.factories import session_create
from tests.wallcode.factories import confirm_latest, partner_create
from tests.wallcode.test_registration import child_data, group_data
from wallcode.forms import ChildRegistrationForm, GroupRegistrationForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return session_create(partner_create().organiser, capacity=24)


@pytest.mark.parametrize("form_class", [GroupRegistrationForm, ChildRegistrationForm])
def test_registration_forms_refuse_a_phone_that_reaches_no_one(form_class):
    data = group_data if form_class is GroupRegistrationForm else child_data

    with translation.override("en"):
        form = form_class(data(phone="abc"))
        assert not form.is_valid()
        assert "0470 12 34 56" in form.errors["phone"][0]


def test_a_child_registration_stores_the_phone_in_e164(client, session):
    client.post(
        f"/wallcode/sessions/{session.id}/child/",
        child_data(phone="0470 12 34 56", consent="on"),
    )
    confirm_latest(client)

    assert Booking.objects.get().phone == "+32470123456"


def test_a_group_registration_with_a_bad_phone_stores_nothing(client, session):
    response = client.post(
        f"/wallcode/sessions/{session.id}/group/", group_data(phone="12")
    )

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Booking.objects.exists()
