"""Operators manage the spaces in the Wagtail admin ("EPN spaces")."""

import pytest

from epn.models import Space
from scheduling.models import Organiser
from tests.epn.factories import space_create
from tests.factories import learner_create

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/epn/spaces/"
ADD_URL = "/admin/epn/spaces/add/"


def edit_url(space):
    return f"/admin/epn/spaces/edit/{space.pk}/"


@pytest.fixture
def operator(client):
    user = learner_create(
        email="admin@example.be", is_superuser=True, is_staff=True, language="en"
    )
    client.force_login(user)
    return user


def form_data(**fields):
    return {
        "name": "EPN de Ciney",
        "slug": "",
        "active": "on",
        "description": "",
        "address": "Rue du Centre 1",
        "postal_code": "5590",
        "commune": "Ciney",
        "latitude": "50.2944",
        "longitude": "5.1000",
        "opening_hours": "Mo-Fr 09:00-12:00; PH off",
        "phone": "",
        "email": "",
        "website": "",
        "computers": "4",
        "equipment": ["computers", "wifi"],
        "services_offered": ["free_access"],
        "languages": ["fr"],
        "wheelchair": "yes",
        "accessibility_notes": "",
        **fields,
    }


def test_an_operator_adds_a_space_and_its_organiser_is_made(client, operator):
    response = client.post(ADD_URL, form_data())

    assert response.status_code == 302
    space = Space.objects.select_related("organiser").get()
    assert space.organiser.name == "EPN de Ciney"
    assert space.organiser.kind == Organiser.Kind.SPACE
    assert space.slug == "epn-de-ciney"
    assert space.equipment == ["computers", "wifi"]
    assert space.computers == 4


def test_renaming_a_space_in_the_admin_renames_its_organiser(client, operator):
    space = space_create(name="EPN de Ciney", postal_code="5590", commune="Ciney")

    response = client.post(
        edit_url(space),
        form_data(name="EPN de Ciney – Gare", slug=space.slug, equipment=[]),
    )

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.organiser.name == "EPN de Ciney – Gare"
    assert space.equipment == []
    assert Organiser.objects.count() == 1


def test_bad_opening_hours_are_refused_in_the_form_and_nothing_is_stored(
    client, operator
):
    response = client.post(ADD_URL, form_data(opening_hours="Lu-Ve 9h-17h"))

    assert response.status_code == 200
    assert "cannot be read from" in response.content.decode()
    assert not Space.objects.exists()
    assert not Organiser.objects.exists()


def test_the_edit_form_shows_the_space_name(client, operator):
    space = space_create(name="EPN de Ciney", postal_code="5590", commune="Ciney")

    page = client.get(edit_url(space)).content.decode()

    assert 'value="EPN de Ciney"' in page


def test_the_list_shows_the_spaces_and_finds_them_by_name(client, operator):
    space_create(name="EPN de Ciney", postal_code="5590", commune="Ciney")
    space_create(name="EPN de Wavre", postal_code="1300", commune="Wavre")

    listed = client.get(LIST_URL).content.decode()
    searched = client.get(LIST_URL, {"q": "Wavre"}).content.decode()

    assert "EPN de Ciney" in listed
    assert "EPN de Wavre" in listed
    assert "EPN de Wavre" in searched
    assert "EPN de Ciney" not in searched


def test_the_admin_menu_has_the_epn_spaces(client, operator):
    page = client.get("/admin/").content.decode()

    assert "EPN spaces" in page


def test_a_learner_cannot_reach_the_spaces_admin(client):
    client.force_login(learner_create(email="jeanne@example.be"))

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_add_form_offers_the_choices_as_checkboxes(client, operator):
    page = client.get(ADD_URL).content.decode()

    assert 'name="name"' in page
    assert 'type="checkbox" name="equipment" value="wifi"' in page
    assert 'name="opening_hours"' in page


def test_deleting_a_space_keeps_its_organiser_and_its_workshops_history(
    client, operator
):
    space = space_create(name="EPN de Ciney", postal_code="5590", commune="Ciney")

    response = client.post(f"/admin/epn/spaces/delete/{space.pk}/")

    assert response.status_code == 302
    assert not Space.objects.exists()
    assert Organiser.objects.filter(name="EPN de Ciney").exists()
