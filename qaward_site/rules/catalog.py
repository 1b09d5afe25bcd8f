"""The rules of rules.md, one function per rule id. Figures come from the ordinance's module;
no number of any ordinance is written here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from qaward_site.records import (
    GROUNDS_NAMES,
    LEVEL_NAMES,
    PUBLICITY_STAGES,
    STAGE_NAMES,
    Applicant,
    Disqualification,
    Objection,
    Record,
    Revocation,
)
from qaward_site.rules.engine import Context, duty, rule
from qaward_site.rules.figures import Figure, Silent
from qaward_site.workdays import add_years

TYPE_NAMES = {"organization": "组织", "individual": "个人"}
INCIDENT_NAMES = {
    "major_accident": "重大质量、安全、环保等事故",
    "serious_violation": "违法违规行为",
    "credit_record": "不良信用记录",
    "failed_inspection": "质量抽检不合格",
    "major_complaint": "重大质量投诉",
    "severe_loss": "严重经营性亏损",
}
RECOVER_NAMES = {"certificate": "证书", "plaque": "奖牌", "prize_money": "奖金"}
OBJECTION_PARTS = {
    "name": "署名",
    "signed": "本人签名",
    "id_number": "身份证号码",
    "phone": "联系电话",
    "address": "通讯地址（住所）",
    "contact": "联系方式",
    "identity_proof": "身份证明",
    "sealed": "单位公章",
}


def d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def names(codes, table) -> str:
    return "、".join(table.get(c, c) for c in codes)


# ------------------------------------------------------------------ force and rhythm


@rule("ordinance-in-force", "办法的施行期", lambda f: "申报通知的日期须在办法施行期内")
def ordinance_in_force(ctx: Context) -> None:
    o, call = ctx.ordinance, ctx.cycle.call_published
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


@rule("cycle-interval", "评选周期", lambda f: f"每{f.years}年评选一次")
def cycle_interval(ctx: Context) -> None:
    years = ctx.figure.years
    for other in ctx.programme_cycles():
        if (
            other.id != ctx.cycle.id
            and other.year <= ctx.cycle.year
            and (ctx.cycle.year - other.year < years)
            and (other.year, other.id) < (ctx.cycle.year, ctx.cycle.id)
        ):
            ctx.report(
                ctx.cycle,
                ("year",),
                f"{ctx.cycle.id}（{ctx.cycle.year}年）与 {other.id}（{other.year}年）"
                f"相隔不足{years}年：办法规定每{years}年评选一次",
            )


# ------------------------------------------------------------------ who may win, how many


def _describe_quota(f: Figure) -> str:
    if f.get("types"):
        text = "每届获奖" + "，".join(f"{TYPE_NAMES[t]}不超过{n}个" for t, n in f.types.items())
    else:
        text = "每届" + "，".join(f"{LEVEL_NAMES[lv]}不超过{n}个" for lv, n in f.levels.items())
    if len(f.levels) == 1:
        text += "（只设一个奖项）"
    return ("原则上" if f.get("in_principle") else "") + text


@rule("quota", "获奖名额", _describe_quota)
def quota(ctx: Context) -> None:
    f = ctx.figure
    soft = "原则上" if f.get("in_principle") else ""
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
        if f.get("types"):
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
    "applicant-type", "申报主体", lambda f: "可申报：" + "、".join(TYPE_NAMES[t] for t in f.types)
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
    if f.get("new_economy_years"):
        text += f"（新技术、新产业、新业态、新模式领域满{f.new_economy_years}年）"
    if f.get("legal_person"):
        text += "，且具有独立法人资格"
    return text


@rule("operating-years", "运营年限", _describe_operating)
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
        years = (
            f.get("new_economy_years") if a.new_economy and f.get("new_economy_years") else f.years
        )
        if add_years(a.established, years) > call:
            ctx.report(
                a,
                ("established",),
                f"{a.name}（{a.id}）成立于{d(a.established)}，到申报通知日{d(call)}"
                f"运营不满{years}年",
            )
        if f.get("legal_person"):
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
    if f.get("individual_kinds"):
        text += f"；个人：{names(f.individual_kinds, INCIDENT_NAMES)}"
    if f.get("top_manager_kinds"):
        text += f"；个人为组织最高管理者的，其组织没有{names(f.top_manager_kinds, INCIDENT_NAMES)}"
    return text


@rule("clean-record", "无事故与不良记录", _describe_clean)
def clean_record(ctx: Context) -> None:
    f, call = ctx.figure, ctx.cycle.call_published
    since = add_years(call, -f.years)
    for a in ctx.applicants():
        if a.type == "individual" and f.get("individual_kinds") is not None:
            kinds = set(f.individual_kinds) | (set(f.top_manager_kinds) if a.top_manager else set())
        else:
            kinds = set(f.kinds)
        for i, incident in enumerate(a.incidents):
            if incident.kind in kinds and since <= incident.date <= call:
                part = incident.kind
                if a.type == "individual":
                    part = (
                        "top_manager"
                        if incident.kind in f.get("top_manager_kinds", ())
                        else "individual"
                    )
                ctx.report(
                    a,
                    ("incidents", i),
                    f"{a.name}（{a.id}）于{d(incident.date)}有{INCIDENT_NAMES[incident.kind]}，"
                    f"在申报通知（{d(call)}）前{f.years}年内",
                    part=part,
                )


# ------------------------------------------------------------------ the procedure


@dataclass
class Step:
    """One stage an applicant went through: from its own record or from a notice listing it."""

    code: str
    first: date
    last: date
    result: str
    record: Record
    path: tuple


def steps_of(ctx: Context, applicant: Applicant) -> list[Step]:
    steps = [
        Step(s.stage, s.first_day, s.last_day, s.result, applicant, ("stages", i))
        for i, s in enumerate(applicant.stages)
    ]
    for notice, i in ctx.content.listings(applicant):
        if notice.cycle == ctx.cycle.id:
            steps.append(
                Step(notice.stage, notice.start, notice.end, "passed", notice, ("entries", i))
            )
    return steps


def _describe_periods(f: Figure) -> str:
    unit = "个工作日" if f.unit == "workdays" else "天（日历日）"
    verb = "为" if f.get("exact") else "不少于"
    return "；".join(f"{STAGE_NAMES[s]}{verb}{n}{unit}" for s, n in f.stages.items())


@rule("publicity-period", "公示期", _describe_periods)
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
        with ctx.counting_days(record, path, part=code):
            if f.unit == "days":
                have, unit = (end - start).days + 1, "天"
            else:
                have, unit = ctx.calendar.count_workdays(start, end), "个工作日"
            where = f"{record.id} 的{STAGE_NAMES[code]}（{d(start)}至{d(end)}）"
            if have < need:
                ctx.report(
                    record,
                    path,
                    f"{where}只有{have}{unit}，少于{f.cite(code)}规定的{need}{unit}",
                    part=code,
                )
            elif have > need and f.get("exact"):
                ctx.report(
                    record,
                    path,
                    f"{where}为{have}{unit}，{f.cite(code)}规定公示期为{need}{unit}",
                    part=code,
                    severity="warning",
                )


@rule("stage-order", "评审程序", lambda f: " → ".join(STAGE_NAMES[s] for s in f.sequence))
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
            if s.first < call and s.record is a:
                ctx.report(
                    a,
                    s.path,
                    f"{a.id} 的{STAGE_NAMES[s.code]}（{d(s.first)}）早于申报通知（{d(call)}）",
                )
            if a.type == "individual" and s.code in f.get("organisations_only", ()):
                ctx.report(
                    s.record,
                    s.path,
                    f"{a.name}（{a.id}）是个人，办法对个人不组织{STAGE_NAMES[s.code]}",
                    part=s.code,
                )
        known = sorted(
            (s for s in steps if s.code in order), key=lambda s: (order[s.code], s.first)
        )
        for before, after in zip(known, known[1:], strict=False):
            if before.code == after.code:
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
        on_proposal = [s for s in steps if s.code == "proposal_publicity"]
        if proposal is None or not on_proposal:
            continue
        done = {s.code for s in steps if s.result == "passed"}
        skip = set(f.get("organisations_only", ())) if a.type == "individual" else set()
        missing = [c for c in f.sequence[:proposal] if c not in done and c not in skip]
        if missing:
            s = on_proposal[0]
            ctx.report(
                s.record,
                s.path,
                f"{a.name}（{a.id}）列入拟获奖名单，但没有记录通过：{names(missing, STAGE_NAMES)}",
            )


def reached(ctx: Context, stage: str) -> list[tuple[Applicant, date]]:
    """Applicants that passed every stage the ordinance puts before `stage`, with the last day of
    the latest of those stages (the new stage must come after it)."""
    f = ctx.book.figure("stage-order")
    if isinstance(f, Silent) or stage not in f.sequence:
        return []
    before = f.sequence[: f.sequence.index(stage)]
    out = []
    for a in ctx.applicants():
        if ctx.content.disqualifications(a):
            continue
        steps = steps_of(ctx, a)
        if any(s.result != "passed" for s in steps) or any(s.code == stage for s in steps):
            continue
        skip = set(f.get("organisations_only", ())) if a.type == "individual" else set()
        done = {s.code for s in steps}
        if all(code in done or code in skip for code in before):
            last = max(
                (s.last for s in steps if s.code in before), default=ctx.cycle.call_published
            )
            out.append((a, last))
    return out


def earliest_end(ctx: Context, stage: str, start: date) -> date | None:
    """The first day a publicity period beginning on start may end, or None where the ordinance
    sets no period for that stage."""
    f = ctx.book.figure("publicity-period")
    need = None if isinstance(f, Silent) else f.stages.get(stage)
    if need is None:
        return None
    if f.unit == "days":
        return start + timedelta(days=need - 1)
    return ctx.calendar.period_end(start, need)


@rule(
    "decision-after-publicity",
    "公示后表彰",
    lambda f: "只表彰列入拟获奖名单公示、公示期满的申报者，奖项与公示一致，决定日期在公示结束之后",
)
def decision_after_publicity(ctx: Context) -> None:
    proposals = [n for n in ctx.content.notices(ctx.cycle) if n.stage == "proposal_publicity"]
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
        for dq in ctx.content.disqualifications(a):
            if dq.date <= decision.date:
                ctx.report(
                    decision,
                    ("awards", i),
                    f"{a.name}（{a.id}）已于{d(dq.date)}被取消参评资格（{dq.id}），不能获奖",
                )


# ------------------------------------------------------------------ objections


def _objections(ctx: Context) -> list[Objection]:
    return [o for n in ctx.content.notices(ctx.cycle) for o in ctx.content.objections(n)]


def _describe_form(f: Figure) -> str:
    text = "书面提出" if f.get("written") else ""
    text += f"；个人：{names(f.individual, OBJECTION_PARTS)}；单位：{names(f.organization, OBJECTION_PARTS)}"
    if f.get("anonymous_refused"):
        text += "；匿名异议不予受理"
    return text


@rule("objection-form", "异议的形式", _describe_form)
def objection_form(ctx: Context) -> None:
    f = ctx.figure
    for o in _objections(ctx):
        handled_as_valid = o.outcome not in ("not_accepted", "withdrawn")
        if o.objector.type == "anonymous":
            if handled_as_valid:
                refused = "匿名异议不予受理" if f.get("anonymous_refused") else "异议须署名"
                ctx.report(
                    o,
                    ("outcome",),
                    f"{o.id} 是匿名异议，却按有效异议处理（{o.outcome}）：{refused}",
                )
            continue
        if not handled_as_valid:
            continue
        missing = [] if o.written or not f.get("written") else ["书面材料"]
        objector = o.objector
        for part in f.get(objector.type, ()):
            if part == "contact":
                present = bool(objector.phone or objector.address)
            else:
                present = bool(getattr(objector, part))
            if not present:
                missing.append(OBJECTION_PARTS[part])
        if missing:
            ctx.report(
                o,
                ("objector",),
                f"{o.id} 缺少{'、'.join(missing)}，不是办法规定形式的异议，"
                f"却按有效异议处理（{o.outcome}）",
            )


def _describe_deadlines(f: Figure) -> str:
    if f.get("accept_workdays"):
        return f"收到书面异议材料后{f.accept_workdays}个工作日内作出受理审查" + (
            "，受理的出具书面凭证" if f.get("receipt") else ""
        )
    return (
        f"收到异议材料之日起{f.forward_workdays}个工作日内转送审核推荐单位；"
        f"审核推荐单位{f.report_workdays}个工作日内书面报告调查情况"
    )


@rule("objection-deadlines", "异议处理时限", _describe_deadlines)
def objection_deadlines(ctx: Context) -> None:
    f = ctx.figure
    for o in _objections(ctx):
        if o.outcome == "withdrawn":
            continue
        with ctx.counting_days(o, ("received",)):
            if f.get("accept_workdays"):
                due = ctx.calendar.add_workdays(o.received, f.accept_workdays)
                answered = o.accepted or (o.decided if o.outcome == "not_accepted" else None)
                _deadline(ctx, o, "accepted", "受理审查", answered, due)
                if f.get("receipt") and o.accepted and o.receipt is None:
                    ctx.report(
                        o, ("accepted",), f"{o.id} 已受理，但没有记录出具书面凭证（receipt）"
                    )
                continue
            if o.outcome == "not_accepted":
                continue
            due = ctx.calendar.add_workdays(o.received, f.forward_workdays)
            _deadline(ctx, o, "forwarded", "转送审核推荐单位", o.forwarded, due)
            if o.forwarded:
                due = ctx.calendar.add_workdays(o.forwarded, f.report_workdays)
                _deadline(ctx, o, "reported", "书面报告调查情况", o.reported, due)


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
    lambda f: (
        "异议审查期间申报者继续参加评审；异议查证属实且属于禁止性条件的，取消参评资格"
        if f.get("stays_in_review")
        else "异议查证属实的，由联席会议审查决定；候选者未按时提供证明材料的，视为承认异议"
    ),
)
def objection_effect(ctx: Context) -> None:
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


# ------------------------------------------------------------------ winners and sanctions


def same_party(a: Applicant, b: Applicant) -> bool:
    """One organisation across cycles by credit code (names change); a person by ID number."""
    if a.type != b.type:
        return False
    if a.type == "organization":
        return a.credit_code is not None and a.credit_code == b.credit_code
    return a.id_number is not None and a.id_number == b.id_number


def _later_applications(ctx: Context, applicant: Applicant, start: date, years: int):
    """This cycle's applications by the same party within `years` after start."""
    until = add_years(start, years)
    for a in ctx.applicants():
        if (
            a.cycle != applicant.cycle
            and same_party(a, applicant)
            and start < ctx.cycle.call_published <= until
        ):
            yield a, until


