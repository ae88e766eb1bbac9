"""iCalendar feeds of sessions (icalendar): per organiser, and a learner's own."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

from scheduling import links

FEED_SALT = "scheduling.learner-feed"


def sessions_calendar(*, name: str, sessions) -> bytes:
    """An iCalendar file of sessions, in Belgian local time with its VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.XAPI_PLATFORM}//agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(_event(session))
    # Calendar apps then show the Brussels time even across a change of DST rules.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def session_calendar(*, session) -> bytes:
    """One session as a calendar file, for "Add to my calendar"."""
    return sessions_calendar(name=session.title, sessions=[session])


def _event(session) -> Event:
    brussels = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"session-{session.id}@{_host()}")
    event.add("summary", session.title)
    event.add("dtstart", timezone.localtime(session.starts_at, brussels))
    event.add("dtend", timezone.localtime(session.ends_at, brussels))
    event.add("dtstamp", session.created_at)
    event.add(
        "location",
        f"{session.venue_name}, {session.address}, "
        f"{session.postal_code} {session.commune}",
    )
    event.add("url", links.session_url(session))
    if session.description:
        event.add("description", session.description)
    event.add("status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED")
    return event


def _host() -> str:
    return settings.SITE_BASE_URL.split("//", 1)[-1].split("/", 1)[0]


def learner_feed_token(user) -> str:
    """The secret part of a learner's calendar URL (calendar apps cannot sign in)."""
    return signing.dumps(user.pk, salt=FEED_SALT)


def learner_from_feed_token(token: str):
    from learners.models import User

    try:
        user_id = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()
