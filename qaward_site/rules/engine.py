"""Run the rules: each cycle under the ordinance it names, with that ordinance's figures."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from qaward_site.bulk import collector_paused
from qaward_site.findings import Finding
from qaward_site.records import Ordinance, Rulebook
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.rules.books import rulebooks
from qaward_site.rules.context import Context
from qaward_site.rules.params import RuleBook
from qaward_site.rules.registry import registered


def run(content: Content, calendars: Calendars, today: date) -> list[Finding]:
    with collector_paused():
        return _run(content, calendars, today)


def _run(content: Content, calendars: Calendars, today: date) -> list[Finding]:
    findings: list[Finding] = []
    books = rulebooks(content)
    findings += books.findings
    warned: set[str] = set()
    unloaded = _unloaded_folders(content)
    for cycle in content.cycles():
        ordinance = content.ordinance_of(cycle)
        if ordinance is None:
            continue  # a reference finding already says so
        folder = PurePosixPath(cycle.file).parent
        if any(folder in PurePosixPath(f).parents for f in unloaded):
            # a record of the cycle did not load: its rules would report what is missing as
            # faults of the records that name it. The root error alone, then the rest.
            line, column = cycle.where()
            findings.append(
                Finding(
                    cycle.file,
                    line,
                    column,
                    "warning",
                    "not-checked",
                    f"评选届次 {cycle.id} 有记录未能读取（见上面的错误）：改正后再按办法检查这一届",
                    record=cycle.id,
                )
            )
            continue
        book = books.get(ordinance.id)
        if book is None:
            continue  # its rulebook is missing or wrong: an error already says so
        if ordinance.id not in warned:
            warned.add(ordinance.id)
            findings += _unknown_rules(content, ordinance, book)
        for rule_def in registered().values():
            figure = book.stated(rule_def.id)
            if figure is None or rule_def.check is None:
                continue
            ctx = Context(
                content,
                cycle,
                ordinance,
                books,
                calendars.of(ordinance),
                today,
                findings,
                rule_def.id,
                figure,
            )
            rule_def.check(ctx)
    return findings


def _unloaded_folders(content: Content) -> set[str]:
    """The files whose record did not load (an error and no record under its id)."""
    return {
        f.file
        for f in content.findings
        if f.is_error and f.file and f.record not in content.records
    }


def _unknown_rules(content: Content, ordinance: Ordinance, book: RuleBook) -> list[Finding]:
    """One warning per rule of an ordinance in use that is not yet verified: what it would judge
    is not judged, and must not be taken as compliant."""
    out = []
    rulebook = content.get(book.record, Rulebook)  # the file this book was read from
    for rule_id in book.unknown():
        figure = book.figure(rule_id)
        path = ("rules", rule_id) if rulebook and rule_id in rulebook.rules else ("rules",)
        line, col = rulebook.where(*path) if rulebook else (1, 1)
        where = f"{figure.article}" if figure.article else ""
        out.append(
            Finding(
                book.file or ordinance.file,
                line,
                col,
                "warning",
                rule_id,
                f"《{ordinance.title}》{where}「{registered()[rule_id].title}」待核对：{figure.note}。"
                "这一条没有检查，有关记录不能视为符合规定",
                ordinance=ordinance.id,
                article=figure.article,
                record=ordinance.id,
            )
        )
    return out
