"""The demo partners: loaded once, changed by nothing on a second run."""

import pytest
from django.contrib.auth import authenticate
from django.utils import timezone

from learners.models import User
from scheduling.models import Booking, Membership, Organiser, Session
from wallcode import reports, selectors
from wallcode.demo_content import DEMO_MEMBER, DEMO_PASSWORD, demo_partners_load
from wallcode.models import Partner

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count()
        for model in (Partner, Organiser, Membership, Session, Booking, User)
    )


def test_the_demo_loads_once_and_a_second_run_changes_nothing():
    demo_partners_load()
    first = counts()

    demo_partners_load()

    assert counts() == first
    assert first[:2] == (3, 3)
    assert set(Partner.objects.values_list("kind", "commune")) == {
        ("coding_club", "Liège"),
        ("school", "Charleroi"),
        ("association", "Namur"),
    }


def test_each_demo_partner_has_upcoming_activities_and_the_club_a_manager():
    demo_partners_load()

    for partner in Partner.objects.all():
        upcoming = selectors.partner_activities(partner=partner)
        assert 2 <= upcoming.count() <= 3
    club = Partner.objects.get(slug="coderdojo-liege")
    member = authenticate(email=DEMO_MEMBER, password=DEMO_PASSWORD)
    assert member is not None
    assert selectors.partner_report_allowed(user=member, partner=club)
    assert Membership.objects.get(user=member).role == "manager"


def test_the_demo_clubs_reach_report_shows_figures(client):
    demo_partners_load()
    club = Partner.objects.get(slug="coderdojo-liege")
    start, end = reports.school_year(today=timezone.localdate())

    report = reports.reach(partner=club, start=start, end=end)

    assert report.activities == 1
    assert report.participants == 36
    assert report.attended == 30
    client.force_login(User.objects.get(email=DEMO_MEMBER))
    assert client.get("/wallcode/partners/coderdojo-liege/report/").status_code == 200
