"""iCalendar feeds of sessions (icalendar): per organiser, and a learner's own."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from icalendar import Calendar, Event

from scheduling import links

FEED_SALT = "scheduling.learner-feed"


def sessions_calendar(*, name: str, sessions) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.XAPI_PLATFORM}//agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.id}@{_host()}")
        event.add("summary", session.title)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.created_at)
        event.add(
            "location",
            f"{session.venue_name}, {session.address}, "
            f"{session.postal_code} {session.commune}",
        )
        event.add("url", links.session_url(session))
        if session.description:
            event.add("description", session.description)
        event.add(
            "status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED"
        )
        calendar.add_component(event)
    return calendar.to_ical()


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
