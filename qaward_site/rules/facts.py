"""What the records mean today, as the ordinances' figures say: an award's standing, a ban's end,
a notice's working days, what an objector must be told. The site shows these; it never works
them out itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from qaward_site.calendar.workdays import years_after
from qaward_site.errors import CalendarGap
from qaward_site.records import (
    Applicant,
    Award,
    Cycle,
    Decision,
    Disqualification,
    Notice,
    Ordinance,
    Revocation,
)
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.rules.books import book_of, rulebooks, stated
from qaward_site.rules.catalog.awards import prize_due
from qaward_site.rules.catalog.sanctions import ban_years_of
from qaward_site.rules.context import Context
from qaward_site.rules.params import Figure, PostAwardRevocation, Silent, Unknown
from qaward_site.vocabulary import (
    BAN_WORDS,
    GROUNDS_NAMES,
    LEVEL_NAMES,
    OBJECTION_PARTS,
    STAGE_NAMES,
)


@dataclass
class AwardFacts:
    decision: Decision
    award: Award
    applicant: Applicant
    cycle: Cycle
    ordinance: Ordinance
    level_name: str
    prize_yuan: int | None  # None where the ordinance sets no prize
    revocation: Revocation | None
    expires: date | None  # where the ordinance limits an award's validity (wuwei 第五条)
    validity_article: str = ""

    def state(self, today: date) -> str:
        if self.revocation is not None and self.revocation.date <= today:
            return "revoked"
        if self.expires is not None and today > self.expires:
            return "expired"
        return "valid"


def awards(content: Content, calendars: Calendars, today: date) -> list[AwardFacts]:
    out = []
    for cycle in content.cycles():
        ordinance = content.ordinance_of(cycle)
        book = book_of(content, ordinance)
        if book is None:
            continue
        prize = book.stated("prize")
        validity = book.stated("reapplication")
        ctx = Context(content, cycle, ordinance, rulebooks(content), calendars.of(ordinance), today)
        for decision in content.decisions(cycle):
            for award in decision.awards:
                applicant = content.get(award.applicant, Applicant)
                if applicant is None:
                    continue
                revocations = sorted(content.revocations(applicant), key=lambda r: r.date)
                years = validity.validity_years if validity else None
                out.append(
                    AwardFacts(
                        decision,
                        award,
                        applicant,
                        cycle,
                        ordinance,
                        LEVEL_NAMES[award.level],
                        (
                            award.prize_yuan
                            if award.prize_yuan is not None
                            else prize_due(ctx, prize, decision, award, applicant)
                        )
                        if prize
                        else None,
                        revocations[0] if revocations else None,
                        years_after(decision.date, years) if years else None,
                        validity.cite() if years else "",
                    )
                )
    return out


def decision_name(content: Content, ordinance: Ordinance | None) -> str:
    """表彰决定, or 表扬决定 where the ordinance calls the act 表扬 (panzhihua 第二十条)."""
    figure = stated(content, ordinance, "decision-after-publicity")
    return figure.decision_name if figure is not None else "表彰决定"


def decision_label(content: Content, decision: Decision) -> str:
    """How a decision is named where it is listed: its title, its 文号, or what it is."""
    cycle = content.cycle_of(decision)
    return (
        decision.title
        or decision.doc_number
        or decision_name(content, content.ordinance_of(cycle) if cycle else None)
    )


def sanction_figure(content: Content, record: Revocation | Disqualification) -> Figure | None:
    """The figures of the rule a revocation or disqualification was decided under."""
    applicant = content.get(record.applicant, Applicant)
    cycle = content.cycle_of(applicant) if applicant else None
    ordinance = content.ordinance_of(cycle) if cycle else None
    if ordinance is None:
        return None
    if record.kind == "revocation":
        rule_id = "fraud-revocation" if record.grounds == "fraud" else "post-award-revocation"
        return stated(content, ordinance, rule_id)
    if record.grounds not in ("false_materials", "fraud"):
        return None
    fraud = stated(content, ordinance, "fraud-revocation")
    if fraud is not None and fraud.covers_disqualification:  # wuwei, panzhihua
        return fraud
    return stated(content, ordinance, "false-materials")


def ban_end(content: Content, record: Revocation | Disqualification) -> date | None:
    """The last day of the ban a sanction carries: as recorded, else as its ordinance sets it."""
    if record.ban_until is not None:
        return record.ban_until
    figure = sanction_figure(content, record)
    years = ban_years_of(figure, record) if figure else 0
    return years_after(record.date, years) if years else None


def grounds_words(content: Content, record: Revocation | Disqualification) -> str:
    """The grounds in the words of the article the record was decided under."""
    figure = sanction_figure(content, record)
    if isinstance(figure, PostAwardRevocation) and record.grounds in figure.grounds:
        return figure.ground_words(record.grounds)
    return GROUNDS_NAMES[record.grounds]


def ban_words(content: Content, record: Revocation | Disqualification) -> str:
    """What the ban bars, as its article words it: 不予受理其申报, or 不得参加评审."""
    figure = sanction_figure(content, record)
    return BAN_WORDS[figure.bars if figure else "filing"]


def ban_article(content: Content, record: Revocation | Disqualification) -> str:
    figure = sanction_figure(content, record)
    return figure.cite(record.grounds) if figure else ""


class CountedPeriod:
    """A notice's period as counted, from its days (notice.start … notice.end): what NoticeFacts
    and a page's narrower view of a notice (site/pages.ListedNotice) both say of it."""

    notice: Notice
    days: list[date]

    @property
    def count(self) -> int:
        return len(self.days)

    def state(self, today: date) -> str:
        if today < self.notice.start:
            return "upcoming"
        if today > self.notice.end:
            return "ended"
        return "open"

    def remaining(self, today: date) -> int:
        return sum(1 for d in self.days if d >= today)


