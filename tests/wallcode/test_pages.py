"""The public partner pages: upcoming activities, with the ways to register."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import Session
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from tests.wallcode.factories import partner_create
from wallcode import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def liege():
    return partner_create(name="CoderDojo Liège", slug="coderdojo-liege")


def test_a_partner_page_lists_its_upcoming_published_activities(client, liege):
    scratch = session_create(liege.organiser, title="Scratch : premier jeu")
    session_create(liege.organiser, title="Brouillon", status=Session.Status.DRAFT)
    session_create(
        liege.organiser,
        title="Déjà passé",
        starts_at=timezone.now() - timedelta(days=2),
    )
    session_create(partner_create(name="Autre").organiser, title="Ailleurs")
    session_create(organiser_create(), title="Atelier EPN")

    response = client.get("/wallcode/partners/coderdojo-liege/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Scratch : premier jeu" in page
    for hidden in ("Brouillon", "Déjà passé", "Ailleurs", "Atelier EPN"):
        assert hidden not in page
    assert f'href="/agenda/{scratch.id}/"' in page
    assert f'href="/wallcode/sessions/{scratch.id}/group/"' in page
    assert f'href="/wallcode/sessions/{scratch.id}/child/"' in page
    # No script of its own: only the site's small progressive enhancements.
    assert page.count("<script") == 1
    assert 'src="/static/js/site.js"' in page


def test_the_partner_page_links_the_report_for_members_only(client, liege):
    url = "/wallcode/partners/coderdojo-liege/"
    report_link = 'href="/wallcode/partners/coderdojo-liege/report/"'
    assert report_link not in client.get(url).content.decode()

    member = learner_create(email="sophie@coderdojo.example")
    services.partner_member_add(partner=liege, user=member)
    client.force_login(member)
    assert report_link in client.get(url).content.decode()


def test_an_unknown_partner_is_not_found(client):
    assert client.get("/wallcode/partners/nobody/").status_code == 404


def test_the_directory_lists_the_partners(client, liege):
    partner_create(name="Les Petits Codeurs", slug="petits-codeurs")

    page = client.get("/wallcode/").content.decode()

    assert 'href="/wallcode/partners/coderdojo-liege/"' in page
    assert 'href="/wallcode/partners/petits-codeurs/"' in page


def test_the_partner_page_queries_do_not_grow_with_activities(
    client, liege, django_assert_max_num_queries
):
    for number in range(12):
        session_create(liege.organiser, title=f"Activité {number}")

    with django_assert_max_num_queries(6):
        assert client.get("/wallcode/partners/coderdojo-liege/").status_code == 200


def test_a_wallcode_activity_page_offers_the_group_and_child_forms(client):
    from tests.scheduling.factories import organiser_create, session_create
    from tests.wallcode.factories import partner_create

    partner = partner_create()
    activity = session_create(partner.organiser, title="Scratch")
    workshop = session_create(organiser_create(name="EPN de Namur"), title="Courriel")

    page = client.get(f"/agenda/{activity.id}/").content.decode()
    assert f"/wallcode/sessions/{activity.id}/group/" in page
    assert f"/wallcode/sessions/{activity.id}/child/" in page
    other = client.get(f"/agenda/{workshop.id}/").content.decode()
    assert "/wallcode/sessions/" not in other
