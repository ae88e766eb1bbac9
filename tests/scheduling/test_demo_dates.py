"""Demo workshops and activities never fall on a public holiday (25 December,
1 January, Easter Monday…), whatever day the demo is loaded."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from common.public_holidays import SUNDAY, is_public_holiday, open_day
from epn.demo_content import demo_spaces_load
from scheduling.models import Session
from wallcode.demo_content import demo_partners_load


def test_belgian_public_holidays_include_christmas_new_year_and_easter_monday():
    for day in (date(2026, 12, 25), date(2027, 1, 1), date(2026, 4, 6)):
        assert is_public_holiday(day)
    assert not is_public_holiday(date(2026, 12, 23))


def test_open_day_skips_holidays_and_closed_weekdays_both_ways():
    assert open_day(date(2026, 12, 25)) == date(2026, 12, 26)
    # 1 January 2028 is a Saturday: Sunday closed too, so Monday the 3rd.
    assert open_day(date(2028, 1, 1), closed_weekdays=(SUNDAY,)) == date(2028, 1, 3)
    assert open_day(date(2026, 12, 25), step=-1) == date(2026, 12, 24)
    assert open_day(date(2026, 12, 23)) == date(2026, 12, 23)


@pytest.mark.django_db
@pytest.mark.parametrize("today", [date(2026, 12, 16), date(2026, 12, 22)])
def test_no_demo_session_on_a_public_holiday(monkeypatch, today):
    # 16 December + 9 and + 16 days, 22 December + 3 and + 10 days: the demo's
    # offsets land on 25 December and 1 January.
    now = timezone.make_aware(datetime.combine(today, time(8)))
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    monkeypatch.setattr(timezone, "now", lambda: now)

    demo_spaces_load()
    demo_partners_load()

    days = [timezone.localtime(s.starts_at).date() for s in Session.objects.all()]
    assert len(days) > 10
    assert not [day for day in days if is_public_holiday(day)]
    assert not {(d.month, d.day) for d in days} & {(12, 25), (1, 1)}
