"""Dates shown to people: local time zone, their language, French ordinals."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

from common.dates import WEEKDAY_DAY_TIME, local_format


def test_a_utc_time_is_shown_in_brussels_time_winter_and_summer():
    winter = datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    summer = datetime(2027, 7, 3, 7, 30, tzinfo=UTC)

    with translation.override("fr"):
        assert local_format(winter, WEEKDAY_DAY_TIME) == "samedi 5 décembre 2026, 09:30"
        assert local_format(summer, WEEKDAY_DAY_TIME) == "samedi 3 juillet 2027, 09:30"


def test_the_first_of_the_month_is_1er_in_french_only():
    first = date(2027, 6, 1)

    with translation.override("fr"):
        assert local_format(first) == "1er juin 2027"
        assert local_format(date(2027, 6, 11)) == "11 juin 2027"
    with translation.override("nl"):
        assert local_format(first) == "1 juni 2027"


def test_german_days_are_ordinals_and_follow_their_weekday_after_a_comma():
    with translation.override("de"):
        assert local_format(date(2027, 6, 1)) == "1. Juni 2027"
        morning = datetime(2027, 6, 11, 7, 30, tzinfo=UTC)
        shown = local_format(morning, WEEKDAY_DAY_TIME)
        assert shown == "Freitag, 11. Juni 2027, 09:30"


def test_late_evening_utc_is_already_the_next_day_in_brussels():
    # 23:30 UTC on 31 May is 01:30 on 1 June in Brussels (summer time).
    moment = datetime(2027, 5, 31, 23, 30, tzinfo=UTC)

    with translation.override("fr"):
        assert local_format(moment) == "1er juin 2027"


def test_the_template_filter_speaks_the_same():
    template = Template('{% load dates %}{{ when|long_date:"l j F" }}')

    with translation.override("fr"):
        html = template.render(Context({"when": date(2027, 1, 1)}))

    assert html == "vendredi 1er janvier"
