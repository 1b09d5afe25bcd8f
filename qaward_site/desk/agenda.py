"""What is due at the office, soonest first: open notices, objections awaiting a step, decisions
that may now be taken, bans and validities ending, calendar years not yet imported. Each item
names its record, its article and the command that drafts the next record. For the office only:
never published on the public site.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from qaward_site.errors import CalendarGap
from qaward_site.formats import fold, ics_text
from qaward_site.records import CalendarYear, Notice, Ordinance
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.rules.books import stated
from qaward_site.rules.catalog.sanctions import unrevoked
from qaward_site.rules.facts import decision_name
from qaward_site.rules.state import SiteModel
from qaward_site.vocabulary import INCIDENT_NAMES, LAYER_NAMES, PERIOD_STATE_NAMES, cn_date

SOON = timedelta(days=90)  # bans and validities ending within this are worth a line


@dataclass(frozen=True, order=True)
class Item:
    due: date
    what: str
    record: str = ""  # the record's id
    file: str = ""
    article: str = ""
    next_step: str = ""  # the command that drafts the next record, where there is one

    def as_text(self) -> str:
        cite = f" [{self.article}]" if self.article else ""
        step = f"\n    下一步：{self.next_step}" if self.next_step else ""
        where = f"（{self.file}）" if self.file else ""
        return f"{cn_date(self.due)}  {self.what}{cite}{where}{step}"

    def as_dict(self) -> dict:
        return {**asdict(self), "due": self.due.isoformat()}


def agenda(model: SiteModel, calendars: Calendars, today: date) -> list[Item]:
    content = model.content
    items: list[Item] = []
    items += _notices(model, today)
    items += _objections(content, calendars, today)
    items += _decisions(model, today)
    items += _endings(model, today)
    items += _revocations_due(model, today)
    items += _calendar_years(content, calendars, today)
    return sorted(items)


def _notices(model: SiteModel, today: date) -> list[Item]:
    out = []
    for n in model.notices:
        state = n.state(today)
        if state == "ended":
            continue
        state = PERIOD_STATE_NAMES[state] if state == "open" else "即将公示"
        out.append(
            Item(
                n.notice.end,
                f"{state}：{n.notice.title}，最后一天（{n.notice.start}至{n.notice.end}）",
                n.notice.id,
                n.notice.file,
                n.article,
                "公示期满后：qaward new decision --cycle " + n.cycle.id
                if n.notice.stage == "proposal_publicity"
                else "",
            )
        )
    return out


def _objections(content: Content, calendars: Calendars, today: date) -> list[Item]:
    out = []
    for notice in content.all(Notice):
        cycle = content.cycle_of(notice)
        ordinance = content.ordinance_of(cycle) if cycle else None
        figure = stated(content, ordinance, "objection-deadlines")
        if figure is None:
            out += [
                Item(
                    today,
                    f"异议 {o.id} 待处理：《{ordinance.title}》没有规定异议处理程序，"
                    "处理后照实记下结果（outcome、decided）",
                    o.id,
                    o.file,
                )
                for o in content.objections(notice)
                if o.outcome == "pending" and not o.decided and ordinance is not None
            ]
            continue
        calendar = calendars.of(ordinance)
        for o in content.objections(notice):
            if o.outcome in ("withdrawn", "not_accepted") or o.decided:
                continue
            steps = [
                s
                for s in figure.steps()
                if getattr(o, s.field) is None and getattr(o, s.counted_from) is not None
            ]
            for step in steps:
                try:
                    due = step.due(o, calendar)
                    late = "（已过期）" if due < today else ""
                except CalendarGap as gap:
                    due, late = getattr(o, step.counted_from), f"（期限无法计算：{gap}）"
                out.append(
                    Item(
                        due,
                        f"异议 {o.id} 待{step.name}，期限{late}",
                        o.id,
                        o.file,
                        figure.cite(),
                    )
                )
            if not steps:
                out.append(Item(today, f"异议 {o.id} 待作出认定并告知异议人", o.id, o.file))
    return out


def _decisions(model: SiteModel, today: date) -> list[Item]:
    out = []
    for n in model.notices:
        if n.notice.stage != "proposal_publicity" or n.notice.end >= today:
            continue
        if model.content.decisions(n.cycle):
            continue
        out.append(
            Item(
                n.notice.end + timedelta(days=1),
                f"{n.cycle.title or n.cycle.id}：拟获奖名单公示已结束，"
                f"可以作出{decision_name(model.content, n.ordinance)}",
                n.cycle.id,
                n.cycle.file,
                _article(model.content, n.ordinance, "decision-after-publicity"),
                f"qaward new decision --cycle {n.cycle.id}",
            )
        )
    return out


def _endings(model: SiteModel, today: date) -> list[Item]:
    out = []
    for s in model.sanctions:
        if s.ban_end and today <= s.ban_end <= today + SOON:
            out.append(
                Item(
                    s.ban_end,
                    f"{s.applicant.name}的禁止申报期最后一天（{s.kind_name} {s.record.id}）",
                    s.record.id,
                    s.record.file,
                    s.article,
                )
            )
    for a in model.awards:
        if a.expires and not a.revocation and today <= a.expires <= today + SOON:
            out.append(
                Item(
                    a.expires,
                    f"{a.applicant.name}的{a.level_name}有效期最后一天",
                    a.decision.id,
                    a.decision.file,
                    a.validity_article,
                )
            )
    return out


def _revocations_due(model: SiteModel, today: date) -> list[Item]:
    """Winners whose recorded incident revokes their award under the ordinance, with no
    revocation yet: the check warns, the office must act (the same rule decides both)."""
    out = []
    for ordinance in {a.ordinance.id: a.ordinance for a in model.awards}.values():
        figure = stated(model.content, ordinance, "post-award-revocation")
        if figure is None:
            continue
        awards = [
            (a.decision, 0, a.award, a.applicant) for a in model.awards if a.ordinance is ordinance
        ]
        for applicant, _i, incident in unrevoked(model.content, awards, figure):
            out.append(
                Item(
                    today,
                    f"{applicant.name}获奖后于{cn_date(incident.date)}发生"
                    f"{INCIDENT_NAMES[incident.kind]}，属于办法规定的撤销情形，尚无撤销决定",
                    applicant.id,
                    applicant.file,
                    figure.cite(),
                    f"qaward new revocation --applicant {applicant.id} --grounds … --event-date "
                    f"{incident.date}",
                )
            )
    return out


def _calendar_years(content: Content, calendars: Calendars, today: date) -> list[Item]:
    """The layers the programmes in force count on that do not know this year or the next."""
    out, seen = [], set()
    for o in content.all(Ordinance):
        if not o.in_force_on(today):
            continue
        calendar = calendars.of(o)
        for year in (today.year, today.year + 1):
            for layer in calendar.missing(year):
                if (layer, year) in seen:
                    continue
                seen.add((layer, year))
                known = [r.file for r in content.all(CalendarYear) if r.layer == layer]
                out.append(
                    Item(
                        max(today, date(year, 1, 1) - timedelta(days=1)),
                        f"{year}年{LAYER_NAMES.get(layer, layer)}的放假安排尚未导入"
                        f"（日历层 {layer}）：公布后导入，否则该年的工作日无法计算",
                        next_step=f"qaward calendar import 通知.txt --layer {layer}",
                        file=known[-1] if known else "",
                    )
                )
    return out


def to_ics(items: list[Item], stamp: date) -> str:
    """The agenda as all-day events for the office's calendar (RFC 5545)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//qaward-site//agenda//ZH"]
    for i, item in enumerate(items):
        lines += [
            "BEGIN:VEVENT",
            f"UID:agenda-{item.due.isoformat()}-{i}-{item.record or 'calendar'}@qaward-site",
            f"DTSTAMP:{stamp.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{item.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(item.due + timedelta(days=1)).strftime('%Y%m%d')}",
            fold(f"SUMMARY:{ics_text(item.what)}"),
            fold(
                f"DESCRIPTION:{ics_text(' '.join(filter(None, [item.article, item.file, item.next_step])))}"
            ),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _article(content: Content, ordinance, rule_id: str) -> str:
    figure = stated(content, ordinance, rule_id)
    return figure.article if figure else ""
