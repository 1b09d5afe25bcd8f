"""Who may win and how many: quota, applicant type, operating years, clean record."""

from __future__ import annotations

from qaward_site.calendar.workdays import add_years, years_before
from qaward_site.records import Applicant, Record
from qaward_site.rules.context import Context
from qaward_site.rules.params import (
    ApplicantTypes,
    CleanRecord,
    Condition,
    Figure,
    OperatingYears,
    Quota,
)
from qaward_site.rules.registry import rule
from qaward_site.vocabulary import (
    GRADE_NAMES,
    GRADES,
    INCIDENT_NAMES,
    LEVEL_NAMES,
    TYPE_NAMES,
    accident_name,
    names,
)
from qaward_site.vocabulary import cn_date as d


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
    # 原则上: an exception is lawful, and must be publishable; it is said, not refused
    severity = "warning" if f.in_principle else "error"
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
        for at, counted, count, limit in over_quota(f, entries):
            ctx.report(
                record,
                (field, at),
                f"{ctx.cycle.id} {what}{counted} {count} 个，超过"
                f"{ctx.figure.article}规定的每届{soft}{limit}个"
                + (
                    "（原则上的名额：例外须有理由，请在决定中说明）" if soft and not f.types else ""
                ),
                severity=severity,
            )


def over_quota(
    f: Quota, entries: list[tuple[int, str, Applicant | None]]
) -> list[tuple[int, str, int, int]]:
    """Where a list of (position, level, who) goes over the quota: (position of the first one
    over, what is counted, how many, the limit) — by applicant type where the text counts so."""
    over = []
    if f.types:
        for kind, limit in f.types.items():
            hits = [i for i, _lv, who in entries if who is not None and who.type == kind]
            if len(hits) > limit:
                over.append((hits[limit], TYPE_NAMES[kind], len(hits), limit))
        return over
    for level, limit in f.levels.items():
        hits = [i for i, lv, _who in entries if lv == level]
        if limit is not None and len(hits) > limit:
            over.append((hits[limit], LEVEL_NAMES[level], len(hits), limit))
    return over


@rule(
    "applicant-type",
    "申报主体",
    ApplicantTypes,
    lambda f: (
        "可申报："
        + (
            f.applicants
            or "、".join(TYPE_NAMES[t] for t in f.types)
            + ("（含没有自己统一社会信用代码的分支、内设、派出机构）" if f.sub_units else "")
        )
    ),
)
def applicant_type(ctx: Context) -> None:
    for a in ctx.applicants():
        if a.type == "organization" and a.credit_code is None and not ctx.figure.sub_units:
            ctx.report(
                a,
                ("parent_credit_code",),
                f"{a.name}（{a.id}）没有自己的统一社会信用代码：办法未将内设机构、班组等列为申报主体",
            )
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


def _condition_text(c: Condition) -> str:
    kinds = []
    for kind in c.kinds:
        if kind == "accident":
            words = accident_name(c.accident_grade)
            kinds.append(words.replace("事故", "责任事故") if c.liability else words)
        else:
            kinds.append(INCIDENT_NAMES.get(kind, kind))
    window = f"申报通知前{c.years}年内" if c.years else "（不限年限）"
    who = {
        "organization": "",
        "individual": "个人：",
        "top_manager": "个人为组织最高管理者的，其组织",
    }
    return f"{who[c.who]}{window}没有{'、'.join(kinds)}（{c.article}）"


def _describe_clean(f: Figure) -> str:
    return "；".join(_condition_text(c) for c in f.conditions) + (
        "。事故按各条规定的等级起算；申报通知后至表彰前发生的，表彰时已不符合条件"
    )


def _barred(incident, c: Condition) -> bool | None:
    """Does the condition bar this incident? None: an accident whose grade is not recorded,
    where the article bars only some grades."""
    grade = incident.accident_grade
    if grade == "":  # not an accident
        return incident.kind in c.kinds
    if "accident" not in c.kinds and incident.kind not in c.kinds:
        return False
    if c.accident_grade == "general":
        return True
    if grade is None:
        return None
    return GRADES.index(grade) >= GRADES.index(c.accident_grade)


def _roles(a: Applicant) -> set[str]:
    if a.type == "organization":
        return {"organization"}
    return {"individual", "top_manager"} if a.top_manager else {"individual"}


