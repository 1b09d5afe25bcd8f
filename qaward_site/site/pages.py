"""Which pages the site has, and what each is given: the one place that knows the URL scheme."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from qaward_site.records import Applicant, Cycle, Decision, Ordinance, Rulebook
from qaward_site.rules import facts
from qaward_site.rules.state import SiteModel
from qaward_site.site import exports, search, urls
from qaward_site.site.render import Page
from qaward_site.vocabulary import (
    LEVEL_NAMES,
    ORDINANCE_STATE_NAMES,
    OUTCOME_NAMES,
    STATE_NAMES,
)

# the rows of the comparison table, in reading order
COMPARED = [
    "quota",
    "cycle-interval",
    "applicant-type",
    "operating-years",
    "clean-record",
    "publicity-period",
    "stage-order",
    "objection-form",
    "objection-deadlines",
    "reapplication",
    "prize",
    "false-materials",
    "fraud-revocation",
    "post-award-revocation",
]

NAV = [
    ("首页", urls.doc(urls.HOME)),
    ("公示", urls.doc(urls.NOTICES)),
    ("获奖名单", urls.doc(urls.AWARDS)),
    ("撤销与取消资格", urls.doc(urls.SANCTIONS)),
    ("异议指南", urls.doc(urls.OBJECTIONS)),
    ("评选办法", urls.doc(urls.ORDINANCES)),
    ("规则对照", urls.doc(urls.RULES)),
    ("搜索", urls.doc(urls.SEARCH)),
    ("开放数据", urls.doc(urls.DATA)),
]


def force_name(o: Ordinance, today) -> str:
    if today < o.effective:
        return ORDINANCE_STATE_NAMES["pending"]
    if o.expires is not None and today > o.expires:
        return ORDINANCE_STATE_NAMES["expired"]
    return ORDINANCE_STATE_NAMES["in_force"]


def shared_context(model: SiteModel) -> dict:
    content = model.content
    return {
        "config": model.config,
        "today": model.today,
        "state_names": STATE_NAMES,
        "outcome_names": OUTCOME_NAMES,
        "force_name": lambda o: force_name(o, model.today),
        "decision_label": lambda d: facts.decision_label(content, d),
        "decision_name": lambda o: facts.decision_name(content, o),
    }


def shared_inputs(model: SiteModel) -> list:
    """What the functions of shared_context read beyond their arguments: the records a
    decision's name and label come from (cycles, ordinances, their rulebooks, decisions). A
    page's input key holds these and the context's values (site/inputs.py); what a page shows
    of the published ledger (its record's corrections) is in its own context."""
    kinds = (Ordinance, Rulebook, Cycle, Decision)
    return [sorted(model.content.all(kind), key=lambda r: r.id) for kind in kinds]


def pages(model: SiteModel) -> list[Page]:
    """Every page of the site, in a fixed order: the index pages, then one family at a time."""
    return [
        *_index_pages(model),
        *_about_pages(model),
        *_notice_pages(model),
        *_programme_pages(model),
        *_cycle_pages(model),
        *_organisation_pages(model),
        *_sanction_pages(model),
        *_ordinance_pages(model),
        *_correction_pages(model),
    ]


def _correction_pages(model: SiteModel) -> list[Page]:
    """更正记录, and each version a correction replaced, at its own address for good: marked
    已更正, out of the search index and of search engines (the current page is the record)."""
    ledger = model.published
    out = [
        Page(
            urls.doc(urls.CORRECTIONS),
            "pages/corrections.md.j2",
            "更正记录",
            # each correction with its record's address now: values, so that the page's inputs
            # can be digested (a function in its context rendered it on every rebuild)
            {
                "corrections": [
                    {**c, "address": exports.current_address(model, c["kind"], c["id"])}
                    for c in ledger.corrections()
                ]
            },
        )
    ]
    for entry in ledger.records.values():
        current = exports.current_address(model, entry["kind"], entry["id"])
        for version in entry["versions"]:
            n = version["n"]
            out.append(
                Page(
                    urls.doc(urls.version(entry["kind"], entry["id"], n)),
                    "pages/earlier.md.j2",
                    f"{entry['label']}（更正前的第{n}版）",
                    {
                        "entry": entry,
                        "version": version,
                        "current": current,
                        "correction": next(
                            (c for c in entry["corrections"] if c["version"] == n), None
                        ),
                    },
                    search=False,
                    noindex=True,
                )
            )
    return out


def _ordinances(model: SiteModel) -> list[Ordinance]:
    return sorted(model.content.all(Ordinance), key=lambda o: (o.jurisdiction, o.effective))


def _about_pages(model: SiteModel) -> list[Page]:
    """What a government site carries besides its content: 网站地图, 联系我们, 隐私声明."""
    return [
        Page(
            urls.doc(urls.SITE_MAP),
            "pages/site_map.md.j2",
            "网站地图",
            {"programmes": model.programmes},
            search=False,
        ),
        Page(
            urls.doc(urls.CONTACT),
            "pages/contact.md.j2",
            "联系我们",
            {"programmes": model.programmes, "config": model.config},
        ),
        Page(urls.doc(urls.PRIVACY), "pages/privacy.md.j2", "隐私声明"),
    ]


def _index_pages(model: SiteModel) -> list[Page]:
    """The pages the navigation names: home, lists, rules, the objector's guide, search, data."""
    content = model.content
    ordinances = _ordinances(model)
    table = {(r["ordinance"], r["rule"]): r for r in model.rules}
    titles = {r["rule"]: r["title"] for r in model.rules}
    return [
        _home_page(model),
        Page(
            urls.doc(urls.NOTICES),
            "pages/notices.md.j2",
            "公示",
            {"notices": model.notices, "open_notices": model.open_notices()},
        ),
        Page(
            urls.doc(urls.AWARDS),
            "pages/awards.md.j2",
            "获奖名单",
            {"programmes": model.programmes},
        ),
        Page(
            urls.doc(urls.SANCTIONS),
            "pages/sanctions.md.j2",
            "撤销奖励与取消资格",
            {"sanctions": model.sanctions},
        ),
        Page(
            urls.doc(urls.ORDINANCES),
            "pages/ordinances.md.j2",
            "评选办法",
            {"ordinances": ordinances},
        ),
        Page(
            urls.doc(urls.RULES),
            "pages/rules.md.j2",
            "规则对照",
            {
                "ordinances": [o for o in ordinances if (o.id, "quota") in table],
                "table": table,
                "compared": [(r, titles[r]) for r in COMPARED],
                "calendar_days": _calendar_day_periods(ordinances, table),
                "calendars": model.calendars,
            },
        ),
        Page(
            urls.doc(urls.OBJECTIONS),
            "pages/objections.md.j2",
            "异议指南",
            {
                "programmes": model.programmes,
                "guides": {p.jurisdiction: _guide_now(model, p) for p in model.programmes},
                "open_notices": model.open_notices(),
            },
        ),
        _search_page(model),
        Page(
            urls.doc(urls.DATA),
            "pages/data.md.j2",
            "开放数据",
            {
                "cycles": [
                    {"id": c.id, "title": c.title or c.id, "decided": bool(content.decisions(c))}
                    for c in content.cycles()
                ],
                "ordinances": [
                    o for o in ordinances if any(r["ordinance"] == o.id for r in model.rules)
                ],
            },
            search=False,
        ),
    ]


def _home_page(model: SiteModel) -> Page:
    decisions = sorted(model.content.all(Decision), key=lambda d: (d.date, d.id), reverse=True)
    return Page(
        urls.doc(urls.HOME),
        "pages/home.md.j2",
        model.config.site_name,
        {
            "decisions": decisions,
            "open_notices": model.open_notices(),
            "latest_notices": model.notices[:5],
            "sanctions": model.sanctions,
        },
    )


def _search_page(model: SiteModel) -> Page:
    return Page(
        urls.doc(urls.SEARCH),
        "pages/search.md.j2",
        "搜索",
        {"kinds": search.KIND_FILTERS, "programme_names": [p.name for p in model.programmes]},
        search=False,
    )


def _notice_pages(model: SiteModel) -> list[Page]:
    """Each notice, its former addresses and its objector's letter."""
    content = model.content
    out = []
    for n in model.notices:
        objections = model.objections(n.notice)
        entries = [
            {
                "applicant": content.get(e.applicant, Applicant),
                "level_name": LEVEL_NAMES[e.proposed_level],
            }
            for e in n.notice.entries
        ]
        out.append(
            Page(
                urls.doc(urls.notice(n.notice.id)),
                "pages/notice.md.j2",
                n.notice.title,
                {
                    "n": n,
                    "entries": entries,
                    "levels": n.notice.stage == "proposal_publicity",
                    "guide": model.guides[n.ordinance.id],
                    "objections": objections,
                    "names": _names_of(content, objections),
                    "history": model.published.get(n.notice),  # corrections, earlier versions
                },
                programmes=_programme_names(model, [n.ordinance]),
            )
        )
        for old in n.notice.former_ids:
            out.append(
                Page(
                    urls.doc(urls.notice(old)),
                    "pages/moved.md.j2",
                    n.notice.title,
                    {"target": urls.notice(n.notice.id), "title": n.notice.title},
                    search=False,
                    moved_to=urls.notice(n.notice.id),
                )
            )
        out.append(
            Page(
                urls.doc(urls.notice_letter(n.notice.id)),
                "pages/letter.md.j2",
                f"异议书：{n.notice.title}",
                {"n": n, "entries": entries, "guide": model.guides[n.ordinance.id]},
                search=False,
            )
        )
    return out


def _programme_pages(model: SiteModel) -> list[Page]:
    """Each programme's page and its how-to-object page."""
    out = []
    for p in model.programmes:
        current = p.ordinance_on(model.today)
        parent = next((q for q in model.programmes if q.jurisdiction == p.parent), None)
        out.append(
            Page(
                urls.doc(urls.programme(p.jurisdiction)),
                "pages/programme.md.j2",
                p.award,
                {
                    "p": p,
                    "current": current,
                    "parent": parent,
                    "awards": [
                        a for a in model.awards if a.ordinance.jurisdiction == p.jurisdiction
                    ],
                },
                programmes=(p.name,),
            )
        )
        guide = _guide_now(model, p)
        latest = p.cycles[-1] if p.cycles else None
        out.append(
            Page(
                urls.doc(urls.objections(p.jurisdiction)),
                "pages/objections_programme.md.j2",
                f"{p.name}：如何提出异议",
                {
                    "p": p,
                    "guide": guide,
                    "contact": latest.office_contact if latest else None,
                    "open_notices": [
                        n
                        for n in model.open_notices()
                        if n.ordinance.jurisdiction == p.jurisdiction
                    ],
                },
                programmes=(p.name,),
            )
        )
    return out


def _cycle_pages(model: SiteModel) -> list[Page]:
    """Each cycle: its notices, awards, objections and timeline."""
    content = model.content
    out = []
    for c in content.cycles():
        o = content.ordinance_of(c)
        notices = model.cycle_notices(c)
        objections = [ob for n in notices for ob in model.objections(n.notice)]
        out.append(
            Page(
                urls.doc(urls.cycle(c.id)),
                "pages/cycle.md.j2",
                c.title or c.id,
                {
                    "c": c,
                    "o": o,
                    "notices": notices,
                    "awards": model.cycle_awards(c),
                    "decisions": content.decisions(c),
                    "applicants": content.applicants(c),
                    "timeline": _timeline(model, c),
                    "objections": objections,
                    "names": _names_of(content, objections),
                    "histories": {d.id: model.published.get(d) for d in content.decisions(c)},
                },
                programmes=_programme_names(model, [o]),
            )
        )
    return out


@dataclass(frozen=True)
class NoticeDates:
    id: str
    start: date
    end: date


@dataclass(frozen=True)
class CycleName:
    id: str
    title: str


@dataclass(frozen=True)
class ListedNotice(facts.CountedPeriod):
    """A notice as the page of an organisation it lists shows it (notice_list, by_stage): by its
    cycle and stage, with its period; not its title, its list or its corrections, so that
    correcting them renders the notice's own page again, not those of the 1,672 organisations
    it lists (issue 28). The page is given this alone: it cannot show what its key has not seen."""

    notice: NoticeDates
    cycle: CycleName
    stage_name: str
    unit: str
    days: tuple[date, ...]
    unknown_years: tuple[int, ...]
    guessed_years: tuple[int, ...]

    @classmethod
    def of(cls, n: facts.NoticeFacts) -> ListedNotice:
        return cls(
            NoticeDates(n.notice.id, n.notice.start, n.notice.end),
            CycleName(n.cycle.id, n.cycle.title),
            n.stage_name,
            n.unit,
            tuple(n.days),
            n.unknown_years,
            n.guessed_years,
        )


def _organisation_pages(model: SiteModel) -> list[Page]:
    """Each organisation across cycles, by credit code."""
    titles = {c.id: c.title for c in model.content.cycles()}
    listed = {n.notice.id: ListedNotice.of(n) for n in model.notices}  # one each: digested once
    out = []
    for org in model.organisations.values():
        bans = [s for s in org.sanctions if s.ban_end and s.ban_end >= model.today]
        shown = replace(org, notices=[listed[n.notice.id] for n in org.notices])
        out.append(
            Page(
                urls.doc(urls.organization(org.key)),
                "pages/organization.md.j2",
                org.name,
                {
                    "org": shown,
                    "bans": bans,
                    # the titles it shows, not every cycle: a page depends on what it shows
                    "cycle_titles": {a.cycle: titles.get(a.cycle) for a in org.applications},
                },
                programmes=_programme_names(
                    model,
                    [x.ordinance for x in (*org.notices, *org.awards, *org.sanctions)],
                ),
                names=tuple(org.names),
            )
        )
    return out


def _sanction_pages(model: SiteModel) -> list[Page]:
    """Each revocation and disqualification."""
    out = []
    for s in model.sanctions:
        out.append(
            Page(
                urls.doc(urls.sanction(s.record.id)),
                "pages/sanction.md.j2",
                f"{s.applicant.name}：{s.kind_name}",
                {"s": s, "history": model.published.get(s.record)},
                programmes=_programme_names(model, [s.ordinance]),
            )
        )
    return out


def _ordinance_pages(model: SiteModel) -> list[Page]:
    """Each ordinance's text and its rules."""
    ordinances = _ordinances(model)
    out = []
    for o in ordinances:
        others = [x for x in ordinances if x.jurisdiction == o.jurisdiction and x.id != o.id]
        parents = [x for x in ordinances if x.jurisdiction == o.parent]
        out.append(
            Page(
                urls.doc(urls.ordinance(o.id)),
                "pages/ordinance.md.j2",
                o.title,
                {
                    "o": o,
                    "text": model.texts[o.id],
                    "others": others,
                    "parent_ordinances": parents,
                    "unknown_rules": [
                        r["title"]
                        for r in model.rules
                        if r["ordinance"] == o.id and r["state"] == "unknown"
                    ],
                    "jsonld": _legislation_jsonld(o, model.today),
                },
                programmes=_programme_names(model, [o]),
            )
        )
        rows = [r for r in model.rules if r["ordinance"] == o.id]
        if rows:
            out.append(
                Page(
                    urls.doc(urls.rules(o.id)),
                    "pages/rules_ordinance.md.j2",
                    f"规则：{o.title}",
                    {"o": o, "rows": rows},
                    programmes=_programme_names(model, [o]),
                )
            )
    return out


def _programme_names(model: SiteModel, ordinances) -> tuple[str, ...]:
    """The names of the programmes of these ordinances, for the search's programme filter."""
    names = {p.jurisdiction: p.name for p in model.programmes}
    return tuple(
        dict.fromkeys(names[o.jurisdiction] for o in ordinances if o.jurisdiction in names)
    )


def _names_of(content, objections) -> dict[str, str]:
    """The names of those objected to, by id (only theirs: a page's inputs stay its own)."""
    return {o.applicant: content.get(o.applicant, Applicant).name for o in objections}


def _guide_now(model: SiteModel, programme):
    ordinance = programme.ordinance_on(model.today) or programme.ordinances[-1]
    return model.guides.get(ordinance.id)


def _timeline(model: SiteModel, cycle) -> list[dict]:
    steps = [
        {
            "start": cycle.call_published,
            "end": cycle.call_published,
            "label": "发布申报通知",
            "url": "",
        }
    ]
    for n in model.cycle_notices(cycle):
        steps.append(
            {
                "start": n.notice.start,
                "end": n.notice.end,
                "label": n.notice.title,
                "url": urls.notice(n.notice.id),
            }
        )
    for d in model.content.decisions(cycle):
        steps.append(
            {
                "start": d.date,
                "end": d.date,
                "label": f"{facts.decision_name(model.content, model.content.ordinance_of(cycle))} {d.doc_number or ''}".strip(),
                "url": "",
            }
        )
    return sorted(steps, key=lambda s: (s["start"], s["end"]))


def _legislation_jsonld(o: Ordinance, today) -> dict:
    force = {"尚未施行": "NotInForce", "已失效": "NotInForce", "现行有效": "InForce"}[
        force_name(o, today)
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": o.title,
        "legislationIdentifier": o.doc_number or o.id,
        "legislationDate": o.issued.isoformat(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": o.issuer},
        "legislationJurisdiction": o.jurisdiction_name,
        "legislationLegalForce": f"https://schema.org/{force}",
        "inLanguage": "zh",
    }
    if o.expires:
        data["expires"] = o.expires.isoformat()
    return data


def _calendar_day_periods(ordinances: list[Ordinance], table: dict) -> list[tuple[int, str]]:
    """(days, programme) for each ordinance whose publicity period is counted in calendar days,
    as the rules page states them beside the working-day convention."""
    out = []
    for o in ordinances:
        row = table.get((o.id, "publicity-period"))
        figures = row["figures"] if row and row["applies"] else {}
        if figures.get("unit") == "days":
            out += [(n, o.jurisdiction_name) for n in sorted(set(figures["stages"].values()))]
    return out
