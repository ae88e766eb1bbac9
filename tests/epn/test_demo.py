"""The demo spaces: a dozen across Wallonia, some with workshops; loaded once."""

import pytest
from django.contrib.auth import authenticate
from django.utils.html import escape

from epn.demo_content import DEMO_FACILITATOR, DEMO_PASSWORD, demo_spaces_load
from epn.models import Space
from scheduling.models import Membership, Organiser, Session
from scheduling.selectors import agenda

pytestmark = pytest.mark.django_db


def counts():
    return (
        Space.objects.count(),
        Organiser.objects.count(),
        Session.objects.count(),
        Membership.objects.count(),
        list(Space.objects.values_list("slug", "updated_at").order_by("slug")),
    )


def test_loading_the_demo_twice_changes_nothing():
    demo_spaces_load()
    first = counts()

    demo_spaces_load()

    assert counts() == first


def test_the_demo_has_a_dozen_spaces_with_workshops_and_a_facilitator():
    demo_spaces_load()

    spaces = Space.objects.select_related("organiser")
    assert spaces.count() >= 12
    assert {"Namur", "Liège", "Charleroi", "Mons", "Arlon"} <= {
        space.commune for space in spaces
    }
    assert all(space.has_coordinates and space.opening_hours for space in spaces)
    with_workshops = [space for space in spaces if agenda(organiser=space.organiser)]
    assert 3 <= len(with_workshops) <= 4
    for space in with_workshops:
        workshops = agenda(organiser=space.organiser)
        assert 2 <= workshops.count() <= 3
        assert all(8 <= w.capacity <= 12 for w in workshops)
        assert all(w.postal_code == space.postal_code for w in workshops)

    facilitator = authenticate(email=DEMO_FACILITATOR, password=DEMO_PASSWORD)
    first = Space.objects.get(slug="epn-namur")
    assert Membership.objects.get(user=facilitator).organiser == first.organiser
    assert Membership.objects.get(user=facilitator).role == "facilitator"


def test_the_demo_space_pages_render(client):
    demo_spaces_load()

    for space in Space.objects.all():
        response = client.get(f"/epn/{space.slug}/")
        assert response.status_code == 200
        assert response.context["space"] == space
        assert escape(space.name) in response.content.decode()
        assert (
            len(response.context["sessions"])
            == agenda(organiser=space.organiser).count()
        )
    near = client.get("/epn/", {"near": "5000"})
    assert near.status_code == 200
    assert near.context["page"][0].space.commune == "Namur"
