"""'Add to my calendar': one session as a calendar file."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from scheduling.models import Session
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def test_a_session_downloads_as_one_event_at_its_local_time(client):
    starts = datetime(2026, 12, 5, 9, 30, tzinfo=BRUSSELS)
    session = session_create(organiser_create(), starts_at=starts)

    response = client.get(f"/agenda/{session.id}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == (
        f'attachment; filename="decouvrir-le-courriel-{session.id}.ics"'
    )
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.tzinfo is not None
    assert start == starts
    assert (start.hour, start.minute) == (9, 30)  # said in Brussels time
    assert str(event["summary"]) == "Découvrir le courriel"
    assert str(event["location"]) == "EPN de Namur, Rue de Fer 1, 5000 Namur"
    assert str(event["status"]) == "CONFIRMED"


def test_a_cancelled_sessions_file_says_it_is_cancelled(client):
    session = session_create(organiser_create(), status=Session.Status.CANCELLED)

    response = client.get(f"/agenda/{session.id}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]).startswith(f"session-{session.id}@")


def test_a_draft_or_unknown_session_has_no_calendar_file(client):
    draft = session_create(
        organiser_create(), title="Atelier secret", status=Session.Status.DRAFT
    )

    for url in (f"/agenda/{draft.id}/calendar.ics", "/agenda/999999/calendar.ics"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Content-Disposition" not in response
        assert "BEGIN:VCALENDAR" not in response.content.decode()
        assert "Atelier secret" not in response.content.decode()
