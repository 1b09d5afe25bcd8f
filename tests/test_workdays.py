"""Day arithmetic on the official calendar: 国庆, 春节, 调休 make-up days, unknown years."""

from datetime import date

import pytest

from qaward_site.calendar.workdays import WorkCalendar, within_years, years_before, years_end
from qaward_site.errors import CalendarGap
from qaward_site.records.config import SiteConfig

cal = WorkCalendar()


def test_plain_week_counts_both_ends():
    assert cal.count_workdays(date(2026, 3, 2), date(2026, 3, 6)) == 5


def test_national_day_period_has_fewer_working_days_than_it_looks():
    # 2026-09-28 (Mon) to 2026-10-09 (Fri): twelve days, 国庆 1–7 Oct off
    assert cal.count_workdays(date(2026, 9, 28), date(2026, 10, 9)) == 5
    assert cal.period_end(date(2026, 9, 28), 5) == date(2026, 10, 9)


def test_saturday_make_up_workday_counts():
    assert cal.is_workday(date(2026, 10, 10))  # Saturday, 调休
    assert cal.count_workdays(date(2026, 10, 8), date(2026, 10, 12)) == 4  # Thu Fri Sat Mon


def test_spring_festival():
    # 春节 2026: 15–23 Feb off; 14 Feb (Sat) and 28 Feb (Sat) worked
    assert not cal.is_workday(date(2026, 2, 16))
    assert cal.is_workday(date(2026, 2, 14))
    assert cal.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert cal.add_workdays(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_deadline_does_not_count_the_day_of_receipt():
    # received Thu 2026-06-18; 端午 19 Jun (Fri) off → 3 working days: 22, 23, 24 Jun
    assert cal.add_workdays(date(2026, 6, 18), 3) == date(2026, 6, 24)


def test_unknown_year_raises_never_guesses():
    with pytest.raises(CalendarGap) as exc:
        cal.is_workday(date(2027, 1, 4))
    assert "2027" in str(exc.value)
    assert not cal.covers(2027)


def test_site_config_supplies_a_year():
    config = SiteConfig.model_validate(
        {"calendar": {"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-02"]}}}
    )
    c = config.work_calendar()
    assert not c.is_workday(date(2027, 1, 1))
    assert c.is_workday(date(2027, 1, 2))  # a Saturday made a workday
    assert not c.is_workday(date(2027, 1, 3))  # Sunday
    assert c.covers(2027)


def test_years_window_leap_day():
    assert years_end(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_end(date(2026, 1, 31), 5) == date(2031, 1, 30)  # as ordinances write 有效期
    assert years_end(date(2024, 9, 10), 4) == date(2028, 9, 9)  # records.md's ban_until
    assert within_years(date(2024, 7, 26), 5, date(2029, 7, 25))
    assert not within_years(date(2024, 7, 26), 5, date(2029, 7, 26))
    assert years_before(date(2026, 3, 2), 3) == date(2023, 3, 3)
