"""Reach of Wallcode: activities held, young people reached, by age, gender, commune.

Figures are counted in the database (sums and counts grouped by a key), never by
walking bookings in Python: a programme year holds thousands of them. A
participant is a confirmed seat of an activity that took place (published, not
cancelled, started); a group of 24 counts 24.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from common import csv_safe
from scheduling.models import AgeBand, Booking, Gender, Session
from wallcode.models import Partner

CONFIRMED = Booking.Status.CONFIRMED
NOT_GIVEN = "not_given"


def school_year(*, today: date) -> tuple[date, date]:
    """The school year holding a day: 1 September to 31 August."""
    first = today.year if today.month >= 9 else today.year - 1
    return date(first, 9, 1), date(first + 1, 8, 31)


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a stable key, a label for people, a number."""

    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Reach:
    start: date
    end: date
    activities: int
    participants: int
    attended: int
    age_bands: list[Row]
    genders: list[Row]
    communes: list[Row]
    # Per activity (a partner's report) or per partner (the programme's).
    activity_rows: list[dict]
    partner_rows: list[dict]


def reach(*, start: date, end: date, partner: Partner | None = None) -> Reach:
    """The reach of one partner, or of the whole programme, between two days."""
    sessions = _held_sessions(start=start, end=end, partner=partner)
    seats = Booking.objects.filter(session__in=sessions, status=CONFIRMED)
    totals = seats.aggregate(
        participants=Coalesce(Sum("seats"), 0),
        attended=Coalesce(Sum("seats", filter=Q(attended=True)), 0),
        female=Coalesce(Sum(_gendered(Gender.FEMALE, "girls")), 0),
        male=Coalesce(Sum(_gendered(Gender.MALE, "boys")), 0),
        other=Coalesce(Sum("seats", filter=Q(gender=Gender.OTHER)), 0),
    )
    return Reach(
        start=start,
        end=end,
        activities=sessions.count(),
        participants=totals["participants"],
        attended=totals["attended"],
        age_bands=_age_bands(seats),
        genders=_genders(totals),
        communes=_communes(seats),
        activity_rows=_per_activity(sessions) if partner else [],
        partner_rows=[] if partner else _per_partner(sessions),
    )


