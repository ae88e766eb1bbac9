"""Operators manage partners in the Wagtail admin, through the partner services."""

import pytest
from django.utils.html import escape

from scheduling.models import Membership, Organiser
from tests.factories import learner_create
from tests.scheduling.factories import session_create
from tests.wallcode.factories import partner_create
from wallcode.exceptions import PartnerHasActivities
from wallcode.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    user = learner_create(email="operateur@wallonie.example")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user


def form_data(**fields):
    return {
        "name": "CoderDojo Liège",
        "slug": "",
        "kind": "coding_club",
        "description": "Le samedi matin.",
        "postal_code": "4000",
        "commune": "Liège",
        "website": "",
        "contact_email": "contact@coderdojo.example",
        "managers": "",
        "facilitators": "",
    } | fields


def test_the_menu_has_wallcode_partners(client, operator):
    page = client.get("/admin/").content.decode()

    assert "Wallcode" in page
    assert client.get("/admin/wallcode/partners/").status_code == 200


def test_creating_a_partner_creates_its_organiser_and_members(client, operator):
    sophie = learner_create(email="sophie@coderdojo.example")
    marc = learner_create(email="marc@coderdojo.example")

    response = client.post(
        "/admin/wallcode/partners/add/",
        form_data(
            managers="Sophie@coderdojo.example",
            facilitators="marc@coderdojo.example\n",
        ),
    )

    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.slug == "coderdojo-liege"
    assert (partner.organiser.kind, partner.organiser.name) == (
        Organiser.Kind.PARTNER,
        "CoderDojo Liège",
    )
    roles = dict(
        Membership.objects.filter(organiser=partner.organiser).values_list(
            "user", "role"
        )
    )
    assert roles == {sophie.id: "manager", marc.id: "facilitator"}


def test_renaming_in_the_admin_renames_the_organiser(client, operator):
    partner = partner_create(name="CoderDojo", slug="coderdojo-liege")

    edit = client.get(f"/admin/wallcode/partners/edit/{partner.pk}/")
    response = client.post(
        f"/admin/wallcode/partners/edit/{partner.pk}/",
        form_data(name="CoderDojo Liège", slug="coderdojo-liege"),
    )

    assert edit.status_code == 200
    assert response.status_code == 302
    partner.organiser.refresh_from_db()
    assert partner.organiser.name == "CoderDojo Liège"
    assert Organiser.objects.count() == 1


def test_an_unknown_member_or_a_bad_postal_code_is_a_form_error(client, operator):
    response = client.post(
        "/admin/wallcode/partners/add/",
        form_data(managers="personne@nulle.part", postal_code="400"),
    )

    assert response.status_code == 200
    assert "personne@nulle.part" in response.content.decode()
    form = response.context["form"]
    assert set(form.errors) == {"managers", "postal_code"}
    assert not Partner.objects.exists()
    assert not Organiser.objects.exists()


def test_a_partner_with_activities_is_not_deleted_alone_or_in_bulk(client, operator):
    partner = partner_create()
    session_create(partner.organiser)
    idle = partner_create(name="Sans activité")

    single = client.post(f"/admin/wallcode/partners/delete/{partner.pk}/")
    bulk = client.post(
        "/admin/bulk/wallcode/partner/delete/"
        f"?next=/admin/wallcode/partners/&id={partner.pk}&id={idle.pk}"
    )

    assert (single.status_code, bulk.status_code) == (302, 302)
    assert Partner.objects.count() == 2
    page = client.get(single.url).content.decode()
    assert escape(str(PartnerHasActivities.message)) in page


def test_partners_without_activities_are_deleted_with_their_organiser(client, operator):
    alone, bulk = partner_create(name="Seul"), partner_create(name="En lot")

    single = client.post(f"/admin/wallcode/partners/delete/{alone.pk}/")
    many = client.post(
        f"/admin/bulk/wallcode/partner/delete/?next=/admin/&id={bulk.pk}"
    )

    assert (single.status_code, many.status_code) == (302, 302)
    assert not Partner.objects.exists()
    assert not Organiser.objects.exists()
