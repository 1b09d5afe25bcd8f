"""Sanctions: false materials, fraud, revocation after the award, and the bans they carry."""

from __future__ import annotations

from qaward_site.calendar.workdays import years_after
from qaward_site.records import Applicant, Disqualification, Revocation
from qaward_site.rules.catalog.awards import barred_acts, report_barred
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    FalseMaterials,
    Figure,
    FraudRevocation,
    PostAwardRevocation,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    BAN_WORDS,
    GRADE_NAMES,
    GRADES,
    GROUNDS_NAMES,
    INCIDENT_NAMES,
    RECOVER_NAMES,
    RETURN_REASON_NAMES,
    STAGE_NAMES,
    names,
)
from qaward_site.vocabulary import cn_date as d


def ban_years_of(figure: Figure, record: Disqualification | Revocation) -> int:
    if record.serious and figure.serious_ban_years:
        return figure.serious_ban_years
    return figure.ban_years or 0


def _check_sanction(ctx: Context, record: Disqualification | Revocation, figure: Figure) -> None:
    """ban_until as the ordinance sets it; applications inside the ban; the record's own cycle
    reports the first, each later cycle the second."""
    applicant = ctx.content.get(record.applicant, Applicant)
    if applicant is None:
        return
    years = ban_years_of(figure, record)
    own_cycle = applicant.cycle == ctx.cycle.id
    if own_cycle and record.ban_until is not None:
        if not years:
            ctx.report(
                record,
                ("ban_until",),
                f"{record.id} 记有禁止申报期限至{d(record.ban_until)}，但办法对此情形未规定禁止期",
            )
        elif record.ban_until != years_after(record.date, years):
            ctx.report(
                record,
                ("ban_until",),
                f"{record.id} 的禁止申报期限记为至{d(record.ban_until)}，"
                f"办法规定{years}年内不予受理，应至{d(years_after(record.date, years))}（含当日）",
            )
    if years:
        for a, until, act in barred_acts(ctx, applicant, record.date, years, figure.bars):
            why = f"因 {record.id}（{d(record.date)}）"
            report_barred(ctx, a, act, figure.bars, why, until)


def _sanctions(ctx: Context, kind: type, grounds: tuple[str, ...]):
    """(record, figure of the ordinance it was decided under) for the programme's sanctions."""
    cycles = {c.id: c for c in ctx.programme_cycles()}
    for record in ctx.content.all(kind):
        applicant = ctx.content.get(record.applicant, Applicant)
        cycle = cycles.get(applicant.cycle) if applicant else None
        book = ctx.book_for(cycle) if cycle else None
        if book is not None and record.grounds in grounds:
            yield record, book.stated(ctx.rule_id)


def _describe_false(f: Figure) -> str:
    text = "隐瞒有关情况或提供虚假材料的，取消当年参评资格"
    if f.ban_years:
        text += f"，{f.ban_years}年内不予受理其申报"
    if f.serious_ban_years:
        text += f"；情节严重的，{f.serious_ban_years}年内不得申报"
    return text


@rule("false-materials", "虚假材料", FalseMaterials, _describe_false)
def false_materials(ctx: Context) -> None:
    for record, figure in _sanctions(ctx, Disqualification, ("false_materials", "fraud")):
        if figure is not None:
            _check_sanction(ctx, record, figure)
    _returned_untrue(ctx)


def _returned_untrue(ctx: Context) -> None:
    """A stage returned for untrue materials or fraud ends the applicant's year, and the
    ordinance's sanction for false materials applies: its disqualification is recorded."""
    for a in ctx.applicants():
        for i, s in enumerate(a.stages):
            if s.result == "returned" and s.reason in ("untrue", "fraud"):
                if not ctx.content.disqualifications(a):
                    ctx.report(
                        a,
                        ("stages", i, "reason"),
                        f"{a.name}（{a.id}）的{STAGE_NAMES[s.stage]}因{RETURN_REASON_NAMES[s.reason]}"
                        f"被退回（{d(s.first_day)}），当年不得补报；办法对提供虚假材料、弄虚作假"
                        "规定了取消参评资格和禁止申报期，请记录取消资格的决定（disqualification）",
                        severity="warning",
                    )
                break


def _recovery(ctx: Context, record: Revocation, figure: Figure) -> None:
    applicant = ctx.content.get(record.applicant, Applicant)
    if applicant is None or applicant.cycle != ctx.cycle.id:
        return
    won = ctx.award_of(applicant)
    if won is None:
        ctx.report(
            record,
            ("applicant",),
            f"{record.id} 撤销 {applicant.name}（{applicant.id}）的奖励，但其没有获奖",
        )
        return
    needed = [
        item for item in figure.recover if item != "prize_money" or (won[1].prize_yuan or 0) > 0
    ]
    missing = [item for item in needed if item not in record.recovered]
    if missing:
        ctx.report(
            record,
            ("recovered",),
            f"{record.id} 未记录收回{names(missing, RECOVER_NAMES)}，"
            f"办法规定收回{names(needed, RECOVER_NAMES)}",
        )


