"""Drafts of the records a clerk writes after a notice: a cycle, an objection, a decision, a
revocation. Each computes what the ordinance fixes (due dates in the programme's working days,
prizes, bans, what to recover) and refuses what it forbids, citing the article. The clerk checks
the draft against the papers and completes what only the papers say (names, document numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from qaward_site.calendar.workdays import within_years, years_after
from qaward_site.errors import QawardError
from qaward_site.records import Applicant, Cycle, Notice, Ordinance
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.records.yamlsource import dump_record, read_document
from qaward_site.rules.books import book_of, rulebooks
from qaward_site.rules.catalog.awards import prize_due
from qaward_site.rules.catalog.eligibility import over_quota
from qaward_site.rules.context import Context
from qaward_site.rules.facts import decision_name
from qaward_site.rules.params import RuleBook
from qaward_site.rules.progress import missing_before, objections_on, open_on, steps_of
from qaward_site.vocabulary import (
    GRADE_NAMES,
    GRADES,
    GROUNDS_NAMES,
    NOTICE_STAGES,
    OBJECTION_PARTS,
    PUBLICITY_STAGES,
    STAGE_NAMES,
    cn_date,
    names,
)


@dataclass
class Draft:
    path: Path
    header: list[str]  # comments for the clerk: what was computed, from which article
    record: dict

    @property
    def text(self) -> str:
        return "".join(f"# {line}\n" for line in self.header) + dump_record(self.record)


def _book(content: Content, cycle: Cycle) -> tuple[Ordinance, RuleBook]:
    ordinance = content.ordinance_of(cycle)
    book = book_of(content, ordinance)
    if book is None:
        raise QawardError(f"{cycle.id} 的办法没有可用的规则文件（先运行 qaward check）")
    return ordinance, book


def _next_id(content: Content, stem: str) -> str:
    n = 1
    while f"{stem}-{n:02d}" in content.records:
        n += 1
    return f"{stem}-{n:02d}"


def _cycle(content: Content, cycle_id: str) -> Cycle:
    cycle = content.get(cycle_id, Cycle)
    if cycle is None:
        raise QawardError(f"没有评选届次 {cycle_id}")
    return cycle


def draft_cycle(
    content: Content, ordinance_id: str, year: int, call: date, contact: dict | None
) -> Draft:
    ordinance = content.get(ordinance_id, Ordinance)
    book = rulebooks(content).get(ordinance_id)
    if ordinance is None or book is None:
        raise QawardError(f"没有办法 {ordinance_id}（或它没有可用的规则文件）")
    if not ordinance.in_force_on(call):
        raise QawardError(
            f"申报通知日期 {call} 不在《{ordinance.title}》的施行期内"
            f"（{book.figure('ordinance-in-force').article}）"
        )
    interval = book.stated("cycle-interval")
    cycles = content.cycles(ordinance.jurisdiction)
    for other in cycles:
        if interval and interval.too_close(year, other.year):
            raise QawardError(
                f"{other.id}（{other.year}年）与{year}年相隔不足{interval.years}年："
                f"办法规定每{interval.years}年评选一次（{interval.cite()}）"
            )
    if contact is None:
        if not cycles:
            raise QawardError("这是本办法的第一届：请用 --office、--address、--phone 写明受理单位")
        contact = cycles[-1].office_contact.model_dump(exclude_none=True)
    cycle_id = f"{ordinance.jurisdiction}-{year}"
    if cycle_id in content.records:
        raise QawardError(f"已有记录 {cycle_id}")
    record = {
        "kind": "cycle",
        "id": cycle_id,
        "ordinance": ordinance_id,
        "year": year,
        "call_published": call,
        "title": f"{year}年度{ordinance.award}",
        "office_contact": contact,
    }
    header = [f"由 qaward new cycle 生成：依据《{ordinance.title}》；受理单位取自上一届，请核对"]
    return Draft(content.root / "cycles" / cycle_id / "cycle.yml", header, record)


def draft_objection(
    content: Content,
    notice_id: str,
    applicant_id: str,
    received: date,
    objector_type: str,
    calendars: Calendars,
) -> Draft:
    notice = content.get(notice_id, Notice)
    if notice is None:
        listed = "；".join(f"{n.id}（{n.title}）" for n in content.all(Notice)) or "（没有）"
        raise QawardError(
            f"没有编号为 {notice_id} 的公示（--notice 写公示的编号）。现有的公示：{listed}"
        )
    applicant_id = _listed_applicant(content, notice, applicant_id)
    cycle = content.cycle_of(notice)
    ordinance, book = _book(content, cycle)
    calendar = calendars.of(ordinance)
    form, deadlines = book.stated("objection-form"), book.stated("objection-deadlines")
    record: dict = {
        "kind": "objection",
        "id": _next_id(content, f"{cycle.id}-obj"),
        "notice": notice_id,
        "applicant": applicant_id,
        "received": received,
        "written": True,
        "objector": {"type": objector_type},
        "outcome": "pending",
    }
    header = ["由 qaward new objection 生成：异议人信息不公开，请按异议材料填写 objector"]
    if book.state("objection-form") == "silent":
        header += _no_procedure(ordinance, book)
    if form is not None and objector_type != "anonymous":
        parts = getattr(form, objector_type)
        header.append(f"须具备：{names(parts, OBJECTION_PARTS)}（{form.cite()}）")
    if objector_type == "anonymous" and form is not None and form.anonymous_refused:
        record |= {"outcome": "not_accepted", "decided": received}
        header.append(f"匿名异议不予受理（{form.cite()}）：已记为 not_accepted")
    elif deadlines is not None:
        # each step as if the one before it were taken on its last day
        dates = SimpleNamespace(received=received)
        for step in deadlines.steps():
            due = step.due(dates, calendar)
            setattr(dates, step.field, due)
            if step.counted_from == "received":
                header.append(f"{step.name}期限：{cn_date(due)}（{deadlines.cite()}）")
            else:
                header.append(f"如当天转送，{step.name}期限：{cn_date(due)}（自转送之日起算）")
    path = content.root / Path(cycle.file).parent / "objections" / f"{record['id']}.yml"
    return Draft(path, header, record)


def _decidable(content: Content, cycle: Cycle, ordinance) -> Notice:
    """The proposal notice a decision follows; refused where there is none, or a decision."""
    proposals = [n for n in content.notices(cycle) if n.stage == "proposal_publicity"]
    if not proposals:
        raise QawardError(
            f"{cycle.id} 还没有拟获奖名单公示：先 qaward new notice --stage proposal_publicity"
        )
    if existing := content.decisions(cycle):
        raise QawardError(
            f"{cycle.id} 已有{decision_name(content, ordinance)} {existing[0].id}"
            f"（{content.root / existing[0].file}）：要改动，直接编辑那个文件"
        )
    return proposals[-1]


def _listed_applicant(content: Content, notice: Notice, given: str) -> str:
    """The id of the applicant objected to, given by its id or its exact name, on the notice."""
    listed = [content.get(e.applicant, Applicant) for e in notice.entries]
    listed = [a for a in listed if a is not None]
    for a in listed:
        if given in (a.id, a.name):
            return a.id
    names = "；".join(f"{a.id}（{a.name}）" for a in listed)
    known = content.get(given, Applicant)
    why = (
        f"{given} 不在公示 {notice.id} 的名单上"
        if known
        else f"没有编号或名称为 {given} 的申报者（--applicant 写申报者编号）"
    )
    raise QawardError(f"{why}。公示 {notice.id} 的名单：{names}")


def _no_procedure(ordinance, book) -> list[str]:
    """What an objection record is where the ordinance sets no objection procedure."""
    form = book.figure("objection-form")
    lines = [
        f"《{ordinance.title}》没有规定异议的提出和处理程序：这份记录只登记收到的材料，"
        "没有办法规定的期限可算；处理后照实记下 outcome 与 decided，qaward agenda 会列出待处理的异议",
    ]
    if ordinance.supervision:
        contact = f"（{ordinance.supervision_contact}）" if ordinance.supervision_contact else ""
        lines.append(f"办法规定的监督投诉渠道：{ordinance.supervision}{contact}（{form.article}）")
    return lines


def draft_decision(
    content: Content,
    cycle_id: str,
    day: date | None,
    calendars: Calendars,
    today: date,
    doc_number: str | None = None,
    title: str | None = None,
) -> Draft:
    cycle = _cycle(content, cycle_id)
    ordinance, book = _book(content, cycle)
    notice = _decidable(content, cycle, ordinance)
    day = day or max(today, notice.end + timedelta(days=1))
    if day <= notice.end:
        raise QawardError(f"{decision_name(content, ordinance)}须在公示期结束（{notice.end}）之后")
    header = [f"由 qaward new decision 生成：名单来自 {notice.id}"]
    if not (doc_number and title):
        header.append("请照决定原文补上文号（doc_number）与标题（title）：网站公布决定时须写明")
    ctx = Context(content, cycle, ordinance, rulebooks(content), calendars.of(ordinance), today)
    prize = book.stated("prize")
    effect = book.stated("objection-effect")
    awards, winners = [], []
    for entry in notice.entries:
        applicant = content.get(entry.applicant, Applicant)
        objections = objections_on(ctx, applicant, day)
        open_ = [o.id for o in objections if open_on(o, day)]
        upheld = [
            o.id
            for o in objections
            if o.outcome == "upheld"
            and o.prohibited is not False
            and effect
            and effect.upheld_removes
        ]
        if open_ or upheld:
            why = (
                f"异议 {'、'.join(open_)} 尚未处理完毕"
                if open_
                else f"异议 {'、'.join(upheld)} 查证属实"
            )
            header.append(f"未列入 {entry.applicant}：{why}")
            continue
        if content.disqualifications(applicant):
            header.append(f"未列入 {entry.applicant}：已被取消参评资格")
            continue
        award: dict = {"applicant": entry.applicant, "level": entry.proposed_level}
        if prize is not None:
            award["prize_yuan"] = prize_due(
                ctx,
                prize,
                SimpleNamespace(date=day),
                SimpleNamespace(level=award["level"]),
                applicant,
            )
        awards.append(award)
        winners.append(applicant)
    quota = book.stated("quota")
    listed = [(i, a["level"], w) for i, (a, w) in enumerate(zip(awards, winners, strict=True))]
    for _at, counted, count, limit in over_quota(quota, listed) if quota else []:
        text = f"{counted} {count} 个，超过{quota.cite()}规定的每届{limit}个"
        if not quota.in_principle:
            raise QawardError(text)
        header.append(f"注意：{text}（原则上：例外须在决定中说明理由）")
    record = {
        "kind": "decision",
        "id": f"{cycle_id}-decision",
        "cycle": cycle_id,
        "date": day,
        "awards": awards,
    }
    record |= {k: v for k, v in (("doc_number", doc_number), ("title", title)) if v}
    return Draft(content.root / Path(cycle.file).parent / f"{record['id']}.yml", header, record)


def draft_revocation(
    content: Content,
    applicant_id: str,
    grounds: str,
    day: date,
    event_date: date | None,
    grade: str | None,
    calendars: Calendars,
) -> Draft:
    applicant = content.get(applicant_id, Applicant)
    if applicant is None:
        raise QawardError(f"没有申报者 {applicant_id}")
    cycle = content.cycle_of(applicant)
    ordinance, book = _book(content, cycle)
    ctx = Context(content, cycle, ordinance, rulebooks(content), calendars.of(ordinance), day)
    won = ctx.award_of(applicant)
    if won is None:
        raise QawardError(f"{applicant.name}（{applicant_id}）没有获奖：撤销奖励无从谈起")
    rule = "fraud-revocation" if grounds == "fraud" else "post-award-revocation"
    figure = book.stated(rule)
    if figure is None:
        raise QawardError(f"《{ordinance.title}》没有规定这种撤销")
    header = [
        f"由 qaward new revocation 生成：依据 {figure.cite(grounds)}；请补上 doc_number 与 summary"
    ]
    if rule == "post-award-revocation":
        if grounds not in figure.grounds:
            raise QawardError(
                f"“{GROUNDS_NAMES.get(grounds, grounds)}”不是{figure.cite()}规定的撤销情形"
            )
        if event_date is None:
            raise QawardError("获奖后的撤销须写明事件日期（--event-date）")
        if not within_years(won[0].date, figure.years, event_date):
            raise QawardError(
                f"事件（{event_date}）不在获奖（{won[0].date}）后{figure.years}年内"
                f"（至{years_after(won[0].date, figure.years)}，{figure.cite()}）"
            )
        if grounds == "accident" and figure.accident_grade != "general":
            least = figure.accident_grade
            if grade is None or GRADES.index(grade) < GRADES.index(least):
                raise QawardError(
                    f"{figure.cite()}规定{GRADE_NAMES[least]}以上的事故才撤销奖励"
                    + ("：请用 --grade 写明事故等级" if grade is None else "")
                )
    record: dict = {
        "kind": "revocation",
        "id": _next_id(content, f"{cycle.id}-rev"),
        "applicant": applicant_id,
        "date": day,
        "grounds": grounds,
    }
    if event_date:
        record["event_date"] = event_date
    if grade:
        record["grade"] = grade
    if figure.ban_years:
        record["ban_until"] = years_after(day, figure.ban_years)
        header.append(f"{figure.ban_years}年内不得申报：至{cn_date(record['ban_until'])}（含当日）")
    if figure.recover:
        record["recovered"] = list(figure.recover)
    path = content.root / Path(cycle.file).parent / "revocations" / f"{record['id']}.yml"
    return Draft(path, header, record)


def record_stage(
    content: Content,
    cycle_id: str,
    stage: str,
    results: dict[str, str],
    day: date | None,
    period: tuple[date, date] | None,
) -> list[tuple[Path, dict]]:
    """A review stage's results written into each applicant's `stages` (passed, failed, or
    returned for 补报), in the order the ordinance sets; what the ordinance forbids is refused."""
    cycle = _cycle(content, cycle_id)
    ordinance, book = _book(content, cycle)
    order = book.stated("stage-order")
    if order is not None and stage not in order.sequence:
        raise QawardError(f"《{ordinance.title}》的评审程序没有这一环节：{stage}（{order.cite()}）")
    if stage in NOTICE_STAGES:
        raise QawardError(
            f"{STAGE_NAMES[stage]}由公示记录（一份公示列出全部申报者）：请用 qaward new notice "
            f"--cycle {cycle_id} --stage {stage}"
        )
    if stage in PUBLICITY_STAGES and period is None:
        raise QawardError("公示环节须写明 --start 和 --end")
    entry: dict = {"stage": stage}
    if period:
        entry |= {"start": period[0], "end": period[1]}
    else:
        entry["date"] = day
    out = []
    for applicant_id, result in results.items():
        applicant = content.get(applicant_id, Applicant)
        if applicant is None or applicant.cycle != cycle_id:
            raise QawardError(f"{applicant_id} 不是 {cycle_id} 的申报者")
        if any(s.stage == stage and s.result == "passed" for s in applicant.stages):
            raise QawardError(f"{applicant_id} 已经通过这一环节")
        if order is not None:
            ctx = Context(content, cycle, ordinance, rulebooks(content), None, date.today())
            missing = missing_before(order, applicant, steps_of(ctx, applicant), stage)
            if missing:
                raise QawardError(
                    f"{applicant_id}（{applicant.name}）还没有{STAGE_NAMES[missing[0]]}的记录，"
                    f"按《{ordinance.title}》（{order.cite()}）应先于{STAGE_NAMES[stage]}："
                    + _how_to_record(cycle_id, missing[0])
                )
        doc = read_document(Path(applicant._source))[0]
        record = dict(doc.value)
        record["stages"] = [*record.get("stages", []), {**entry, "result": result}]
        out.append((Path(applicant._source), record))
    return out


def _how_to_record(cycle_id: str, stage: str) -> str:
    """The command that records a missing stage."""
    if stage in NOTICE_STAGES:
        return f"qaward new notice --cycle {cycle_id} --stage {stage}"
    return (
        f"qaward record stage --cycle {cycle_id} --stage {STAGE_NAMES[stage]} --date … --passed …"
    )