@rule(
    "reapplication",
    "再次申报",
    lambda f: (
        f"{names(f.levels, LEVEL_NAMES)}获奖者获奖后{f.years}年内不得再次申报"
        + ("（奖项有效期" + str(f.validity_years) + "年）" if f.get("validity_years") else "")
    ),
)
def reapplication(ctx: Context) -> None:
    f = ctx.figure
    for decision, _i, award, winner in ctx.programme_awards():
        if award.level not in f.levels or decision.date >= ctx.cycle.call_published:
            continue
        for a, until in _later_applications(ctx, winner, decision.date, f.years):
            ctx.report(
                a,
                ("cycle",),
                f"{a.name}（{a.id}）于{d(decision.date)}获得"
                f"{LEVEL_NAMES[award.level]}（{decision.id}），{d(until)}前不得再次申报",
            )


def _describe_prize(f: Figure) -> str:
    parts = [
        f"{LEVEL_NAMES[lv]}{n // 10000}万元" if n else f"{LEVEL_NAMES[lv]}不发奖金"
        for lv, n in f.amounts.items()
    ]
    if f.get("repeat_award") is not None:
        parts.append("再次获得质量奖的不再颁发奖金")
    return "；".join(parts)


def prize_due(ctx: Context, figure: Figure, decision, award, winner: Applicant) -> int:
    """The prize the ordinance sets for this award (0 where it sets none)."""
    amount = figure.amounts.get(award.level, 0) or 0
    if award.level == "award" and figure.get("repeat_award") is not None:
        earlier = [
            dec
            for dec, _i, aw, who in ctx.programme_awards()
            if aw.level == "award" and dec.date < decision.date and same_party(who, winner)
        ]
        if earlier:
            amount = figure.repeat_award
    return amount