@dataclass
class NoticeFacts(CountedPeriod):
    notice: Notice
    cycle: Cycle
    ordinance: Ordinance
    stage_name: str
    unit: str  # "workdays" | "days"
    days: list[date]  # the counted days of the period, for the page's own status script
    required: int | None
    article: str
    unknown_years: tuple[int, ...] = ()  # years of the period no calendar knows yet: not counted
    objection_deadline: date | None = None  # where objections are due within the period
    # the publicity-period rule's state: "unknown" means the required length is 待核对
    period_state: str = "stated"
    requirement: str = ""  # what the text requires of this period (PublicityPeriod.requirement)
    guessed_years: tuple[int, ...] = ()  # years counted on an example (推定) arrangement


def notice(content: Content, notice: Notice, calendars: Calendars) -> NoticeFacts | None:
    cycle = content.cycle_of(notice)
    ordinance = content.ordinance_of(cycle) if cycle else None
    if ordinance is None:
        return None
    figure = stated(content, ordinance, "publicity-period")
    unit = figure.unit if figure else "workdays"
    unknown: tuple[int, ...] = ()
    guessed: tuple[int, ...] = ()
    if unit == "days":
        days = [
            date.fromordinal(o) for o in range(notice.start.toordinal(), notice.end.toordinal() + 1)
        ]
    else:
        calendar = calendars.of(ordinance)
        days = list(calendar.known_workdays_between(notice.start, notice.end))
        years = range(notice.start.year, notice.end.year + 1)
        unknown = tuple(y for y in years if not calendar.covers(y))
        guessed = calendar.guessed_years(notice.start, notice.end)
    return NoticeFacts(
        notice,
        cycle,
        ordinance,
        STAGE_NAMES[notice.stage],
        unit,
        days,
        figure.stages.get(notice.stage) if figure else None,
        figure.cite(notice.stage) if figure else "",
        unknown,
        _objection_deadline(
            stated(content, ordinance, "objection-form"), ordinance, notice, calendars
        ),
        _state(content, ordinance, "publicity-period"),
        figure.requirement(notice.stage) if figure and notice.stage in figure.stages else "",
        guessed_years=guessed,
    )


def _state(content: Content, ordinance: Ordinance, rule_id: str) -> str:
    book = book_of(content, ordinance)
    return book.state(rule_id) if book is not None else "unknown"


def _objection_deadline(
    form: Figure | None, ordinance: Ordinance, notice: Notice, calendars: Calendars
) -> date | None:
    if form is None or not form.within_publicity:
        return None  # the text sets no date: the site must not invent one
    try:
        return calendars.of(ordinance).deadline(notice.end)
    except CalendarGap:
        return None


@dataclass
class Statement:
    text: str
    article: str = ""  # cites the ordinance; the site links it to the article's anchor


