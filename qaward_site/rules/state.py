"""Everything the site shows, gathered once from the records, the facts and the rule table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from qaward_site.records import (
    Applicant,
    Cycle,
    Disqualification,
    Notice,
    Objection,
    Ordinance,
    Revocation,
    organisation_key,
)
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import Content
from qaward_site.records.ordinance_text import OrdinanceText
from qaward_site.rules import facts
from qaward_site.rules.published import Ledger
from qaward_site.rules.table import rule_table
from qaward_site.vocabulary import RECOVER_NAMES


@dataclass
class Programme:
    """One jurisdiction's award: its ordinances (versions) and cycles."""

    jurisdiction: str
    name: str
    ordinances: list[Ordinance]
    cycles: list[Cycle]
    parent: str | None

    @property
    def award(self) -> str:
        """The award's name in its latest ordinance's words."""
        return self.ordinances[-1].award if self.ordinances else f"{self.name}政府质量奖"

    def ordinance_on(self, day: date) -> Ordinance | None:
        return next((o for o in self.ordinances if o.in_force_on(day)), None)


@dataclass
class Sanction:
    record: Revocation | Disqualification
    applicant: Applicant
    cycle: Cycle
    ordinance: Ordinance
    ban_end: date | None
    article: str
    ban_words: str = "不予受理其申报"  # what the ban bars, in its article's words
    grounds_name: str = ""  # the grounds in its article's words

    @property
    def kind_name(self) -> str:
        return "撤销奖励" if self.record.kind == "revocation" else "取消参评资格"

    @property
    def recovered(self) -> str:
        items = getattr(self.record, "recovered", [])
        return "、".join(RECOVER_NAMES[i] for i in items)


@dataclass
class Organisation:
    """An organisation across cycles, by credit code (its name may change); a unit without a
    code of its own by its parent's code and its name (records.organisation_key)."""

    key: str
    credit_code: str | None
    parent_credit_code: str | None
    names: list[str]
    applications: list[Applicant] = field(default_factory=list)
    notices: list[facts.NoticeFacts] = field(default_factory=list)  # that name it, newest first
    awards: list[facts.AwardFacts] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[-1]


@dataclass
class SiteModel:
    config: SiteConfig
    content: Content
    today: date
    programmes: list[Programme]
    notices: list[facts.NoticeFacts]
    awards: list[facts.AwardFacts]
    sanctions: list[Sanction]
    organisations: dict[str, Organisation]
    rules: list[dict]
    guides: dict[str, facts.ObjectionGuide]
    texts: dict[str, OrdinanceText]
    calendars: list[dict] = field(default_factory=list)  # each programme's working-day calendar
    # what the site has published and every correction (rules/published.py); a build sets it
    published: Ledger = field(default_factory=Ledger.empty)

    def cycle_notices(self, cycle: Cycle) -> list[facts.NoticeFacts]:
        return [n for n in self.notices if n.cycle.id == cycle.id]

    def cycle_awards(self, cycle: Cycle) -> list[facts.AwardFacts]:
        return [a for a in self.awards if a.cycle.id == cycle.id]

    def objections(self, notice: Notice) -> list[Objection]:
        return sorted(self.content.objections(notice), key=lambda o: (o.received, o.id))

    def open_notices(self) -> list[facts.NoticeFacts]:
        """Open or about to open on the day of the build; the pages re-check in the browser."""
        return [n for n in self.notices if n.notice.end >= self.today]


def gather(
    content: Content, config: SiteConfig, today: date, calendars: Calendars | None = None
) -> SiteModel:
    calendars = calendars or Calendars.load(content, config)
    ordinances = sorted(content.all(Ordinance), key=lambda o: (o.jurisdiction, o.effective))
    by_jurisdiction: dict[str, list[Ordinance]] = defaultdict(list)
    for o in ordinances:
        by_jurisdiction[o.jurisdiction].append(o)
    programmes = [
        Programme(j, os_[-1].jurisdiction_name, os_, content.cycles(j), os_[-1].parent)
        for j, os_ in by_jurisdiction.items()
    ]
    notices = [f for n in content.all(Notice) if (f := facts.notice(content, n, calendars))]
    notices.sort(key=lambda n: (n.notice.start, n.notice.id), reverse=True)
    awards = facts.awards(content, calendars, today)
    sanctions = []
    for record in [*content.all(Revocation), *content.all(Disqualification)]:
        applicant = content.get(record.applicant, Applicant)
        cycle = content.cycle_of(applicant)
        sanctions.append(
            Sanction(
                record,
                applicant,
                cycle,
                content.ordinance_of(cycle),
                facts.ban_end(content, record),
                facts.ban_article(content, record),
                facts.ban_words(content, record),
                facts.grounds_words(content, record),
            )
        )
    sanctions.sort(key=lambda s: (s.record.date, s.record.id), reverse=True)
    organisations: dict[str, Organisation] = {}
    for applicant in sorted(content.all(Applicant), key=lambda a: (content.cycle_of(a).year, a.id)):
        if applicant.type != "organization":
            continue
        key = organisation_key(applicant)
        org = organisations.setdefault(
            key, Organisation(key, applicant.credit_code, applicant.parent_credit_code, [])
        )
        if applicant.name not in org.names:
            org.names.append(applicant.name)
        org.applications.append(applicant)
    for n in notices:
        named = [content.get(e.applicant, Applicant) for e in n.notice.entries]
        named = [a for a in named if a is not None]  # a broken record: its finding says so
        for code in dict.fromkeys(organisation_key(a) for a in named if a.type == "organization"):
            organisations[code].notices.append(n)
    for award in awards:
        if (key := organisation_key(award.applicant)) in organisations:
            organisations[key].awards.append(award)
    for sanction in sanctions:
        if (key := organisation_key(sanction.applicant)) in organisations:
            organisations[key].sanctions.append(sanction)
    return SiteModel(
        config,
        content,
        today,
        programmes,
        notices,
        awards,
        sanctions,
        organisations,
        rule_table(content),
        {o.id: facts.objection_guide(content, o) for o in ordinances},
        content.texts,
        calendars.described(ordinances),
    )