@rule("prize", "奖金", _describe_prize)
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


def _ban_years(figure: Figure, record: Disqualification | Revocation) -> int:
    if record.serious and figure.get("serious_ban_years"):
        return figure.serious_ban_years
    return figure.get("ban_years", 0)


def _check_sanction(ctx: Context, record: Disqualification | Revocation, figure: Figure) -> None:
    """ban_until as the ordinance sets it; applications inside the ban; the record's own cycle
    reports the first, each later cycle the second."""
    applicant = ctx.content.get(record.applicant, Applicant)
    if applicant is None:
        return
    years = _ban_years(figure, record)
    own_cycle = applicant.cycle == ctx.cycle.id
    if own_cycle and record.ban_until is not None:
        if not years:
            ctx.report(
                record,
                ("ban_until",),
                f"{record.id} 记有禁止申报期限至{d(record.ban_until)}，但办法对此情形未规定禁止期",
            )
        elif record.ban_until != add_years(record.date, years):
            ctx.report(
                record,
                ("ban_until",),
                f"{record.id} 的禁止申报期限记为至{d(record.ban_until)}，"
                f"办法规定{years}年内不予受理，应至{d(add_years(record.date, years))}",
            )
    if years:
        for a, until in _later_applications(ctx, applicant, record.date, years):
            ctx.report(
                a,
                ("cycle",),
                f"{a.name}（{a.id}）因 {record.id}（{d(record.date)}）{d(until)}前不得申报",
            )