@dataclass
class ObjectionGuide:
    """What an objector must be told, from the ordinance: the how-to-object box."""

    ordinance: Ordinance
    has_procedure: bool
    # the objection-form rule is not yet verified against the text: the site says 待核对, never
    # that the ordinance has no procedure
    unverified: bool = False
    when: Statement | None = None  # when an objection may be raised, as the text says
    form: list[Statement] = field(default_factory=list)
    next_steps: list[Statement] = field(default_factory=list)
    notes: list[Statement] = field(default_factory=list)
    # what the objector's letter (异议书) must carry, as codes of vocabulary.OBJECTION_PARTS;
    # where the text sets nothing, what any office needs to answer a letter
    individual: tuple[str, ...] = ("name", "signed", "phone", "address")
    organization: tuple[str, ...] = ("address", "phone", "sealed")
    written: bool = False
    anonymous_refused: bool = False
    article: str = ""


def objection_guide(content: Content, ordinance: Ordinance) -> ObjectionGuide:
    book = book_of(content, ordinance)
    form = book.figure("objection-form") if book else Unknown("规则文件有误或缺失")
    state = book.state("objection-form") if book else "unknown"
    guide = ObjectionGuide(ordinance, state == "stated", state == "unknown")
    if state == "unknown":
        guide.notes.append(
            Statement(
                f"《{ordinance.title}》关于异议的规定待核对（文本不全或尚未核对）。"
                "如有异议，请按公示所列联系方式向办公室书面提出，并询问受理方式。",
                form.article,
            )
        )
        return guide
    if state == "silent":
        guide.notes.append(Statement(f"《{ordinance.title}》没有规定异议的提出和处理程序。", ""))
        if form.note != Silent().note:  # what the text does provide, cited once
            guide.notes.append(Statement(form.note, form.article))
        return guide
    art = form.cite()
    guide.individual, guide.organization = form.individual, form.organization
    guide.written, guide.anonymous_refused, guide.article = (
        form.written,
        form.anonymous_refused,
        art,
    )
    if form.when:
        guide.when = Statement(form.when + "。", form.cite("when"))
    guide.form = _form_statements(form)
    guide.next_steps = _next_steps(book)
    return guide


def _form_statements(form) -> list[Statement]:
    """How an objection must be made, as the objection-form figure states it."""
    art = form.cite()
    out: list[Statement] = []
    if form.written:
        out.append(Statement("异议应当以书面形式提出，并附相应的证明材料。", art))
    out.append(
        Statement(
            "个人提出异议的，应当写明："
            + "、".join(OBJECTION_PARTS[p] for p in form.individual)
            + "。",
            art,
        )
    )
    out.append(
        Statement(
            "单位提出异议的，应当写明："
            + "、".join(OBJECTION_PARTS[p] for p in form.organization)
            + "。",
            art,
        )
    )
    if form.anonymous_refused:
        out.append(Statement("异议应当以实名提出，以匿名方式提出的异议不予受理。", art))
    return out


def _next_steps(book) -> list[Statement]:
    """What happens to an objection once made: its timed steps and its effect."""
    out: list[Statement] = []
    deadlines = book.stated("objection-deadlines")
    if deadlines is not None:
        if deadlines.forward_workdays:
            out.append(
                Statement(
                    f"办公室自收到异议材料之日起{deadlines.forward_workdays}个工作日内，转送被异议者的审核推荐单位调查；"
                    f"审核推荐单位在{deadlines.report_workdays}个工作日内书面报告调查情况；办公室作出认定后，"
                    "将处理结果书面告知异议人。",
                    deadlines.cite(),
                )
            )
        if deadlines.accept_workdays:
            out.append(
                Statement(
                    f"办公室在收到书面异议材料后{deadlines.accept_workdays}个工作日内进行受理审查；"
                    "符合规定的予以受理，并出具书面凭证。",
                    deadlines.cite(),
                )
            )
    effect = book.stated("objection-effect")
    if effect is not None:
        if effect.stays_in_review:
            out.append(
                Statement(
                    "异议审查期间，被异议的申报者继续参加评审；异议内容查证属实且属于申报条件禁止性规定的，"
                    "取消其参评资格。",
                    effect.cite(),
                )
            )
        if effect.upheld_note:
            out.append(Statement(effect.upheld_note, effect.cite()))
        if effect.evidence_note or effect.evidence_deadline:
            out.append(
                Statement(
                    effect.evidence_note or "未在规定时间内按要求提供证明材料的，视为放弃异议。",
                    effect.cite(),
                )
            )
    return out
