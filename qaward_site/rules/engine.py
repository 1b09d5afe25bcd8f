"""Run the rules: each cycle under the ordinance it names, with that ordinance's figures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from qaward_site.bulk import collector_paused
from qaward_site.content import Content
from qaward_site.errors import CalendarGap
from qaward_site.findings import Finding, Severity
from qaward_site.records import Applicant, Cycle, Decision, Ordinance, Record
from qaward_site.rules.figures import Figure, RuleBook, Silent
from qaward_site.rules.ordinances import rulebooks
from qaward_site.workdays import WorkCalendar


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    check: Callable[[Context], None] | None  # None: a duty the records cannot show
    describe: Callable[[Figure], str]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, describe: Callable[[Figure], str]):
    """Register a rule; built-in rules and any added later are registered alike."""

    def register(check):
        RULES[rule_id] = Rule(rule_id, title, check, describe)
        return check

    return register


def duty(rule_id: str, title: str, describe: Callable[[Figure], str]) -> None:
    """Register a rule that binds the winner or the office but leaves no trace in the records."""
    RULES[rule_id] = Rule(rule_id, title, None, describe)


@dataclass
class Context:
    """What a rule sees while checking one cycle: the records, the figures, the calendar."""

    content: Content
    cycle: Cycle
    ordinance: Ordinance
    book: RuleBook
    calendar: WorkCalendar
    today: date
    findings: list[Finding] = field(default_factory=list)
    rule_id: str = ""
    figure: Figure | None = None

    def report(
        self,
        record: Record,
        path: tuple,
        message: str,
        *,
        part: str | None = None,
        severity: Severity = "error",
        key: bool = False,
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
                article=self.figure.cite(part),
                record=record.id,
            )
        )

    @contextmanager
    def counting_days(self, record: Record, path: tuple, part: str | None = None) -> Iterator:
        """Day counting for one item; a year without a known calendar is reported, not guessed."""
        try:
            yield
        except CalendarGap as gap:
            self.report(record, path, f"无法核对：{gap}", part=part)

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

    def book_for(self, cycle: Cycle) -> RuleBook | None:
        ordinance = self.content.ordinance_of(cycle)
        return rulebooks().get(ordinance.id) if ordinance else None

    def award_of(self, applicant: Applicant) -> tuple[Decision, object] | None:
        for decision, _i, award, who in self.awards(self.content.cycle_of(applicant)):
            if who.id == applicant.id:
                return decision, award
        return None


def run(content: Content, calendar: WorkCalendar, today: date) -> list[Finding]:
    with collector_paused():
        return _run(content, calendar, today)


def _run(content: Content, calendar: WorkCalendar, today: date) -> list[Finding]:
    from qaward_site.rules import catalog  # noqa: F401  (registers the built-in rules)

    findings: list[Finding] = []
    books = rulebooks()
    for cycle in content.cycles():
        ordinance = content.ordinance_of(cycle)
        if ordinance is None:
            continue  # a reference finding already says so
        book = books.get(ordinance.id)
        if book is None:
            line, col = cycle.where("ordinance")
            findings.append(
                Finding(
                    cycle.file,
                    line,
                    col,
                    "warning",
                    "ordinance-in-force",
                    f"办法 {ordinance.id} 没有规则模块（qaward_site/rules/ordinances/）：只检查了记录格式",
                    ordinance=ordinance.id,
                    record=cycle.id,
                )
            )
            continue
        for rule_def in RULES.values():
            figure = book.figure(rule_def.id)
            if isinstance(figure, Silent) or rule_def.check is None:
                continue
            ctx = Context(
                content, cycle, ordinance, book, calendar, today, findings, rule_def.id, figure
            )
            rule_def.check(ctx)
    return findings
