"""Who reads reach reports: a partner's members and authorised staff, no one else."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.factories import learner_create
from tests.wallcode.factories import partner_create
from wallcode import reports

pytestmark = pytest.mark.django_db

PARTNER_PAGES = [
    "/wallcode/partners/coderdojo-liege/report/",
    "/wallcode/partners/coderdojo-liege/report.csv",
]
PROGRAMME_PAGES = ["/wallcode/reports/programme/", "/wallcode/reports/programme.csv"]


@pytest.fixture
def member():
    return learner_create(email="sophie@coderdojo.example")


@pytest.fixture
def liege(member):
    return partner_create(
        name="CoderDojo Liège", slug="coderdojo-liege", members=[member]
    )


def staff(*, allowed: bool):
    user = learner_create(email=f"staff-{allowed}@wallonie.example", is_staff=True)
    if allowed:
        user.user_permissions.add(Permission.objects.get(codename="view_partner"))
    return user


@pytest.mark.parametrize("url", PARTNER_PAGES)
def test_a_partners_member_reads_its_report(client, liege, member, url):
    client.force_login(member)

    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PARTNER_PAGES)
def test_another_partners_member_gets_not_found(client, liege, url):
    other = learner_create(email="anim@petits-codeurs.example")
    partner_create(name="Les Petits Codeurs", members=[other])
    client.force_login(other)

    assert client.get(url).status_code == 404
    assert client.get(url.replace("coderdojo-liege", "nobody")).status_code == 404


@pytest.mark.parametrize("url", PARTNER_PAGES)
def test_staff_need_the_view_partner_permission_for_a_partners_report(
    client, liege, url
):
    client.force_login(staff(allowed=False))
    assert client.get(url).status_code == 404

    client.force_login(staff(allowed=True))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PARTNER_PAGES + PROGRAMME_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, liege, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", PROGRAMME_PAGES)
def test_the_programme_report_is_for_authorised_staff_only(client, liege, member, url):
    for refused in (member, staff(allowed=False)):
        client.force_login(refused)
        assert client.get(url).status_code == 403

    client.force_login(staff(allowed=True))
    assert client.get(url).status_code == 200


def test_the_report_page_offers_the_period_and_its_csv(client, liege, member):
    client.force_login(member)

    page = client.get(
        "/wallcode/partners/coderdojo-liege/report/",
        {"start": "2026-01-01", "end": "2026-06-30"},
    ).content.decode()

    assert '<label for="id_start"' in page
    assert 'name="start" value="2026-01-01"' in page
    assert 'report.csv?start=2026-01-01&amp;end=2026-06-30"' in page


def test_the_report_covers_the_current_school_year_by_default(client, liege, member):
    client.force_login(member)
    start, end = reports.school_year(today=timezone.localdate())

    page = client.get("/wallcode/partners/coderdojo-liege/report/").content.decode()

    assert f'name="start" value="{start.isoformat()}"' in page
    assert f'name="end" value="{end.isoformat()}"' in page


def test_a_wrong_period_is_refused_clearly(client, liege, member):
    client.force_login(member)
    url = "/wallcode/partners/coderdojo-liege/report"

    page = client.get(f"{url}/", {"start": "2026-06-30", "end": "2026-01-01"})
    export = client.get(f"{url}.csv", {"start": "demain", "end": "2026-01-01"})

    assert (page.status_code, export.status_code) == (400, 400)
    assert 'role="alert"' in page.content.decode()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01", "2026-01-01"),
        ("2026-01-01", "9999-12-31"),
        ("99999-01-01", "2026-01-01"),
        ("2026-01-01", "2026-13-45"),
    ],
)
def test_a_period_outside_the_calendar_is_refused_never_a_failure(
    client, liege, member, start, end
):
    client.force_login(member)
    url = "/wallcode/partners/coderdojo-liege/report"

    page = client.get(f"{url}/", {"start": start, "end": end})
    export = client.get(f"{url}.csv", {"start": start, "end": end})

    assert (page.status_code, export.status_code) == (400, 400)
    assert 'role="alert"' in page.content.decode()