def _describe_fraud(f: Figure) -> str:
    text = "以欺骗、贿赂等不正当手段获奖的，撤销奖励"
    if f.recover:
        text += f"，收回{names(f.recover, RECOVER_NAMES)}"
    if f.ban_years:
        text += f"，{f.ban_years}年内不予受理其申报"
    if f.serious_ban_years:
        text += f"；情节严重的，{f.serious_ban_years}年内不得申报"
    if f.covers_disqualification:
        text += "；尚未获奖的，取消参评资格，同样适用禁止期"
    return text


@rule("fraud-revocation", "骗取奖励的撤销", FraudRevocation, _describe_fraud)
def fraud_revocation(ctx: Context) -> None:
    for record, figure in _sanctions(ctx, Revocation, ("fraud",)):
        if figure is not None:
            _recovery(ctx, record, figure)
            _check_sanction(ctx, record, figure)
    if ctx.figure.covers_disqualification:
        for record, figure in _sanctions(ctx, Disqualification, ("false_materials", "fraud")):
            if figure is not None:
                _check_sanction(ctx, record, figure)
        _returned_untrue(ctx)


def _accident_grade(ctx: Context, record: Revocation, f: PostAwardRevocation) -> None:
    """An accident revokes from the grade the article names up (panzhihua 第二十七条: 较大以上)."""
    if record.grounds != "accident" or f.accident_grade == "general":
        return
    least = GRADE_NAMES[f.accident_grade]
    if record.grade is None:
        ctx.report(
            record,
            ("grounds",),
            f"{record.id} 以事故撤销奖励，但没有记录事故等级（grade）：办法规定{least}以上的事故才撤销",
            severity="warning",
        )
    elif GRADES.index(record.grade) < GRADES.index(f.accident_grade):
        ctx.report(
            record,
            ("grade",),
            f"{record.id} 的事故为{GRADE_NAMES[record.grade]}事故，办法规定{least}以上的事故才撤销奖励",
        )


def _describe_post(f: Figure) -> str:
    text = f"获奖后{f.years}年内有下列情形之一的，撤销奖励：" + "、".join(
        f.ground_words(g) for g in f.grounds
    )
    if f.recover:
        text += f"，收回{names(f.recover, RECOVER_NAMES)}"
    if f.ban_years:
        text += f"，{f.ban_years}年内{BAN_WORDS[f.bars]}"
    return text


@rule("post-award-revocation", "获奖后的撤销", PostAwardRevocation, _describe_post)
def post_award_revocation(ctx: Context) -> None:
    f = ctx.figure
    grounds = tuple(g for g in GROUNDS_NAMES if g not in ("fraud",))
    for record, figure in _sanctions(ctx, Revocation, grounds):
        if figure is None:
            continue
        applicant = ctx.content.get(record.applicant, Applicant)
        if record.event_date is not None and record.date < record.event_date:
            ctx.report(
                record,
                ("date",),
                f"{record.id} 的撤销决定（{d(record.date)}）早于引起撤销的事件"
                f"（{d(record.event_date)}）：请核对两个日期",
            )
        if applicant is not None and applicant.cycle == ctx.cycle.id:
            if record.grounds not in f.grounds:
                ctx.report(
                    record,
                    ("grounds",),
                    f"{record.id} 以“{GROUNDS_NAMES[record.grounds]}”撤销奖励，"
                    f"但办法规定的撤销情形是：{'、'.join(f.ground_words(g) for g in f.grounds)}",
                )
            _accident_grade(ctx, record, f)
            won = ctx.award_of(applicant)
            if won is None:
                _recovery(ctx, record, f)
                continue
            award_day = won[0].date
            if record.event_date is None:
                ctx.report(
                    record,
                    (),
                    f"{record.id} 没有记录事件日期（event_date），无法核对是否在获奖后"
                    f"{f.years}年内",
                )
            elif not award_day <= record.event_date <= years_after(award_day, f.years):
                ctx.report(
                    record,
                    ("event_date",),
                    f"{record.id} 的事件发生于{d(record.event_date)}，"
                    f"不在获奖（{d(award_day)}）后{f.years}年内",
                    part=record.grounds,
                )
            _recovery(ctx, record, f)
        _check_sanction(ctx, record, figure)
    for applicant, i, incident in unrevoked(ctx.content, ctx.awards(), f):
        ctx.report(
            applicant,
            ("incidents", i),
            f"{applicant.name}（{applicant.id}）获奖后于{d(incident.date)}发生"
            f"{INCIDENT_NAMES[incident.kind]}，属于办法规定的撤销情形，但没有撤销决定：请依照"
            "办法报请撤销，或在记录中写明不予撤销的理由",
            severity="warning",
            part="accident" if "accident" in incident.kind else incident.kind,
        )


def unrevoked(content, awards, f: PostAwardRevocation):
    """The winners' recorded incidents that revoke their award under this article, inside its
    window, where no revocation is recorded: (applicant, index, incident). The check warns, and
    the agenda lists them."""
    for decision, _i, _award, winner in awards:
        if content.revocations(winner):
            continue
        for i, incident in enumerate(winner.incidents):
            if f.revokes(incident, decision.date):
                yield winner, i, incident