def _sanctions(ctx: Context, kind: type, grounds: tuple[str, ...]):
    """(record, figure of the ordinance it was decided under) for the programme's sanctions."""
    cycles = {c.id: c for c in ctx.programme_cycles()}
    for record in ctx.content.all(kind):
        applicant = ctx.content.get(record.applicant, Applicant)
        cycle = cycles.get(applicant.cycle) if applicant else None
        book = ctx.book_for(cycle) if cycle else None
        if book is not None and record.grounds in grounds:
            yield record, book.figure(ctx.rule_id)


def _describe_false(f: Figure) -> str:
    text = "隐瞒有关情况或提供虚假材料的，取消当年参评资格"
    if f.get("ban_years"):
        text += f"，{f.ban_years}年内不予受理其申报"
    if f.get("serious_ban_years"):
        text += f"；情节严重的，{f.serious_ban_years}年内不得申报"
    return text


@rule("false-materials", "虚假材料", _describe_false)
def false_materials(ctx: Context) -> None:
    for record, figure in _sanctions(ctx, Disqualification, ("false_materials", "fraud")):
        if isinstance(figure, Figure):
            _check_sanction(ctx, record, figure)


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
        item
        for item in figure.get("recover", ())
        if item != "prize_money" or (won[1].prize_yuan or 0) > 0
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
    if f.get("recover"):
        text += f"，收回{names(f.recover, RECOVER_NAMES)}"
    if f.get("ban_years"):
        text += f"，{f.ban_years}年内不予受理其申报"
    if f.get("serious_ban_years"):
        text += f"；情节严重的，{f.serious_ban_years}年内不得申报"
    if f.get("covers_disqualification"):
        text += "；尚未获奖的，取消参评资格，同样适用禁止期"
    return text