def entered_elsewhere(ctx: Context, a: Applicant):
    """Sanctions another programme's ordinance enters into the credit system (its fraud-revocation
    says so: yining 第二十四条第二款) against the same party before this call: a 失信记录 this
    programme's 无不良信用记录 may bar. The ban itself stays in its own programme."""
    for record in ctx.content.sanctions(a):
        if record.date > ctx.cycle.call_published:
            continue
        other = ctx.content.get(record.applicant, Applicant)
        ordinance = ctx.content.ordinance_of(ctx.content.cycle_of(other))
        if ordinance is None or ordinance.jurisdiction == ctx.ordinance.jurisdiction:
            continue
        book = ctx.books.get(ordinance.id)
        fraud = book.stated("fraud-revocation") if book is not None else None
        covered = record.kind == "revocation" or fraud is not None and fraud.covers_disqualification
        if fraud is not None and fraud.credit_system and record.grounds == "fraud" and covered:
            yield record, ordinance, fraud


def _credit_elsewhere(ctx: Context, a: Applicant, c: Condition) -> None:
    for record, ordinance, fraud in entered_elsewhere(ctx, a):
        ctx.report(
            a,
            ("credit_code",) if a.credit_code else (),
            f"{a.name}（{a.id}）曾因骗取奖励被{ordinance.jurisdiction_name}撤销或取消资格"
            f"（{record.id}，{d(record.date)}），依《{ordinance.title}》{fraud.cite()}记入信用记录："
            "请核对申报时其信用记录是否仍然有效，仍有效的不符合申报条件",
            severity="warning",
            article=c.article,
        )


@rule("clean-record", "无事故与不良记录", CleanRecord, _describe_clean)
def clean_record(ctx: Context) -> None:
    call = ctx.cycle.call_published
    for a in ctx.applicants():
        credit = [c for c in ctx.figure.conditions if "credit_record" in c.kinds]
        if credit and credit[0].who in _roles(a):
            _credit_elsewhere(ctx, a, credit[0])
    awarded = {who.id: (decision, i) for decision, i, _aw, who in ctx.awards()}
    for a in ctx.applicants():
        roles = _roles(a)
        for c in ctx.figure.conditions:
            if c.who not in roles:
                continue
            since = years_before(call, c.years) if c.years else None
            for i, incident in enumerate(a.incidents):
                barred = _barred(incident, c)
                what = INCIDENT_NAMES[incident.kind] + (
                    f"（{GRADE_NAMES[incident.grade]}）" if incident.grade else ""
                )
                if barred is None:
                    ctx.report(
                        a,
                        ("incidents", i),
                        f"{a.name}（{a.id}）于{d(incident.date)}的事故没有记录等级（grade）："
                        f"无法判断是否达到{GRADE_NAMES[c.accident_grade]}以上",
                        severity="warning",
                        article=c.article,
                    )
                elif not barred:
                    continue
                elif since is None and incident.until is not None and incident.until < call:
                    continue  # "无不良信用记录": a record that no longer stood when applying
                elif since is None and incident.may_have_lapsed(call):
                    ctx.report(
                        a,
                        ("incidents", i),
                        f"{a.name}（{a.id}）于{d(incident.date)}的{what}已逾{incident.STANDING_YEARS}年，"
                        "没有记录其是否仍然有效（until）：申报时已修复或不再公示的不影响申报，请核对后记录",
                        severity="warning",
                        article=c.article,
                    )
                elif incident.date <= call and (since is None or since <= incident.date):
                    window = (
                        f"在申报通知（{d(call)}）前{c.years}年内" if c.years else "（不限年限）"
                    )
                    ctx.report(
                        a,
                        ("incidents", i),
                        f"{a.name}（{a.id}）于{d(incident.date)}有{what}，{window}",
                        article=c.article,
                    )
                elif incident.date > call and a.id in awarded:
                    decision, k = awarded[a.id]
                    if incident.date <= decision.date:
                        ctx.report(
                            decision,
                            ("awards", k),
                            f"{a.name}（{a.id}）于{d(incident.date)}有{what}，在申报通知之后、"
                            f"表彰（{d(decision.date)}）之前：表彰时已不符合申报条件",
                            article=c.article,
                        )
