"""Objections: their form, the handling deadlines, their effect on the applicant."""

from __future__ import annotations

from datetime import date

from qaward_site.records import Objection
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    Figure,
    ObjectionDeadlines,
    ObjectionEffect,
    ObjectionForm,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    OBJECTION_PARTS,
    names,
)
from qaward_site.vocabulary import cn_date as d


def _objections(ctx: Context) -> list[Objection]:
    return [o for n in ctx.content.notices(ctx.cycle) for o in ctx.content.objections(n)]


def _describe_form(f: Figure) -> str:
    text = "书面提出" if f.written else ""
    text += f"；个人：{names(f.individual, OBJECTION_PARTS)}；单位：{names(f.organization, OBJECTION_PARTS)}"
    if f.anonymous_refused:
        text += "；匿名异议不予受理"
    return text


@rule("objection-form", "异议的形式", ObjectionForm, _describe_form)
def objection_form(ctx: Context) -> None:
    f = ctx.figure
    for o in _objections(ctx):
        handled_as_valid = o.outcome not in ("not_accepted", "withdrawn")
        if o.objector.type == "anonymous":
            if handled_as_valid:
                refused = "匿名异议不予受理" if f.anonymous_refused else "异议须署名"
                ctx.report(
                    o,
                    ("outcome",),
                    f"{o.id} 是匿名异议，却按有效异议处理（{o.outcome}）：{refused}",
                )
            continue
        if not handled_as_valid:
            continue
        # the record contract has the objector's name, ID number, phone, address and seal; what
        # this project added (written, signed, identity_proof) may be unrecorded: absent is a
        # reminder to record it, an explicit false the defect
        missing, unrecorded = [], []
        if f.written and o.written is not True:
            (missing if o.written is False else unrecorded).append(("written", "书面材料"))
        objector = o.objector
        for part in getattr(f, objector.type, ()):
            if part == "contact":
                present = bool(objector.phone or objector.address)
            else:
                present = getattr(objector, part)
            if part in ADDED_PARTS and present is None:
                unrecorded.append((part, OBJECTION_PARTS[part]))
            elif not present:
                missing.append((part, OBJECTION_PARTS[part]))
        if unrecorded:
            ctx.report(
                o,
                ("objector",),
                f"{o.id} 没有记录是否具备{'、'.join(w for _p, w in unrecorded)}"
                f"（{', '.join(p for p, _w in unrecorded)}）：请核对异议材料后记录",
                severity="warning",
            )
        missing = [w for _p, w in missing]
        if missing:
            ctx.report(
                o,
                ("objector",),
                f"{o.id} 缺少{'、'.join(missing)}，不是办法规定形式的异议，"
                f"却按有效异议处理（{o.outcome}）",
            )


ADDED_PARTS = {"signed", "identity_proof"}  # objector fields beyond the record contract


def _describe_deadlines(f: Figure) -> str:
    if f.accept_workdays:
        return f"收到书面异议材料后{f.accept_workdays}个工作日内作出受理审查" + (
            "，受理的出具书面凭证" if f.receipt else ""
        )
    return (
        f"收到异议材料之日起{f.forward_workdays}个工作日内转送审核推荐单位；"
        f"审核推荐单位{f.report_workdays}个工作日内书面报告调查情况（办法未写起算日：自转送之日"
        "起算，转送当日不计入——审核推荐单位收到转送材料的日期不在记录中）"
    )


@rule("objection-deadlines", "异议处理时限", ObjectionDeadlines, _describe_deadlines)
def objection_deadlines(ctx: Context) -> None:
    f = ctx.figure
    for o in _objections(ctx):
        if o.outcome == "withdrawn":
            continue
        for step in f.steps():
            done = getattr(o, step.field)
            if o.outcome == "not_accepted":
                if step.field != "accepted":
                    continue  # refused at acceptance: nothing is forwarded
                done = done or o.decided
            if getattr(o, step.counted_from) is None:
                continue
            with ctx.counting_days(o, (step.counted_from,), pending=done is None):
                _deadline(ctx, o, step.field, step.name, done, step.due(o, ctx.calendar))
        if f.receipt and o.accepted and o.receipt is None:
            # receipt is a field this project added: unrecorded is a reminder, not a defect
            ctx.report(
                o,
                ("accepted",),
                f"{o.id} 已受理，但没有记录出具书面凭证的日期（receipt）：请核对后记录",
                severity="warning",
            )


def _deadline(ctx: Context, o: Objection, field: str, what: str, done: date | None, due: date):
    if done is not None and done > due:
        ctx.report(o, (field,), f"{o.id} 的{what}在{d(done)}，超过期限{d(due)}")
    elif done is None and ctx.today > due:
        ctx.report(
            o, (), f"{o.id} 没有记录{what}的日期（{field}），期限{d(due)}已过", severity="warning"
        )


@rule(
    "objection-effect",
    "异议的效力",
    ObjectionEffect,
    lambda f: (
        "异议审查期间申报者继续参加评审；异议查证属实且属于禁止性条件的，取消参评资格"
        if f.stays_in_review
        else "异议查证属实的，由联席会议审查决定；候选者未按时提供证明材料的，视为承认异议"
    ),
)
def objection_effect(ctx: Context) -> None:
    if not ctx.figure.upheld_removes:
        return  # the text leaves the consequence to a body's decision (daqing 第二十四条)
    for o in _objections(ctx):
        if o.outcome != "upheld" or o.prohibited is False:
            continue
        for decision, i, _award, a in ctx.awards():
            if a.id == o.applicant:
                ctx.report(
                    decision,
                    ("awards", i),
                    f"{a.name}（{a.id}）的异议 {o.id} 查证属实，应取消其参评资格，却获得表彰",
                )
