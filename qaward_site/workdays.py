"""Day arithmetic, with the one convention rules.md states (and the site repeats):

- working days follow the State Council's yearly arrangement, 调休 make-up days included, from
  chinesecalendar; a year it lacks is an error unless site_config.yml supplies that year's
  arrangement — a holiday is never guessed;
- a publicity period counts both of its ends;
- "N个工作日内" after receipt does not count the day of receipt (民法典 第二百零一条);
- "N年内" after a date ends on the same month-day N years later (29 Feb → 28 Feb).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from qaward_site.errors import CalendarGap

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class YearArrangement:
    """One year's official holidays that fall on weekdays, and weekend days made working days."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()


@dataclass
class WorkCalendar:
    extra_years: dict[int, YearArrangement] = field(default_factory=dict)
    _cache: dict[date, bool] = field(default_factory=dict, repr=False)

    def is_workday(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is not None:
            return known
        arrangement = self.extra_years.get(day.year)
        if arrangement is not None:
            if day in arrangement.workdays:
                result = True
            elif day in arrangement.holidays:
                result = False
            else:
                result = day.weekday() < 5
        else:
            try:
                result = chinese_calendar.is_workday(day)
            except NotImplementedError:
                raise CalendarGap(day.year) from None
        self._cache[day] = result
        return result

    def covers(self, year: int) -> bool:
        try:
            self.is_workday(date(year, 6, 30))
        except CalendarGap:
            return False
        return True

    def count_workdays(self, start: date, end: date) -> int:
        """Working days from start to end, both included (a publicity period)."""
        count, day = 0, start
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    def add_workdays(self, day: date, n: int) -> date:
        """The Nth working day after day, day itself not counted (a handling deadline)."""
        while n > 0:
            day += ONE_DAY
            n -= self.is_workday(day)
        return day

    def period_end(self, start: date, n: int) -> date:
        """The earliest last day of a period of at least n working days beginning on start."""
        if self.is_workday(start):
            return self.add_workdays(start, n - 1)
        return self.add_workdays(start, n)

    def workdays_between(self, start: date, end: date) -> Iterable[date]:
        day = start
        while day <= end:
            if self.is_workday(day):
                yield day
            day += ONE_DAY


def add_years(day: date, years: int) -> date:
    """The same month-day `years` later; 29 Feb becomes 28 Feb in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def within_years(start: date, years: int, day: date) -> bool:
    """Is day within the N years that follow start (N年内), start included?"""
    return start <= day <= add_years(start, years)
