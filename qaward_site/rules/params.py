"""What an ordinance states for each rule: one typed parameter class per rule, each figure with
the article it comes from (OpenFisca's parameters, Catala's citations).

An ordinance's rulebook file (content/ordinances/<id>.rules.yml, read by rules.books) fills
these: each rule is stated (its class, with the article), `Silent` (the text sets nothing: the
rule does not apply) or `Unknown` (not yet verified against the text: never applied, never
called compliant, shown as 待核对). The field names here are the rulebook file's contract.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from datetime import date, timedelta
from typing import Literal

from pydantic import ConfigDict
from pydantic.dataclasses import dataclass

from qaward_site import vocabulary as v
from qaward_site.calendar.workdays import years_after

_STRICT = ConfigDict(extra="forbid")
# the codes a figure may name: a misspelt one (site_reveiw) is an error where the rulebook loads
Stage = Literal[tuple(v.STAGE_NAMES)]
Level = Literal[tuple(v.LEVEL_NAMES)]
ApplicantType = Literal[tuple(v.TYPE_NAMES)]
IncidentKind = Literal[tuple(v.INCIDENT_NAMES)]
Grounds = Literal[tuple(v.GROUNDS_NAMES)]
Recovered = Literal[tuple(v.RECOVER_NAMES)]
ObjectionPart = Literal[tuple(v.OBJECTION_PARTS)]


@dataclass(frozen=True, config=_STRICT)
class Figure:
    """The article that sets a rule; `articles` cite a part of it more precisely (a stage's
    publicity period, a kind of incident)."""

    article: str
    articles: dict[str, str] = field(default_factory=dict, kw_only=True)

    def cite(self, part: str | None = None) -> str:
        return self.articles.get(part, self.article) if part else self.article

    def stated(self) -> dict:
        """The figures this ordinance states (those that differ from their class's default), as
        plain values: what its rulebook file says, what the open data publishes."""
        return _stated(self, ("article", "articles"))


def _stated(value, skip: tuple[str, ...] = ()) -> dict:
    out = {}
    for f in dataclasses.fields(value):
        if f.name in skip:
            continue
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if getattr(value, f.name) != default:  # a required figure's default is MISSING
            out[f.name] = plain(getattr(value, f.name))
    return out


def plain(value):
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return _stated(value)
    return value


def figure(cls):
    """A rule's parameter class: keyword figures after the article."""
    return dataclass(frozen=True, kw_only=True, config=_STRICT)(cls)


@dataclass(frozen=True, config=_STRICT)
class Silent:
    """The ordinance says nothing on this rule, so it does not apply; `note` says what it does say."""

    note: str = "办法未作规定"
    article: str = ""


@dataclass(frozen=True, config=_STRICT)
class Unknown:
    """Not yet verified against the text (a partial text, a figure not read yet): the rule is not
    applied and nothing it would judge is called compliant; `note` says why."""

    note: str = "规则文件未列出此规则"
    article: str = ""
    # figures written beside `unknown:` (copied from another ordinance by `qaward new ordinance
    # --like`): validated, never applied; deleting the `unknown:` line states them
    draft: object = None


State = Literal["stated", "silent", "unknown"]


# --- force and rhythm


@figure
class InForce(Figure):
    """The dates of force are in the ordinance's content record."""


@figure
class CycleInterval(Figure):
    years: int

    def too_close(self, year: int, other: int) -> bool:
        """每N年评选一次: two cycles of one programme less than N years apart, whichever is
        first — the one reading the check and `new cycle` share."""
        return abs(year - other) < self.years


# --- who may win, how many


@figure
class Quota(Figure):
    levels: dict[Level, int | None]  # awards per cycle by level (None: no limit stated)
    types: dict[ApplicantType, int] = field(default_factory=dict)  # by applicant type instead
    in_principle: bool = False  # 原则上: an exception is lawful


@figure
class ApplicantTypes(Figure):
    types: tuple[ApplicantType, ...]
    # units with no code of their own may apply (内设、派出机构、班组: yining/xinjiang 第二条)
    sub_units: bool = False
    # who may apply, in the ordinance's own words: the site shows this instead of the type names
    # (yining 第二条 adds front-line teams, xinjiang 第二条 does not)
    applicants: str = ""


@figure
class OperatingYears(Figure):
    years: int
    new_economy_years: int | None = None  # 新技术、新产业、新业态、新模式
    legal_person: bool = False  # and an independent legal person


Grade = Literal["general", "larger", "major", "especially_major"]  # 一般、较大、重大、特别重大


@dataclass(frozen=True, config=_STRICT)
class Condition:
    """One condition of eligibility as its article writes it: what must not have happened, in
    which window before the call (only where the text sets one: 近N年), and, for accidents, from
    which grade up."""

    article: str
    kinds: tuple[IncidentKind, ...]  # accident, serious_violation, credit_record, …
    years: int | None = None  # None: the text sets no window ("无不良信用记录")
    accident_grade: Grade = "general"  # the least grade the article bars ("重大" → major)
    liability: bool = False  # 责任事故: the article bars accidents the applicant is liable for
    who: Literal["organization", "individual", "top_manager"] = "organization"


@figure
class CleanRecord(Figure):
    conditions: tuple[Condition, ...]


# --- the procedure


@figure
class PublicityPeriod(Figure):
    unit: Literal["workdays", "days"]
    stages: dict[Stage, int]
    exact: bool = False  # 公示期为N天: more is not the period either

    # the one home of the period's arithmetic and wording: the check, the notice page, the rules
    # table and `new notice` all ask here

    def requirement(self, stage: str) -> str:
        """What the text requires of a stage's period: 不少于5个工作日, 为7天."""
        return f"{'为' if self.exact else '不少于'}{self.stages[stage]}{v.UNIT_NAMES[self.unit]}"

    def count(self, start: date, end: date, calendar) -> int:
        """The period's length in its unit, both ends counted."""
        if self.unit == "days":
            return (end - start).days + 1
        return calendar.count_workdays(start, end)

    def earliest_end(self, stage: str, start: date, calendar) -> date | None:
        """The first day a period of `stage` starting on start may end; None where the text
        sets no period for the stage."""
        need = self.stages.get(stage)
        if need is None:
            return None
        if self.unit == "days":
            return start + timedelta(days=need - 1)
        return calendar.period_end(start, need)


@figure
class StageOrder(Figure):
    sequence: tuple[Stage, ...]
    organisations_only: tuple[Stage, ...] = ()
    # stages the text names inside another step, accepted in their place but not required
    # (xinjiang 第十一条（八）: 形成评审报告 before the 审议)
    optional: tuple[Stage, ...] = ()


@figure
class DecisionAfterPublicity(Figure):
    # what the text calls the government's act: 表彰 (most), 表扬 (panzhihua 第二十条 表扬奖励)
    form: Literal["表彰", "表扬"] = "表彰"

    @property
    def decision_name(self) -> str:
        return f"{self.form}决定"


# --- objections


@figure
class ObjectionForm(Figure):
    # when an objection may be raised, in the text's words: a site must not invent a deadline
    # the text does not set (yining 第十五条: 在评审过程中; daqing 第二十条: no limit)
    when: str = ""
    # objections only within the publicity period (公示期内): its last day is the deadline, moved
    # to the next working day when it is a rest day (民法典 第二百零三条); none of the five so far
    within_publicity: bool = False
    written: bool = False
    individual: tuple[ObjectionPart, ...] = ()
    organization: tuple[ObjectionPart, ...] = ()
    anonymous_refused: bool = False


@dataclasses.dataclass(frozen=True)
class ObjectionStep:
    """A step the office must take on an objection within working days: the one home of its
    name and of what its days count from, for the check, the agenda and the drafts."""

    field: str  # the objection record's date field that records the step
    name: str
    counted_from: str  # the date field its working days count from (that day not counted)
    workdays: int

    def due(self, objection, calendar) -> date | None:
        start = getattr(objection, self.counted_from)
        return calendar.add_workdays(start, self.workdays) if start is not None else None


@figure
class ObjectionDeadlines(Figure):
    forward_workdays: int | None = None
    report_workdays: int | None = None
    accept_workdays: int | None = None
    receipt: bool = False

    def steps(self) -> tuple[ObjectionStep, ...]:
        """The timed steps in order: acceptance review (daqing 第二十二条), or forwarding to the
        recommender and its written report (yining 第十六条, xinjiang 第十三条)."""
        if self.accept_workdays:
            return (ObjectionStep("accepted", "受理审查", "received", self.accept_workdays),)
        steps = []
        if self.forward_workdays:
            steps.append(
                ObjectionStep("forwarded", "转送审核推荐单位", "received", self.forward_workdays)
            )
        if self.report_workdays:
            steps.append(
                ObjectionStep(
                    "reported", "审核推荐单位书面报告调查情况", "forwarded", self.report_workdays
                )
            )
        return tuple(steps)


@figure
class ObjectionEffect(Figure):
    stays_in_review: bool = False
    evidence_deadline: bool = False
    # the text's own words on that deadline, shown to objectors (daqing 第二十三条)
    evidence_note: str = ""
    # an upheld objection on a prohibited condition removes the applicant; False where the text
    # leaves the consequence to a body's decision (daqing 第二十四条: the 联席会议)
    upheld_removes: bool = True
    # what the text says happens to an upheld objection, in its words, where a body decides
    upheld_note: str = ""


# --- winners


@figure
class Reapplication(Figure):
    years: int
    levels: tuple[Level, ...] = ()
    validity_years: int | None = None


@figure
class Prize(Figure):
    amounts: dict[Level, int]
    repeat_award: int | None = None


# --- sanctions


@figure
class Sanction(Figure):
    ban_years: int | None = None
    serious_ban_years: int | None = None
    recover: tuple[Recovered, ...] = ()
    # the act the ban bars, as its article words it: 不予受理其申报 / 不得申报 bar the filing
    # (the applicant's first recorded step); 不得参加评审 (wuwei 第十八条) any review stage
    bars: Literal["filing", "review"] = "filing"


@figure
class FalseMaterials(Sanction):
    pass


@figure
class FraudRevocation(Sanction):
    covers_disqualification: bool = False
    credit_system: bool = False


@figure
class PostAwardRevocation(Sanction):
    years: int
    grounds: tuple[Grounds, ...]
    accident_grade: Grade = "general"  # the least grade of accident that revokes ("较大以上")
    # which violations revoke: 严重违法、违规 (most), or any 违法、违纪、违规行为 (daqing 第三十二条)
    violations: Literal["serious", "any"] = "serious"

    def revokes(self, incident, award_day: date) -> bool | None:
        """Does a recorded incident revoke an award of award_day under this article: one of its
        grounds, of the grade it names, inside "N年内" after the award? None: an accident whose
        grade is not recorded, where the article names a grade."""
        ground = "accident" if incident.kind in ("accident", "major_accident") else incident.kind
        if ground not in self.grounds:
            return False
        if not award_day <= incident.date <= years_after(award_day, self.years):
            return False
        if ground != "accident" or self.accident_grade == "general":
            return True
        grade = incident.accident_grade
        if grade is None:
            return None
        return v.GRADES.index(grade) >= v.GRADES.index(self.accident_grade)

    def ground_words(self, ground: str) -> str:
        """A ground in this article's words: the accident grade and the seriousness it sets."""
        if ground == "accident":
            return "发生" + v.accident_name(self.accident_grade)
        if ground == "serious_violation" and self.violations == "any":
            return "违法、违纪、违规行为"
        return v.GROUNDS_NAMES[ground]


# --- duties the records cannot show


@figure
class TitleUse(Figure):
    with_year: bool = False
    not_on_products: bool = False
    # 不得出售、出租证书、奖牌，或者将其用于从事其他营利性活动 (yining 第二十一条, xinjiang 第十八条,
    # wuwei 第十四条)
    no_sale: bool = False


@figure
class RecordsRetention(Figure):
    years: int


@dataclasses.dataclass(frozen=True)
class RuleBook:
    """One ordinance's figures, by rule id; a rule it does not list is unknown. Its dates of force
    are in its content record; `file` is the rulebook file it was read from."""

    ordinance: str
    figures: dict[str, Figure | Silent | Unknown]
    file: str = ""
    record: str = ""  # the id of the rulebook record it was read from

    def figure(self, rule_id: str) -> Figure | Silent | Unknown:
        return self.figures.get(rule_id) or Unknown()

    def stated(self, rule_id: str) -> Figure | None:
        """The figure where the ordinance states one; None where it is silent or not yet known —
        every caller that acts on a figure asks this, never the classes."""
        figure = self.figures.get(rule_id)
        return figure if isinstance(figure, Figure) else None

    def state(self, rule_id: str) -> State:
        figure = self.figure(rule_id)
        if isinstance(figure, Figure):
            return "stated"
        return "silent" if isinstance(figure, Silent) else "unknown"

    def unknown(self) -> list[str]:
        return [r for r, f in self.figures.items() if isinstance(f, Unknown)]
