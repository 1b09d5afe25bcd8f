"""Which pages the site has, and what each is given: the one place that knows the URL scheme."""

from __future__ import annotations

from qaward_site.records import Applicant, Decision, Ordinance
from qaward_site.site.model import SiteModel
from qaward_site.site.render import Page
from qaward_site.vocabulary import LEVEL_NAMES, OUTCOME_NAMES, STATE_NAMES

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
    ("首页", "index.md"),
    ("公示", "notices/index.md"),
    ("获奖名单", "awards/index.md"),
    ("撤销与取消资格", "sanctions/index.md"),
    ("异议指南", "objections/index.md"),
    ("评选办法", "ordinances/index.md"),
    ("规则对照", "rules/index.md"),
    ("搜索", "search/index.md"),
    ("开放数据", "data/index.md"),
]


def force_name(o: Ordinance, today) -> str:
    if today < o.effective:
        return "尚未施行"
    if o.expires is not None and today > o.expires:
        return "已失效"
    return "现行有效"


def shared_context(model: SiteModel) -> dict:
    content = model.content
    return {
        "config": model.config,
        "today": model.today,
        "state_names": STATE_NAMES,
        "outcome_names": OUTCOME_NAMES,
        "names": {a.id: a.name for a in content.all(Applicant)},
        "force_name": lambda o: force_name(o, model.today),
        "open_notices": model.open_notices(),
    }


def pages(model: SiteModel) -> list[Page]:
    content = model.content
    decisions = sorted(content.all(Decision), key=lambda d: (d.date, d.id), reverse=True)
    ordinances = sorted(content.all(Ordinance), key=lambda o: (o.jurisdiction, o.effective))
    table = {(r["ordinance"], r["rule"]): r for r in model.rules}
    titles = {r["rule"]: r["title"] for r in model.rules}
    out = [
        Page(
            "index.md",
            "pages/home.md.j2",
            model.config.site_name,
            {"decisions": decisions, "sanctions": model.sanctions},
        ),
        Page("notices/index.md", "pages/notices.md.j2", "公示", {"notices": model.notices}),
        Page("awards/index.md", "pages/awards.md.j2", "获奖名单", {"programmes": model.programmes}),
        Page(
            "sanctions/index.md",
            "pages/sanctions.md.j2",
            "撤销奖励与取消资格",
            {"sanctions": model.sanctions},
        ),
        Page(
            "ordinances/index.md", "pages/ordinances.md.j2", "评选办法", {"ordinances": ordinances}
        ),
        Page(
            "rules/index.md",
            "pages/rules.md.j2",
            "规则对照",
            {
                "ordinances": [o for o in ordinances if (o.id, "quota") in table],
                "table": table,
                "compared": [(r, titles[r]) for r in COMPARED],
            },
        ),
        Page(
            "objections/index.md",
            "pages/objections.md.j2",
            "异议指南",
            {
                "programmes": model.programmes,
                "guides": {p.jurisdiction: _guide_now(model, p) for p in model.programmes},
            },
        ),
        Page("search/index.md", "pages/search.md.j2", "搜索", search=False),
        Page(
            "data/index.md",
            "pages/data.md.j2",
            "开放数据",
            {
                "cycles": [
                    {"id": c.id, "title": c.title or c.id, "decided": bool(content.decisions(c))}
                    for c in content.cycles()
                ]
            },
            search=False,
        ),
    ]
    for n in model.notices:
        entries = [
            {
                "applicant": content.get(e.applicant, Applicant),
                "level_name": LEVEL_NAMES[e.proposed_level],
            }
            for e in n.notice.entries
        ]
        out.append(
            Page(
                f"notices/{n.notice.id}.md",
                "pages/notice.md.j2",
                n.notice.title,
                {
                    "n": n,
                    "entries": entries,
                    "levels": n.notice.stage == "proposal_publicity",
                    "guide": model.guides[n.ordinance.id],
                    "objections": model.objections(n.notice),
                },
            )
        )
    for p in model.programmes:
        current = p.ordinance_on(model.today)
        parent = next((q for q in model.programmes if q.jurisdiction == p.parent), None)
        out.append(
            Page(
                f"programmes/{p.jurisdiction}.md",
                "pages/programme.md.j2",
                f"{p.name}政府质量奖",
                {
                    "p": p,
                    "current": current,
                    "parent": parent,
                    "awards": [
                        a for a in model.awards if a.ordinance.jurisdiction == p.jurisdiction
                    ],
                },
            )
        )
        guide = _guide_now(model, p)
        latest = p.cycles[-1] if p.cycles else None
        out.append(
            Page(
                f"objections/{p.jurisdiction}.md",
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
            )
        )
    for c in content.cycles():
        o = content.ordinance_of(c)
        notices = model.cycle_notices(c)
        out.append(
            Page(
                f"cycles/{c.id}.md",
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
                    "objections": [ob for n in notices for ob in model.objections(n.notice)],
                },
            )
        )
    for org in model.organisations.values():
        bans = [s for s in org.sanctions if s.ban_end and s.ban_end >= model.today]
        out.append(
            Page(
                f"organizations/{org.credit_code}.md",
                "pages/organization.md.j2",
                org.name,
                {
                    "org": org,
                    "bans": bans,
                    "cycles": {c.id: c for c in content.cycles()},
                    "jsonld": _organisation_jsonld(org),
                },
            )
        )
    for s in model.sanctions:
        out.append(
            Page(
                f"sanctions/{s.record.id}.md",
                "pages/sanction.md.j2",
                f"{s.applicant.name}：{s.kind_name}",
                {"s": s},
            )
        )
    for o in ordinances:
        others = [x for x in ordinances if x.jurisdiction == o.jurisdiction and x.id != o.id]
        parents = [x for x in ordinances if x.jurisdiction == o.parent]
        out.append(
            Page(
                f"ordinances/{o.id}.md",
                "pages/ordinance.md.j2",
                o.title,
                {
                    "o": o,
                    "text": model.texts[o.id],
                    "others": others,
                    "parent_ordinances": parents,
                    "jsonld": _legislation_jsonld(o, model.today),
                },
            )
        )
        rows = [r for r in model.rules if r["ordinance"] == o.id]
        if rows:
            out.append(
                Page(
                    f"rules/{o.id}.md",
                    "pages/rules_ordinance.md.j2",
                    f"规则：{o.title}",
                    {"o": o, "rows": rows},
                )
            )
    return out


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
                "url": f"notices/{n.notice.id}/",
            }
        )
    for d in model.content.decisions(cycle):
        steps.append(
            {
                "start": d.date,
                "end": d.date,
                "label": f"表彰决定 {d.doc_number or ''}".strip(),
                "url": "",
            }
        )
    return sorted(steps, key=lambda s: (s["start"], s["end"]))


def _organisation_jsonld(org) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.name,
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "统一社会信用代码",
            "value": org.credit_code,
        },
        "award": [
            f"{a.cycle.year}年度{a.ordinance.jurisdiction_name}政府质量奖{a.level_name}"
            + ("（已撤销）" if a.revocation else "")
            for a in org.awards
        ],
    }


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
