"""Each ordinance's rulebook, read from its content file (content/ordinances/<id>.rules.yml): an
ordinance's figures are content, written by its office like its records; Python holds the kinds
of rule (params, catalog). The move openfisca-france-local made from per-city code to YAML.

Each rule id maps to one of three states — stated (`article:` and the figures of the rule's class
in params), silent (`silent: note`, optional `article:`), unknown (`unknown: why`); a rule the file
does not list is unknown. Every problem is a finding at its file:line:col, all of them at once:
an unknown rule id, a misspelt or ill-typed figure, a code outside the vocabulary, an article the
ordinance's text does not have. A book with errors is not used (its cycles are not judged on
wrong figures); an ordinance with no rulebook is an error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from qaward_site.findings import Finding
from qaward_site.records import Ordinance, Rulebook
from qaward_site.records.content import Content
from qaward_site.records.ordinance_text import OrdinanceText
from qaward_site.records.validation import explain
from qaward_site.rules.params import Condition, Figure, RuleBook, Silent, Unknown
from qaward_site.rules.registry import registered

STATE_KEYS = {"silent": Silent, "unknown": Unknown}


@dataclass
class Books:
    """The usable rulebooks by ordinance id, and what was wrong with the files."""

    books: dict[str, RuleBook] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def get(self, ordinance_id: str) -> RuleBook | None:
        return self.books.get(ordinance_id)

    def __getitem__(self, ordinance_id: str) -> RuleBook:
        return self.books[ordinance_id]

    def __contains__(self, ordinance_id: str) -> bool:
        return ordinance_id in self.books

    def items(self):
        return self.books.items()

    def __iter__(self):
        return iter(self.books)


def rulebooks(content: Content) -> Books:
    """The books of this content, read once per loaded content."""
    books = getattr(content, "_books", None)
    if books is None:
        books = read(content)
        content._books = books
    return books


def read(content: Content) -> Books:
    out = Books()
    files: dict[str, list[Rulebook]] = {}
    for record in content.all(Rulebook):
        files.setdefault(record.ordinance, []).append(record)
    for ordinance in content.all(Ordinance):
        # the file named after its ordinance is the one; any other is the extra
        records = sorted(
            files.get(ordinance.id, []),
            key=lambda r: (r.file.rsplit("/", 1)[-1] != f"{ordinance.id}.rules.yml", r.file),
        )
        if not records:
            line, col = ordinance.where("id")
            out.findings.append(
                Finding(
                    ordinance.file,
                    line,
                    col,
                    "error",
                    "rulebook",
                    f"办法 {ordinance.id} 没有规则文件：请在它旁边写 {ordinance.id}.rules.yml"
                    f"（qaward new ordinance 可生成；尚未核对的规则写 unknown），否则它的评选无法检查",
                    ordinance=ordinance.id,
                    record=ordinance.id,
                )
            )
            continue
        for extra in records[1:]:
            line, col = extra.where("ordinance")
            out.findings.append(
                Finding(
                    extra.file,
                    line,
                    col,
                    "error",
                    "rulebook",
                    f"办法 {ordinance.id} 已有规则文件 {records[0].file}：一个办法只能有一个",
                    ordinance=ordinance.id,
                    record=extra.id,
                )
            )
        book, findings = read_book(records[0], content.texts.get(ordinance.id))
        out.findings += findings
        if not any(f.severity == "error" for f in findings):
            out.books[ordinance.id] = book
    return out


def read_book(record: Rulebook, text: OrdinanceText | None) -> tuple[RuleBook, list[Finding]]:
    findings: list[Finding] = []
    rules = registered()

    def report(path: tuple, message: str, rule_id: str = "", key: bool = False) -> None:
        line, col = record.where("rules", *path, key=key)
        findings.append(
            Finding(
                record.file,
                line,
                col,
                "error",
                "rulebook",
                f"规则 {rule_id}：{message}" if rule_id else message,
                ordinance=record.ordinance,
                record=record.id,
            )
        )

    figures: dict = {}
    for rule_id, value in record.rules.items():
        rule = rules.get(rule_id)
        if rule is None:
            guess = difflib.get_close_matches(rule_id, list(rules), n=1)
            hint = f"（是不是 {guess[0]}？）" if guess else f"（可用：{', '.join(rules)}）"
            report((rule_id,), f"未知的规则 {rule_id}{hint}", key=True)
            continue
        if not isinstance(value, dict):
            report(
                (rule_id,),
                "应为映射：{article: 第X条, 各项数值…}，或 {silent: 说明}，或 {unknown: 原因}",
                rule_id,
            )
            continue
        states = [k for k in STATE_KEYS if k in value]
        cls = STATE_KEYS[states[0]] if len(states) == 1 else rule.params
        if len(states) > 1:
            report((rule_id,), "silent 与 unknown 只能写一个", rule_id)
            continue
        given = {("note" if k in STATE_KEYS else k): v for k, v in value.items()}
        draft = {k: v for k, v in given.items() if k not in ("note", "article")}
        if cls is Unknown and draft:
            # figures awaiting verification: typed like stated ones, kept as the rule's draft
            cls, given = rule.params, draft | {"article": given.get("article", "")}
        try:
            figures[rule_id] = TypeAdapter(cls).validate_python(given)
            if cls is rule.params and "unknown" in value:
                figures[rule_id] = Unknown(value["unknown"], value.get("article", ""), figures[rule_id])
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
                loc = tuple(states[0] if p == "note" else p for p in loc)
                issue = explain(cls, _Within(record, rule_id), err, loc)
                findings.append(
                    Finding(
                        record.file,
                        issue.line,
                        issue.column,
                        "error",
                        "rulebook",
                        f"规则 {rule_id}：{issue.message}",
                        ordinance=record.ordinance,
                        record=record.id,
                    )
                )
            continue
        if text is not None:
            for path, citation in citations(figures[rule_id]):
                missing = text.unresolved(citation)
                if missing:
                    which = "" if missing == [citation] else f"中的 {'、'.join(missing)} "
                    report(
                        (rule_id, *path),
                        f"条款 {citation} {which}在办法全文中找不到：请按全文核对",
                        rule_id,
                    )
    for rule_id in rules:
        figures.setdefault(rule_id, Unknown())
    return RuleBook(record.ordinance, figures, record.file, record.id), findings


def citations(figure: Figure | Silent | Unknown) -> list[tuple[tuple, str]]:
    """(path in the file, citation) for every article a figure names."""
    found = [(("article",), figure.article)] if figure.article else []
    if isinstance(figure, Figure):
        found += [(("articles", part), art) for part, art in figure.articles.items()]
        for i, condition in enumerate(getattr(figure, "conditions", ())):
            if isinstance(condition, Condition):
                found.append((("conditions", i, "article"), condition.article))
    return found


@dataclass
class _Within:
    """A rule's mapping inside the file, for the validator's positions."""

    record: Rulebook
    rule_id: str

    def position(self, path, *, key: bool = False) -> tuple[int, int]:
        return self.record.where("rules", self.rule_id, *path, key=key)


def book_of(content: Content, ordinance: Ordinance | None) -> RuleBook | None:
    return rulebooks(content).get(ordinance.id) if ordinance is not None else None


def stated(content: Content, ordinance: Ordinance | None, rule_id: str) -> Figure | None:
    """The figure an ordinance states for a rule; None where it is silent, unknown or unread."""
    book = book_of(content, ordinance)
    return book.stated(rule_id) if book is not None else None
