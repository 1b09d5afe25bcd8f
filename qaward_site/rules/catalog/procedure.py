"""The procedure: publicity periods, the order of stages, the decision after publicity."""

from __future__ import annotations

from datetime import date

from qaward_site.errors import CalendarGap
from qaward_site.records import Applicant, Record
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    DecisionAfterPublicity,
    Figure,
    PublicityPeriod,
    StageOrder,
)
from qaward_site.rules.progress import (
    Step,
    objections_on,
    open_on,
    steps_of,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    LEVEL_NAMES,
    PUBLICITY_STAGES,
    RETURN_REASON_NAMES,
    STAGE_NAMES,
    UNIT_NAMES,
    names,
)
from qaward_site.vocabulary import cn_date as d


def _describe_periods(f: Figure) -> str:
    return "；".join(f"{STAGE_NAMES[s]}{f.requirement(s)}" for s in f.stages)


@rule("publicity-period", "公示期", PublicityPeriod, _describe_periods)
def publicity_period(ctx: Context) -> None:
    f = ctx.figure
    seen: set[tuple[str, tuple]] = set()
    items: list[tuple[str, date, date, Record, tuple]] = []
    for notice in ctx.content.notices(ctx.cycle):
        items.append((notice.stage, notice.start, notice.end, notice, ("end",)))
    for a in ctx.applicants():
        for i, s in enumerate(a.stages):
            if s.stage in PUBLICITY_STAGES:
                items.append((s.stage, s.start, s.end, a, ("stages", i, "end")))
    for code, start, end, record, path in items:
        need = f.stages.get(code)
        if need is None or (record.id, path) in seen:
            continue
        seen.add((record.id, path))
        with ctx.counting_days(record, path, part=code, pending=end >= ctx.today):
            if f.unit == "workdays" and ctx.calendar.count_known_workdays(start, end) >= need:
                continue  # enough working days in the years known: lawful whatever the rest
            have, unit = f.count(start, end, ctx.calendar), UNIT_NAMES[f.unit]
            where = f"{record.id} 的{STAGE_NAMES[code]}（{d(start)}至{d(end)}）"
            if have < need:
                ctx.report(
                    record,
                    path,
                    f"{where}只有{have}{unit}，少于{f.cite(code)}规定的{need}{unit}："
                    f"从{d(start)}开始，最早可在{d(f.earliest_end(code, start, ctx.calendar))}结束",
                    part=code,
                )
            elif have > need and f.exact:
                ctx.report(
                    record,
                    path,
                    f"{where}为{have}{unit}，{f.cite(code)}规定公示期为{need}{unit}",
                    part=code,
                    severity="warning",
                )


@rule(
    "stage-order",
    "评审程序",
    StageOrder,
    lambda f: " → ".join(
        STAGE_NAMES[s] + ("（如有）" if s in f.optional else "") for s in f.sequence
    ),
)
def stage_order(ctx: Context) -> None:
    f = ctx.figure
    order = {code: i for i, code in enumerate(f.sequence)}
    call = ctx.cycle.call_published
    for notice in ctx.content.notices(ctx.cycle):
        if notice.stage not in order:
            ctx.report(
                notice,
                ("stage",),
                f"{notice.id} 是{STAGE_NAMES[notice.stage]}，但办法的评审程序没有这一环节",
            )
        if notice.start < call:
            ctx.report(notice, ("start",), f"{notice.id} 在申报通知（{d(call)}）之前开始")
        _on_a_rest_day(ctx, notice, Step(notice.stage, notice.start, notice.end, "passed", notice, ("start",)))
    proposal = order.get("proposal_publicity")
    for a in ctx.applicants():
        steps = steps_of(ctx, a)
        for s in steps:
            if s.code not in order and s.record is a:
                ctx.report(
                    a,
                    (*s.path, "stage"),
                    f"{a.id} 记有{STAGE_NAMES[s.code]}，但办法的评审程序没有这一环节",
                )
            if s.record is a and s.code not in PUBLICITY_STAGES:
                _on_a_rest_day(ctx, a, s)
            if s.first < call and s.record is a:
                ctx.report(
                    a,
                    s.path,
                    f"{a.id} 的{STAGE_NAMES[s.code]}（{d(s.first)}）早于申报通知（{d(call)}）",
                )
            if a.type == "individual" and s.code in f.organisations_only:
                ctx.report(
                    s.record,
                    s.path,
                    f"{a.name}（{a.id}）是个人，办法对个人不组织{STAGE_NAMES[s.code]}",
                    part=s.code,
                )
        known = sorted(
            (s for s in steps if s.code in order), key=lambda s: (order[s.code], s.first)
        )
        _in_sequence(ctx, a, known)
        on_proposal = [s for s in steps if s.code == "proposal_publicity"]
        if proposal is None or not on_proposal:
            continue
        done = {s.code for s in steps if s.result == "passed"}
        skip = set(f.organisations_only) if a.type == "individual" else set()
        skip |= set(f.optional)
        missing = [c for c in f.sequence[:proposal] if c not in done and c not in skip]
        if missing:
            s = on_proposal[0]
            ctx.report(
                s.record,
                s.path,
                f"{a.name}（{a.id}）列入拟获奖名单，但没有记录通过：{names(missing, STAGE_NAMES)}",
            )


