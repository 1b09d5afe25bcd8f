"""Run the rules: each cycle under the ordinance it names, with that ordinance's figures."""

from __future__ import annotations

from datetime import date

from qaward_site.bulk import collector_paused
from qaward_site.calendars import Calendars
from qaward_site.content import Content
from qaward_site.findings import Finding
from qaward_site.rules.context import Context
from qaward_site.rules.ordinances import rulebooks
from qaward_site.rules.params import Silent
from qaward_site.rules.registry import registered


def run(content: Content, calendars: Calendars, today: date) -> list[Finding]:
    with collector_paused():
        return _run(content, calendars, today)


def _run(content: Content, calendars: Calendars, today: date) -> list[Finding]:
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
        for rule_def in registered().values():
            figure = book.figure(rule_def.id)
            if isinstance(figure, Silent) or rule_def.check is None:
                continue
            ctx = Context(
                content,
                cycle,
                ordinance,
                book,
                calendars.of(ordinance),
                today,
                findings,
                rule_def.id,
                figure,
            )
            rule_def.check(ctx)
    return findings
