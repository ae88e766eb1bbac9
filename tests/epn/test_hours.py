"""Opening hours read for people: the coming week and "open now", in Brussels time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from epn import hours

BRUSSELS = ZoneInfo("Europe/Brussels")
USUAL = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off"


def times(day: hours.Day) -> list[tuple[str, str]]:
    return [(span.start, span.end) for span in day.spans]


def test_the_week_lists_each_day_with_its_times_and_closes_on_christmas():
    week = hours.week(USUAL, start=date(2026, 12, 21))  # a Monday

    assert [day.day for day in week][0] == date(2026, 12, 21)
    assert len(week) == 7
    assert times(week[0]) == [("09:00", "12:00"), ("13:00", "17:00")]
    assert times(week[4]) == []  # Friday 25 December: a Belgian public holiday
    assert times(week[5]) == [("09:00", "12:00")]  # Saturday
    assert times(week[6]) == []  # Sunday


def test_hours_past_midnight_are_split_between_the_two_days():
    week = hours.week("Fr 20:00-02:00", start=date(2026, 3, 6))  # a Friday

    assert times(week[0]) == [("20:00", "24:00")]
    assert times(week[1]) == [("00:00", "02:00")]


def test_always_open_is_open_all_day_and_comments_are_kept():
    assert all(day.all_day for day in hours.week("24/7", start=date(2026, 3, 2)))

    week = hours.week('Mo 14:00-16:00 "sur rendez-vous"', start=date(2026, 3, 2))
    assert week[0].spans[0].comment == "sur rendez-vous"


def test_no_opening_hours_give_no_week_and_no_status():
    assert hours.week("", start=date(2026, 3, 2)) == []
    assert hours.status_at("", at=datetime(2026, 3, 2, 10, tzinfo=BRUSSELS)) is None


def test_open_now_says_until_when_today():
    status = hours.status_at(USUAL, at=datetime(2026, 3, 2, 10, 15, tzinfo=BRUSSELS))

    assert status.is_open
    assert status.changes_today
    assert status.changes_at == datetime(2026, 3, 2, 12, 0, tzinfo=BRUSSELS)


def test_closed_on_saturday_afternoon_opens_on_monday_morning():
    status = hours.status_at(USUAL, at=datetime(2026, 3, 7, 15, 0, tzinfo=BRUSSELS))

    assert status.is_closed
    assert not status.changes_today
    assert status.changes_at == datetime(2026, 3, 9, 9, 0, tzinfo=BRUSSELS)


def test_status_is_right_across_the_change_to_summer_time():
    # Monday 30 March 2026, 09:30 in Brussels is 07:30 UTC (summer time).
    utc = datetime(2026, 3, 30, 7, 30, tzinfo=ZoneInfo("UTC"))

    assert hours.status_at(USUAL, at=utc).is_open


def test_a_change_more_than_a_week_away_is_not_announced():
    status = hours.status_at("off", at=datetime(2026, 3, 2, 10, tzinfo=BRUSSELS))

    assert status.is_closed
    assert status.changes_at is None


@pytest.mark.parametrize(
    "expression", [USUAL, "24/7", "Mo-Fr 08:30-16:30; PH off", "Tu,Th 13:30-19:00"]
)
def test_valid_expressions_pass_validation(expression):
    hours.opening_hours_validate(expression)


def test_french_day_names_are_refused_with_the_english_ones_explained():
    with pytest.raises(ValidationError) as refused:
        hours.opening_hours_validate("Lu-Ve 09:00-17:00")

    assert refused.value.code == "opening_hours_invalid"
    assert "Mo Tu We Th Fr Sa Su" in str(refused.value.message)
