"""Day arithmetic on the official calendar: 国庆, 春节, 调休 make-up days, unknown years."""

from datetime import date

import pytest

from qaward_site.calendar.workdays import (
    WorkCalendar,
    validity_end,
    within_years,
    years_after,
    years_before,
)
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


def test_n_years_after_an_event_and_a_validity_whose_first_day_counts():
    # 民法典 第二百零一条: the event's day is not counted; 第二百零二条: the period ends on the
    # corresponding day of the last month, or its last day where it has none
    assert years_after(date(2024, 5, 20), 4) == date(2028, 5, 20)
    assert years_after(date(2024, 9, 10), 4) == date(2028, 9, 10)  # records.md's ban_until
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_after(date(2024, 2, 29), 4) == date(2028, 2, 29)
    # 获奖两年内 from 2024-07-26 includes 2026-07-26
    assert within_years(date(2024, 7, 26), 2, date(2026, 7, 26))
    assert not within_years(date(2024, 7, 26), 2, date(2026, 7, 27))
    # an ordinance's own 有效期 counts its first day: 自2026年1月31日施行，有效期5年
    assert validity_end(date(2026, 1, 31), 5) == date(2031, 1, 30)
    assert validity_end(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_before(date(2026, 3, 2), 3) == date(2023, 3, 3)
