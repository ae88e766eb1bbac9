"""iCalendar feeds of sessions (icalendar): per organiser, and a learner's own."""

from __future__ import annotations

import hmac
import re
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from scheduling import links
from scheduling.models import CalendarFeed


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


# A feed token is the selector (hex) then the verifier (URL-safe base64).
SELECTOR_LENGTH = 16
_FEED_TOKEN = re.compile(r"[0-9a-f]{16}[A-Za-z0-9_-]{43}").fullmatch


def learner_feed_token(user) -> str:
    """The secret part of a learner's calendar URL (calendar apps cannot sign in).

    Made the first time it is asked for; the same until ``learner_feed_renew``.
    """
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed, _created = CalendarFeed.objects.get_or_create(
            user=user, defaults=_new_secret()
        )
    return feed.selector + feed.verifier


def learner_feed_renew(user) -> str:
    """Make a new calendar URL for ``user``; the old one stops working. The token."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults=_new_secret()
    )
    return feed.selector + feed.verifier


def learner_from_feed_token(token: str):
    """The active learner whose calendar URL holds ``token``, else None."""
    if not _FEED_TOKEN(token):
        # Old signed links, typos, and what a database would refuse (NUL).
        return None
    selector, verifier = token[:SELECTOR_LENGTH], token[SELECTOR_LENGTH:]
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(selector=selector, user__is_active=True)
        .first()
    )
    # The verifier is compared in constant time: response times tell nothing of it.
    if feed is None or not hmac.compare_digest(feed.verifier, verifier):
        return None
    return feed.user


def _new_secret() -> dict[str, str]:
    # 64 bits of selector (unique, never secret) and 256 bits of verifier.
    return {
        "selector": secrets.token_hex(SELECTOR_LENGTH // 2),
        "verifier": secrets.token_urlsafe(32),
    }