@rule("fraud-revocation", "骗取奖励的撤销", _describe_fraud)
def fraud_revocation(ctx: Context) -> None:
    for record, figure in _sanctions(ctx, Revocation, ("fraud",)):
        if isinstance(figure, Figure):
            _recovery(ctx, record, figure)
            _check_sanction(ctx, record, figure)
    if ctx.figure.get("covers_disqualification"):
        for record, figure in _sanctions(ctx, Disqualification, ("false_materials", "fraud")):
            if isinstance(figure, Figure):
                _check_sanction(ctx, record, figure)


def _describe_post(f: Figure) -> str:
    text = f"获奖后{f.years}年内有下列情形之一的，撤销奖励：{names(f.grounds, GROUNDS_NAMES)}"
    if f.get("recover"):
        text += f"，收回{names(f.recover, RECOVER_NAMES)}"
    if f.get("ban_years"):
        text += f"，{f.ban_years}年内不得参加评审"
    return text


@rule("post-award-revocation", "获奖后的撤销", _describe_post)
def post_award_revocation(ctx: Context) -> None:
    f = ctx.figure
    grounds = tuple(g for g in GROUNDS_NAMES if g not in ("fraud",))
    for record, figure in _sanctions(ctx, Revocation, grounds):
        if not isinstance(figure, Figure):
            continue
        applicant = ctx.content.get(record.applicant, Applicant)
        if applicant is not None and applicant.cycle == ctx.cycle.id:
            if record.grounds not in f.grounds:
                ctx.report(
                    record,
                    ("grounds",),
                    f"{record.id} 以“{GROUNDS_NAMES[record.grounds]}”撤销奖励，"
                    f"但办法规定的撤销情形是：{names(f.grounds, GROUNDS_NAMES)}",
                )
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
            elif not award_day <= record.event_date <= add_years(award_day, f.years):
                ctx.report(
                    record,
                    ("event_date",),
                    f"{record.id} 的事件发生于{d(record.event_date)}，"
                    f"不在获奖（{d(award_day)}）后{f.years}年内",
                    part=record.grounds,
                )
            _recovery(ctx, record, f)
        _check_sanction(ctx, record, figure)


duty(
    "title-use",
    "称号的使用",
    lambda f: (
        "宣传时注明获奖年度" * bool(f.get("with_year"))
        + ("；" if f.get("with_year") and f.get("not_on_products") else "")
        + "不得用于产品、服务的标识或质量宣传" * bool(f.get("not_on_products"))
    ),
)
duty("records-retention", "评审资料保存", lambda f: f"评审资料一般保存{f.years}年")
