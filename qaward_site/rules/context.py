"""What a rule sees while it checks one cycle: the records, the ordinance's figures, the
calendar, and where to report."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from qaward_site.calendar.workdays import WorkCalendar
from qaward_site.errors import CalendarGap
from qaward_site.findings import Finding, Severity
from qaward_site.records import Applicant, Cycle, Decision, Ordinance, Record
from qaward_site.records.content import Content
from qaward_site.rules.params import Figure, RuleBook
from qaward_site.vocabulary import LAYER_NAMES


@dataclass
class Context:
    """What a rule sees while checking one cycle: the records, the figures, the calendar."""

    content: Content
    cycle: Cycle
    ordinance: Ordinance
    books: Mapping[str, RuleBook]  # every ordinance's usable rulebook (rules.books.rulebooks)
    calendar: WorkCalendar
    today: date
    findings: list[Finding] = field(default_factory=list)
    rule_id: str = ""
    figure: Figure | None = None
    # a count on a guessed year, said once for the cycle's applicants: (year, layers) →
    # [its finding, how many applicants]
    _guessed: dict[tuple, list] = field(default_factory=dict)

    def report(
        self,
        record: Record,
        path: tuple,
        message: str,
        *,
        part: str | None = None,
        severity: Severity = "error",
        key: bool = False,
        article: str | None = None,
    ) -> None:
        line, column = record.where(*path, key=key)
        self.findings.append(
            Finding(
                record.file,
                line,
                column,
                severity,
                self.rule_id,
                message,
                ordinance=self.ordinance.id,
                article=article or self.figure.cite(part),
                record=record.id,
            )
        )

    @contextmanager
    def counting_days(
        self, record: Record, path: tuple, part: str | None = None, pending: bool = False
    ) -> Iterator:
        """Day counting for one item; a year without a known calendar is reported, not guessed:
        an error for what has happened (it cannot be verified), a warning for what is still
        running or due (it will be, once the year's notice is imported)."""
        consulted = self.calendar.watch()
        try:
            yield
        except CalendarGap as gap:
            if pending:
                message = f"尚无法核对（进行中或未到期）：{gap}"
                self.report(record, path, message, part=part, severity="warning")
            else:
                self.report(record, path, f"无法核对：{gap}", part=part)
        else:
            # a count on a guessed year is loud, like an unknown one (xinjiang 2024, 2026)
            for year in sorted(consulted):
                layers = self.calendar.guessed(year)
                if layers:
                    self._counted_on_guess(record, path, part, year, layers)
        finally:
            self.calendar.unwatch()

    def _counted_on_guess(self, record, path, part, year: int, layers: tuple) -> None:
        """Said of each notice, objection or decision; of a cycle's applicants once per rule, at
        the first so counted, with how many were: one import fixes them all (measured: 12,500
        identical warnings at 50,000 applicants, each reading its file again for its line, a
        third of the check's time)."""
        text = (
            f"按推定的放假安排计算：{year}年{'、'.join(LAYER_NAMES.get(n, n) for n in layers)}"
            "的放假安排是示例数据，不是官方通知；请用 qaward calendar import 导入当年的通知后再核对"
        )
        if not isinstance(record, Applicant):
            self.report(record, path, text, part=part, severity="warning")
            return
        seen = self._guessed.get((year, layers))
        if seen is None:
            self.report(record, path, text, part=part, severity="warning")
            self._guessed[(year, layers)] = [len(self.findings) - 1, {record.id}]
            return
        seen[1].add(record.id)
        if len(seen[1]) > 1:
            first = self.findings[seen[0]]
            self.findings[seen[0]] = replace(
                first,
                message=f"{text}（本届共 {len(seen[1])} 个申报单位的期限按此计算，此处为第一个）",
            )

    # the programme (one jurisdiction) this cycle belongs to
    def programme_cycles(self) -> list[Cycle]:
        return self.content.cycles(self.ordinance.jurisdiction)

    def applicants(self) -> list[Applicant]:
        return self.content.applicants(self.cycle)

    def awards(self, cycle: Cycle | None = None):
        """(decision, index, award, applicant) for every award in a cycle's decisions."""
        for decision in self.content.decisions(cycle or self.cycle):
            for i, award in enumerate(decision.awards):
                applicant = self.content.get(award.applicant, Applicant)
                if applicant is not None:
                    yield decision, i, award, applicant

    def programme_awards(self):
        for cycle in self.programme_cycles():
            yield from self.awards(cycle)

    @property
    def book(self) -> RuleBook:
        """The rulebook of the ordinance this cycle runs under."""
        return self.books[self.ordinance.id]

    def book_for(self, cycle: Cycle) -> RuleBook | None:
        ordinance = self.content.ordinance_of(cycle)
        return self.books.get(ordinance.id) if ordinance is not None else None

    def award_of(self, applicant: Applicant) -> tuple[Decision, object] | None:
        for decision, _i, award, who in self.awards(self.content.cycle_of(applicant)):
            if who.id == applicant.id:
                return decision, award
        return None
