"""Force and rhythm: the ordinance in force on the call, the interval between cycles."""

from __future__ import annotations

from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    CycleInterval,
    InForce,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import cn_date as d


@rule("ordinance-in-force", "办法的施行期", InForce, lambda f: "申报通知的日期须在办法施行期内")
def ordinance_in_force(ctx: Context) -> None:
    o, call = ctx.ordinance, ctx.cycle.call_published
    for decision in ctx.content.decisions(ctx.cycle):
        if o.expires is not None and decision.date > o.expires:
            ctx.report(
                decision,
                ("date",),
                f"{decision.id}（{d(decision.date)}）作出时《{o.title}》已于{d(o.expires)}失效："
                "请核对依据的办法（已开始的评选按哪部办法完成，以新办法或过渡规定为准）",
                severity="warning",
            )
    if o.in_force_on(call):
        return
    span = f"{d(o.effective)}起" + (f"至{d(o.expires)}" if o.expires else "")
    in_force = [
        other.id
        for other in ctx.content.all(type(o))
        if other.jurisdiction == o.jurisdiction and other.in_force_on(call)
    ]
    hint = f"；当日施行的是 {', '.join(in_force)}" if in_force else ""
    ctx.report(
        ctx.cycle,
        ("call_published",),
        f"{ctx.cycle.id} 的申报通知日期 {d(call)} 不在 {o.id} 的施行期（{span}）内{hint}",
    )


@rule("cycle-interval", "评选周期", CycleInterval, lambda f: f"每{f.years}年评选一次")
def cycle_interval(ctx: Context) -> None:
    years = ctx.figure.years
    for other in ctx.programme_cycles():
        # each pair is reported once, on the later cycle
        earlier = (other.year, other.id) < (ctx.cycle.year, ctx.cycle.id)
        if earlier and ctx.figure.too_close(ctx.cycle.year, other.year):
            ctx.report(
                ctx.cycle,
                ("year",),
                f"{ctx.cycle.id}（{ctx.cycle.year}年）与 {other.id}（{other.year}年）"
                f"相隔不足{years}年：办法规定每{years}年评选一次",
            )
