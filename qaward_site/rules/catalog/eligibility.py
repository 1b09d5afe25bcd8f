"""Who may win and how many: quota, applicant type, operating years, clean record."""

from __future__ import annotations

from qaward_site.records import Applicant, Record
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    ApplicantTypes,
    CleanRecord,
    Figure,
    OperatingYears,
    Quota,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    INCIDENT_NAMES,
    LEVEL_NAMES,
    TYPE_NAMES,
    names,
)
from qaward_site.vocabulary import cn_date as d
from qaward_site.workdays import add_years


def _describe_quota(f: Figure) -> str:
    if f.types:
        text = "每届获奖" + "，".join(f"{TYPE_NAMES[t]}不超过{n}个" for t, n in f.types.items())
    else:
        text = "每届" + "，".join(f"{LEVEL_NAMES[lv]}不超过{n}个" for lv, n in f.levels.items())
    if len(f.levels) == 1:
        text += "（只设一个奖项）"
    return ("原则上" if f.in_principle else "") + text


@rule("quota", "获奖名额", Quota, _describe_quota)
def quota(ctx: Context) -> None:
    f = ctx.figure
    soft = "原则上" if f.in_principle else ""
    lists: list[tuple[Record, str, list[tuple[int, str, Applicant | None]]]] = []
    for decision in ctx.content.decisions(ctx.cycle):
        lists.append(
            (
                decision,
                "awards",
                [
                    (i, a.level, ctx.content.get(a.applicant, Applicant))
                    for i, a in enumerate(decision.awards)
                ],
            )
        )
    for notice in ctx.content.notices(ctx.cycle):
        if notice.stage == "proposal_publicity":
            lists.append(
                (
                    notice,
                    "entries",
                    [
                        (i, e.proposed_level, ctx.content.get(e.applicant, Applicant))
                        for i, e in enumerate(notice.entries)
                    ],
                )
            )
    for record, field, entries in lists:
        what = "授予" if field == "awards" else "拟授予"
        for i, level, _who in entries:
            if level not in f.levels:
                ctx.report(
                    record,
                    (field, i, "level"),
                    f"{record.id} {what}{LEVEL_NAMES.get(level, level)}，但办法只设"
                    f"{names(f.levels, LEVEL_NAMES)}",
                )
        if f.types:
            for kind, limit in f.types.items():
                hits = [i for i, _lv, who in entries if who is not None and who.type == kind]
                if len(hits) > limit:
                    ctx.report(
                        record,
                        (field, hits[limit]),
                        f"{ctx.cycle.id} {what}{TYPE_NAMES[kind]} {len(hits)} 个，超过"
                        f"{ctx.figure.article}规定的每届{soft}{limit}个",
                    )
            continue
        for level, limit in f.levels.items():
            hits = [i for i, lv, _who in entries if lv == level]
            if limit is not None and len(hits) > limit:
                ctx.report(
                    record,
                    (field, hits[limit]),
                    f"{ctx.cycle.id} {what}{LEVEL_NAMES[level]} {len(hits)} 个，超过"
                    f"{ctx.figure.article}规定的每届{soft}{limit}个",
                )


@rule(
    "applicant-type",
    "申报主体",
    ApplicantTypes,
    lambda f: "可申报：" + "、".join(TYPE_NAMES[t] for t in f.types),
)
def applicant_type(ctx: Context) -> None:
    for a in ctx.applicants():
        if a.type not in ctx.figure.types:
            ctx.report(
                a,
                ("type",),
                f"{a.name}（{a.id}）以{TYPE_NAMES[a.type]}身份申报，"
                f"但办法只授予{names(ctx.figure.types, TYPE_NAMES)}",
            )


def _describe_operating(f: Figure) -> str:
    text = f"申报通知发布时正常运营满{f.years}年"
    if f.new_economy_years:
        text += f"（新技术、新产业、新业态、新模式领域满{f.new_economy_years}年）"
    if f.legal_person:
        text += "，且具有独立法人资格"
    return text


@rule("operating-years", "运营年限", OperatingYears, _describe_operating)
def operating_years(ctx: Context) -> None:
    f, call = ctx.figure, ctx.cycle.call_published
    for a in ctx.applicants():
        if a.type != "organization":
            continue
        if a.established is None:
            ctx.report(
                a,
                (),
                f"{a.name}（{a.id}）未写明 established（成立日期）：无法核对运营年限",
                severity="warning",
            )
            continue
        years = f.new_economy_years if a.new_economy and f.new_economy_years else f.years
        if add_years(a.established, years) > call:
            ctx.report(
                a,
                ("established",),
                f"{a.name}（{a.id}）成立于{d(a.established)}，到申报通知日{d(call)}"
                f"运营不满{years}年",
            )
        if f.legal_person:
            if a.legal_person is False:
                ctx.report(a, ("legal_person",), f"{a.name}（{a.id}）不具有独立法人资格")
            elif a.legal_person is None:
                ctx.report(
                    a,
                    (),
                    f"{a.name}（{a.id}）未写明 legal_person：无法核对是否具有独立法人资格",
                    severity="warning",
                )


def _describe_clean(f: Figure) -> str:
    text = f"申报通知前{f.years}年内没有：{names(f.kinds, INCIDENT_NAMES)}"
    if f.individual_kinds:
        text += f"；个人：{names(f.individual_kinds, INCIDENT_NAMES)}"
    if f.top_manager_kinds:
        text += f"；个人为组织最高管理者的，其组织没有{names(f.top_manager_kinds, INCIDENT_NAMES)}"
    return text


@rule("clean-record", "无事故与不良记录", CleanRecord, _describe_clean)
def clean_record(ctx: Context) -> None:
    f, call = ctx.figure, ctx.cycle.call_published
    since = add_years(call, -f.years)
    for a in ctx.applicants():
        if a.type == "individual" and f.individual_kinds is not None:
            kinds = set(f.individual_kinds) | (set(f.top_manager_kinds) if a.top_manager else set())
        else:
            kinds = set(f.kinds)
        for i, incident in enumerate(a.incidents):
            if incident.kind in kinds and since <= incident.date <= call:
                part = incident.kind
                if a.type == "individual":
                    part = "top_manager" if incident.kind in f.top_manager_kinds else "individual"
                ctx.report(
                    a,
                    ("incidents", i),
                    f"{a.name}（{a.id}）于{d(incident.date)}有{INCIDENT_NAMES[incident.kind]}，"
                    f"在申报通知（{d(call)}）前{f.years}年内",
                    part=part,
                )