def _held_sessions(
    *, start: date, end: date, partner: Partner | None
) -> QuerySet[Session]:
    """Partners' activities that took place: published (not cancelled), started."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    sessions = Session.objects.filter(
        status=Session.Status.PUBLISHED,
        starts_at__gte=since,
        starts_at__lt=until,
        starts_at__lte=timezone.now(),
    )
    if partner is None:
        return sessions.filter(organiser__wallcode_partner__isnull=False)
    return sessions.filter(organiser_id=partner.organiser_id)


def _gendered(gender: str, group_count: str) -> Case:
    """Seats of one gender: an individual's own, or a group's girls or boys."""
    return Case(
        When(gender=gender, then=F("seats")),
        When(gender="", then=Coalesce(F(group_count), 0)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _age_bands(seats: QuerySet[Booking]) -> list[Row]:
    counted = dict(
        seats.order_by()
        .values_list("age_band")
        .annotate(total=Sum("seats"))
        .values_list("age_band", "total")
    )
    rows = [
        Row(band, str(label), counted.pop(band))
        for band, label in AgeBand.choices
        if band in counted
    ]
    unknown = sum(counted.values())  # blank, or a band no longer offered
    if unknown:
        rows.append(Row(NOT_GIVEN, _("Not given"), unknown))
    return rows


def _genders(totals: dict) -> list[Row]:
    rows = [
        Row(Gender.FEMALE, _("Girls and women"), totals["female"]),
        Row(Gender.MALE, _("Boys and men"), totals["male"]),
        Row(Gender.OTHER, _("Other"), totals["other"]),
    ]
    given = sum(row.value for row in rows)
    rows.append(Row(NOT_GIVEN, _("Not given"), max(0, totals["participants"] - given)))
    return rows


def _communes(seats: QuerySet[Booking]) -> list[Row]:
    """Seats by the participants' postal code, or the activity's when not given."""
    grouped = (
        seats.order_by()
        .annotate(
            place_code=Case(
                When(participant_postal_code="", then=F("session__postal_code")),
                default=F("participant_postal_code"),
                output_field=CharField(),
            ),
            place_name=Case(
                When(participant_postal_code="", then=F("session__commune")),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .values_list("place_code", "place_name")
        .annotate(total=Sum("seats"))
    )
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    for code, name, total in grouped:
        totals[code] = totals.get(code, 0) + total
        if name:
            names.setdefault(code, name)
    names |= _commune_names([code for code in totals if code not in names])
    rows = [
        Row(code, f"{code} {names[code]}" if code in names else code, total)
        for code, total in totals.items()
    ]
    return sorted(rows, key=lambda row: (-row.value, row.key))


def _commune_names(codes: list[str]) -> dict[str, str]:
    """Names the platform knows for postal codes: from activities, then partners."""
    if not codes:
        return {}
    known = dict(
        Partner.objects.filter(postal_code__in=codes)
        .order_by("postal_code")
        .values_list("postal_code", "commune")
    )
    known |= dict(
        Session.objects.filter(postal_code__in=codes)
        .order_by("postal_code", "commune")
        .values_list("postal_code", "commune")
        .distinct()
    )
    return known


def _per_activity(sessions: QuerySet[Session]) -> list[dict]:
    return list(
        sessions.annotate(
            participants=Coalesce(
                Sum("bookings__seats", filter=Q(bookings__status=CONFIRMED)), 0
            ),
            attended=Coalesce(
                Sum(
                    "bookings__seats",
                    filter=Q(bookings__status=CONFIRMED, bookings__attended=True),
                ),
                0,
            ),
        )
        .order_by("starts_at", "id")
        .values(
            "id", "title", "topic", "starts_at", "commune", "participants", "attended"
        )
    )


def _per_partner(sessions: QuerySet[Session]) -> list[dict]:
    return list(
        sessions.values(
            slug=F("organiser__wallcode_partner__slug"),
            name=F("organiser__wallcode_partner__name"),
        )
        .annotate(
            activities=Count("id", distinct=True),
            participants=Coalesce(
                Sum("bookings__seats", filter=Q(bookings__status=CONFIRMED)), 0
            ),
        )
        .order_by("name")
    )


CSV_HEADER = ["section", "key", "label", "value"]


def reach_csv(report: Reach, *, title: str) -> str:
    """The report as CSV: one figure a line, with stable section and key codes."""
    buffer = io.StringIO()
    # Activity titles and partner names are typed by partners; the report is
    # opened by someone else, in a spreadsheet.
    writer = csv_safe.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerow(["report", "title", title, ""])
    writer.writerow(["period", "start", _("First day"), report.start.isoformat()])
    writer.writerow(["period", "end", _("Last day"), report.end.isoformat()])
    writer.writerow(["total", "activities", _("Activities held"), report.activities])
    writer.writerow(["total", "participants", _("Participants"), report.participants])
    writer.writerow(["total", "attended", _("Attended"), report.attended])
    for section, rows in (
        ("age_band", report.age_bands),
        ("gender", report.genders),
        ("commune", report.communes),
    ):
        for row in rows:
            writer.writerow([section, row.key, row.label, row.value])
    for activity in report.activity_rows:
        label = (
            f"{timezone.localtime(activity['starts_at']):%Y-%m-%d} {activity['title']}"
        )
        writer.writerow(
            ["activity_participants", activity["id"], label, activity["participants"]]
        )
        writer.writerow(
            ["activity_attended", activity["id"], label, activity["attended"]]
        )
    for row in report.partner_rows:
        writer.writerow(
            ["partner_activities", row["slug"], row["name"], row["activities"]]
        )
        writer.writerow(
            ["partner_participants", row["slug"], row["name"], row["participants"]]
        )
    return buffer.getvalue()
