"""Winners: reapplication after an award, prize money."""

from __future__ import annotations

from datetime import date

from qaward_site.calendar.workdays import years_after
from qaward_site.records import Applicant, same_party
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    Figure,
    Prize,
    Reapplication,
)
from qaward_site.rules.progress import steps_of
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    BARRED_ACT_NAMES,
    LEVEL_NAMES,
    REVIEW_STAGES,
    names,
)
from qaward_site.vocabulary import cn_date as d


def barred_acts(ctx: Context, applicant: Applicant, start: date, years: int, bars: str = "filing"):
    """This cycle's applications by the same party that fall inside "N年内" after start, judged
    on the act the ban bars: (application, the ban's last day, the day of the act or None where
    the records show no such act — then the call stands in for it, and the caller only warns)."""
    until = years_after(start, years)
    for a in ctx.applicants():
        if a.cycle == applicant.cycle or not same_party(a, applicant):
            continue
        act = act_day(ctx, a, bars)
        day = act if act is not None else ctx.cycle.call_published
        if start < day <= until:
            yield a, until, act


def act_day(ctx: Context, applicant: Applicant, bars: str) -> date | None:
    """The day of the act a ban bars: the filing is the applicant's first recorded step, a
    review its first review stage."""
    steps = steps_of(ctx, applicant)
    if bars == "review":
        steps = [s for s in steps if s.code in REVIEW_STAGES]
    return min((s.first for s in steps), default=None)


def report_barred(ctx: Context, a: Applicant, act: date | None, bars: str, why: str, until: date):
    """An act inside a ban is an error; where the records do not show the act, the call date
    stands in for it, as a warning to verify."""
    what = BARRED_ACT_NAMES[bars]
    if act is not None:
        ctx.report(
            a,
            ("cycle",),
            f"{a.name}（{a.id}）于{d(act)}{what}，但{why}，至{d(until)}（含当日）不得{what}",
        )
    else:
        ctx.report(
            a,
            ("cycle",),
            f"{a.name}（{a.id}）{why}，至{d(until)}（含当日）不得{what}；记录中没有其{what}的日期，"
            f"按申报通知日期（{d(ctx.cycle.call_published)}）判断，请核对",
            severity="warning",
        )


@rule(
    "reapplication",
    "再次申报",
    Reapplication,
    lambda f: (
        f"{names(f.levels, LEVEL_NAMES)}获奖者获奖后{f.years}年内不得再次申报"
        + ("（奖项有效期" + str(f.validity_years) + "年）" if f.validity_years else "")
    ),
)
def reapplication(ctx: Context) -> None:
    f = ctx.figure
    for decision, _i, award, winner in ctx.programme_awards():
        if award.level not in f.levels or decision.date >= ctx.cycle.call_published:
            continue
        for a, until, act in barred_acts(ctx, winner, decision.date, f.years):
            why = f"其于{d(decision.date)}获得{LEVEL_NAMES[award.level]}（{decision.id}）"
            report_barred(ctx, a, act, "filing", why, until)


def _describe_prize(f: Figure) -> str:
    parts = [
        f"{LEVEL_NAMES[lv]}{n // 10000}万元" if n else f"{LEVEL_NAMES[lv]}不发奖金"
        for lv, n in f.amounts.items()
    ]
    if f.repeat_award is not None:
        parts.append("再次获得质量奖的不再颁发奖金")
    return "；".join(parts)


def prize_due(ctx: Context, figure: Figure, decision, award, winner: Applicant) -> int:
    """The prize the ordinance sets for this award (0 where it sets none)."""
    amount = figure.amounts.get(award.level, 0) or 0
    if award.level == "award" and figure.repeat_award is not None:
        earlier = [
            dec
            for dec, _i, aw, who in ctx.programme_awards()
            if aw.level == "award" and dec.date < decision.date and same_party(who, winner)
        ]
        if earlier:
            amount = figure.repeat_award
    return amount


@rule("prize", "奖金", Prize, _describe_prize)
def prize(ctx: Context) -> None:
    for decision, i, award, a in ctx.awards():
        due = prize_due(ctx, ctx.figure, decision, award, a)
        if award.prize_yuan is None:
            if due:
                ctx.report(
                    decision,
                    ("awards", i),
                    f"{a.name}（{a.id}）没有记录奖金（prize_yuan），办法规定{due}元",
                    severity="warning",
                )
        elif award.prize_yuan != due:
            ctx.report(
                decision,
                ("awards", i, "prize_yuan"),
                f"{a.name}（{a.id}）的奖金记为{award.prize_yuan}元，办法规定{due}元",
            )
