"""Day arithmetic, with the one convention rules.md states (and the site repeats):

- working days follow the State Council's yearly arrangement, 调休 make-up days included (the
  national layer: chinesecalendar, or a notice imported into content/calendar/), plus the
  region's own days off where the programme is run (the xinjiang layer: 肉孜节, 古尔邦节); a
  year a layer lacks is an error naming the layer — a holiday is never guessed;
- a publicity period counts both of its ends;
- "N个工作日内" after receipt does not count the day of receipt (民法典 第二百零一条);
- "N年" has two conventions, both here and nowhere else:
  * N年内 after an event (获奖后N年内, N年内不予受理, 今后N年内): the event's day is not counted
    (民法典 第二百零一条) and the period ends on the same month-day N years later (第二百零二条:
    到期月的对应日为期间的最后一日; 29 Feb → 28 Feb) — `years_after`: a ban decided 2024-05-20
    "四年内" runs through 2028-05-20;
  * a 有效期 whose first day counts (an ordinance's own: 自2026年1月31日施行，有效期5年) ends the
    day before the anniversary — `validity_end`: 2031-01-30;
  "近N年" before the call ends on the call day (`years_before`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import metadata

import chinese_calendar

from qaward_site.errors import CalendarGap

ONE_DAY = timedelta(days=1)


NATIONAL = "national"


@dataclass(frozen=True)
class YearArrangement:
    """One year of one layer: its days off that fall on weekdays, its weekend days made working
    days, and where this came from (the notice)."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    source: str = ""
    example: bool = False  # demonstration data, not an official arrangement


@dataclass
class Layer:
    """The working-day arrangements of one jurisdiction, year by year. The national layer falls
    back on chinesecalendar for the years it covers; any other layer knows only its data."""

    name: str
    years: dict[int, YearArrangement] = field(default_factory=dict)

    def arrangement(self, year: int) -> YearArrangement:
        found = self.years.get(year)
        if found is not None:
            return found
        if self.name == NATIONAL and _package_covers(year):
            return _package_year(year)
        raise CalendarGap(year, self.name)

    def covers(self, year: int) -> bool:
        try:
            self.arrangement(year)
        except CalendarGap:
            return False
        return True


@cache
def _package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 30))
    except NotImplementedError:
        return False
    return True


def package_years() -> str:
    """The years chinesecalendar covers, as the site states them."""
    years = [y for y in range(2000, 2101) if _package_covers(y)]
    version = metadata.version("chinesecalendar")
    return f"{years[0]}–{years[-1]}年：chinesecalendar {version}（据国务院办公厅历年通知）"


@cache
def _package_year(year: int) -> YearArrangement:
    day, holidays, workdays = date(year, 1, 1), set(), set()
    while day.year == year:
        weekend = day.weekday() >= 5
        if chinese_calendar.is_workday(day) == weekend:
            (workdays if weekend else holidays).add(day)
        day += ONE_DAY
    source = f"chinesecalendar {metadata.version('chinesecalendar')}（国务院办公厅通知）"
    return YearArrangement(frozenset(holidays), frozenset(workdays), source)


@dataclass
class WorkCalendar:
    """Working days where a programme is run: the national layer, then each regional layer on
    top (a region's day off is off there; its make-up day is worked there)."""

    layers: list[Layer] = field(default_factory=lambda: [Layer(NATIONAL)])
    _cache: dict[date, bool] = field(default_factory=dict, repr=False)
    _guessed: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # the years consulted while someone watches (Context.counting_days): to say which counts
    # rest on a guessed (example) year
    _watched: set[int] | None = field(default=None, repr=False)

    @classmethod
    def national(cls, extra_years: dict[int, YearArrangement] | None = None) -> WorkCalendar:
        return cls([Layer(NATIONAL, dict(extra_years or {}))])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)

    def is_workday(self, day: date) -> bool:
        if self._watched is not None:
            self._watched.add(day.year)
        known = self._cache.get(day)
        if known is not None:
            return known
        result = day.weekday() < 5
        for layer in self.layers:
            arrangement = layer.arrangement(day.year)
            if day in arrangement.workdays:
                result = True
            elif day in arrangement.holidays:
                result = False
        self._cache[day] = result
        return result

    def guessed(self, year: int) -> tuple[str, ...]:
        """The layers whose arrangement for year is an example (推定), not an official notice."""
        known = self._guessed.get(year)
        if known is None:
            known = self._guessed[year] = tuple(
                layer.name
                for layer in self.layers
                if layer.covers(year) and layer.arrangement(year).example
            )
        return known

    def guessed_years(self, start: date, end: date) -> tuple[int, ...]:
        return tuple(y for y in range(start.year, end.year + 1) if self.guessed(y))

    def watch(self) -> set[int]:
        """Start recording the years consulted; returns the set that fills."""
        self._watched = set()
        return self._watched

    def unwatch(self) -> None:
        self._watched = None

    def missing(self, year: int) -> list[str]:
        """The layers that do not know year."""
        return [layer.name for layer in self.layers if not layer.covers(year)]

    def covers(self, year: int) -> bool:
        return not self.missing(year)

    def count_workdays(self, start: date, end: date) -> int:
        """Working days from start to end, both included (a publicity period)."""
        count, day = 0, start
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    def deadline(self, day: date) -> date:
        """A deadline set by date that falls on a rest day moves to the next working day
        (民法典 第二百零三条)."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def count_known_workdays(self, start: date, end: date) -> int:
        """Working days from start to end in the years every layer knows (the rest skipped)."""
        count, day = 0, start
        while day <= end:
            if self.covers(day.year):
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

    def known_workdays_between(self, start: date, end: date) -> Iterable[date]:
        """Working days from start to end in the years every layer knows."""
        day = start
        while day <= end:
            if self.covers(day.year) and self.is_workday(day):
                yield day
            day += ONE_DAY

    def workdays_between(self, start: date, end: date) -> Iterable[date]:
        day = start
        while day <= end:
            if self.is_workday(day):
                yield day
            day += ONE_DAY


def add_years(day: date, years: int) -> date:
    """The anniversary `years` later (or earlier): the same month-day; a 29 February's is the
    1 March of a common year (the period it closes has run out on 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def years_after(event: date, years: int) -> date:
    """The last day of "N年内" after an event, the event's day not counted (民法典 第二百零一条):
    the same month-day N years later, or that month's last day where it has none (第二百零二条):
    2024-05-20 + 4 → 2028-05-20; 2024-02-29 + 1 → 2025-02-28."""
    try:
        return event.replace(year=event.year + years)
    except ValueError:
        return date(event.year + years, 2, 28)


def validity_end(first_day: date, years: int) -> date:
    """The last day of a 有效期 of N years whose first day counts (an ordinance's own force):
    the day before the anniversary — 自2026年1月31日施行，有效期5年 → 2031-01-30."""
    return add_years(first_day, years) - ONE_DAY


def years_before(end: date, years: int) -> date:
    """The first day of N years that end on `end`, end counted (申报通知前近N年)."""
    return add_years(end, -years) + ONE_DAY


def within_years(event: date, years: int, day: date) -> bool:
    """Is day within "N年内" after event (the event's day itself included: an act on the day of
    the decision is not after the period)?"""
    return event <= day <= years_after(event, years)