def _on_a_rest_day(ctx: Context, record: Record, s: Step) -> None:
    """A review held, or a notice begun, on a rest day is lawful but unusual: likely a typo. Said
    only where the day's arrangement is known and official (never on a guess)."""
    try:
        if ctx.calendar.guessed(s.first.year) or ctx.calendar.is_workday(s.first):
            return
    except CalendarGap:
        return
    what = "开始" if s.code in PUBLICITY_STAGES else "的日期"
    ctx.report(
        record,
        s.path,
        f"{record.id} 的{STAGE_NAMES[s.code]}{what}（{d(s.first)}）是休息日：请核对日期",
        severity="warning",
    )


def _in_sequence(ctx: Context, a: Applicant, known: list[Step]) -> None:
    """Each recorded stage after the one the ordinance puts before it; a stage repeated only
    after a return for incomplete materials (补报); none after a stage not passed."""
    for before, after in zip(known, known[1:], strict=False):
        if before.code == after.code:
            if before.result == "returned" and not before.ends_the_year:
                continue  # 补报 / 补充完善: incomplete materials sent back and resubmitted
            if before.ends_the_year:
                ctx.report(
                    after.record,
                    after.path,
                    f"{a.id} 的{STAGE_NAMES[before.code]}因{RETURN_REASON_NAMES[before.reason]}"
                    f"被退回（{d(before.first)}），当年不得补报：只有资料不完整的可以补报",
                )
                continue
            ctx.report(
                after.record,
                after.path,
                f"{a.id} 已经过{STAGE_NAMES[before.code]}（{before.record.id}，"
                f"{d(before.first)}），同一环节不应重复",
            )
            continue
        strictly = before.code in PUBLICITY_STAGES
        if after.first < before.last or (strictly and after.first == before.last):
            ctx.report(
                after.record,
                after.path,
                f"{a.id} 的{STAGE_NAMES[after.code]}（{d(after.first)}）不在"
                f"{STAGE_NAMES[before.code]}（{'结束于' if strictly else ''}{d(before.last)}）"
                f"之后：办法规定的顺序是先{STAGE_NAMES[before.code]}后{STAGE_NAMES[after.code]}",
            )
        if before.result != "passed" and after.first >= before.last:
            ctx.report(
                after.record,
                after.path,
                f"{a.id} 未通过{STAGE_NAMES[before.code]}（{d(before.last)}），"
                f"却进入了{STAGE_NAMES[after.code]}",
            )


@rule(
    "decision-after-publicity",
    "公示后表彰",
    DecisionAfterPublicity,
    lambda f: (
        f"只{f.form}列入拟获奖名单公示、公示期满的申报者，奖项与公示一致，决定日期在公示结束之后"
    ),
)
def decision_after_publicity(ctx: Context) -> None:
    proposals = [n for n in ctx.content.notices(ctx.cycle) if n.stage == "proposal_publicity"]
    for decision in ctx.content.decisions(ctx.cycle):
        unwritten = [w for w, v in (("文号", decision.doc_number), ("标题", decision.title)) if not v]
        if unwritten:
            ctx.report(
                decision,
                (),
                f"{decision.id} 没有{'和'.join(unwritten)}：网站公布决定时须写明，"
                f"请照决定原文补上（{'doc_number' if not decision.doc_number else 'title'}）",
                severity="warning",
            )
    for n in ctx.content.notices(ctx.cycle):
        for o in ctx.content.objections(n):
            if o.outcome != "pending" and o.decided is None:
                ctx.report(
                    o,
                    ("outcome",),
                    f"{o.id} 记有处理结果，但没有记录作出认定的日期（decided）：无法核对异议是否"
                    "在表彰之前处理完毕，请补上",
                    severity="warning",
                )
    for decision, i, award, a in ctx.awards():
        listed = [(n, e) for n in proposals for e in n.entries if e.applicant == a.id]
        if not listed:
            ctx.report(
                decision,
                ("awards", i),
                f"{decision.id} 表彰 {a.name}（{a.id}），但其未列入本届拟获奖名单公示",
            )
            continue
        notice, entry = listed[-1]
        if notice.end >= decision.date:
            ctx.report(
                decision,
                ("date",),
                f"{decision.id} 的日期 {d(decision.date)} 不在"
                f"{notice.id} 公示期结束（{d(notice.end)}）之后",
            )
        if entry.proposed_level != award.level:
            ctx.report(
                decision,
                ("awards", i, "level"),
                f"{a.name}（{a.id}）公示为{LEVEL_NAMES[entry.proposed_level]}，"
                f"决定授予{LEVEL_NAMES[award.level]}",
            )
        for o in objections_on(ctx, a, decision.date):
            if open_on(o, decision.date):
                ctx.report(
                    decision,
                    ("awards", i),
                    f"{a.name}（{a.id}）的异议 {o.id} 在表彰（{d(decision.date)}）时尚未处理完毕"
                    + (f"（{d(o.decided)}才作出认定）" if o.decided else "")
                    + "：公示无异议或异议经认定后方可表彰",
                )
        for dq in ctx.content.disqualifications(a):
            if dq.date <= decision.date:
                ctx.report(
                    decision,
                    ("awards", i),
                    f"{a.name}（{a.id}）已于{d(dq.date)}被取消参评资格（{dq.id}），不能获奖",
                )
