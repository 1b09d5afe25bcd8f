"""Open data and feeds: awards.csv/json (all and per cycle), notices.json, an Atom feed, an .ics
file per notice, and the sitemap for search engines. Only public fields; the build's privacy
scan checks these too."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from qaward_site.formats import fold, ics_text, spreadsheet_safe
from qaward_site.rules import facts
from qaward_site.rules.facts import AwardFacts
from qaward_site.rules.state import SiteModel
from qaward_site.site import urls
from qaward_site.site.render import Page
from qaward_site.vocabulary import STATE_NAMES

AWARD_FIELDS = [
    "programme",
    "cycle",
    "year",
    "name",
    "type",
    "credit_code",
    "level",
    "decision",
    "decision_date",
    "prize_yuan",
    "status",
    "revoked_on",
    "valid_until",
    "parent_credit_code",  # a unit with no code of its own: its organisation's
]


def award_row(a: AwardFacts, today: date) -> dict:
    return {
        "programme": a.ordinance.jurisdiction_name,
        "cycle": a.cycle.id,
        "year": a.cycle.year,
        "name": a.applicant.name,
        "type": "组织" if a.applicant.type == "organization" else "个人",
        "credit_code": a.applicant.credit_code or "",
        "level": a.level_name,
        "decision": a.decision.doc_number or "",
        "decision_date": a.decision.date.isoformat(),
        "prize_yuan": "" if a.prize_yuan is None else a.prize_yuan,
        "status": STATE_NAMES[a.state(today)],
        "revoked_on": a.revocation.date.isoformat() if a.revocation else "",
        "valid_until": a.expires.isoformat() if a.expires else "",
        "parent_credit_code": a.applicant.parent_credit_code or "",
    }


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, AWARD_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return "\ufeff" + out.getvalue()  # the BOM lets spreadsheet programs read UTF-8 Chinese


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


def write_exports(model: SiteModel, put: Callable[[str, str], None], site_url: str | None) -> None:
    """Hand each export to put(relative path, text)."""
    today = model.today
    rows = [award_row(a, today) for a in model.awards]
    meta = {"as_of": today.isoformat(), "note": "status 为生成当日的状态"}
    put(urls.AWARDS_CSV, _csv(rows))
    put(urls.AWARDS_JSON, _json({**meta, "awards": rows}))
    for cycle in model.content.cycles():
        cycle_rows = [r for r in rows if r["cycle"] == cycle.id]
        if cycle_rows:
            put(urls.cycle_data(cycle.id, "csv"), _csv(cycle_rows))
            put(urls.cycle_data(cycle.id, "json"), _json({**meta, "awards": cycle_rows}))
    notices = []
    for n in model.notices:
        notices.append(
            {
                "id": n.notice.id,
                "title": n.notice.title,
                "programme": n.ordinance.jurisdiction_name,
                "cycle": n.cycle.id,
                "stage": n.notice.stage,
                "stage_name": n.stage_name,
                "published": n.notice.published,
                "start": n.notice.start,
                "end": n.notice.end,
                "days": n.count,
                "unit": n.unit,
                "ordinance": n.ordinance.id,
                "article": n.article,
                "url": urls.notice(n.notice.id),
                "entries": [
                    {
                        "name": model.content.records[e.applicant].name,
                        "level": e.proposed_level
                        if n.notice.stage == "proposal_publicity"
                        else None,
                    }
                    for e in n.notice.entries
                ],
                "objections_to": n.cycle.office_contact.name,
            }
        )
        put(urls.notice_calendar(n.notice.id), _ics(model, n))
    put(urls.NOTICES_JSON, _json({**meta, "notices": notices}))
    _rulebooks(model, put)
    put(urls.FEED, _atom(model, site_url))
    put(urls.PUBLISHED, model.published.to_json())
    put(urls.CORRECTIONS_FEED, _corrections_atom(model, site_url))


def sitemap(pages: list[Page], site_url: str | None) -> str:
    """sitemap.xml: the pages search engines are asked to index, at the address each names as
    its canonical one; not an earlier version kept for the record (noindex) nor a former
    address. No lastmod: the build day would claim every page changed that day. Ours, not the
    theme's, which lists every page at the build day and would have mkdocs load them all to
    write it again on every rebuild (the theme's sitemap.xml is empty: templates/overrides)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    if base:  # an address search engines can use is absolute: without site_url, none
        out += [
            f"<url><loc>{xml_escape(base + quote(p.url))}</loc></url>"
            for p in pages
            if not p.noindex and not p.moved_to
        ]
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def _ics(model: SiteModel, n) -> str:
    contact = n.cycle.office_contact
    end = n.notice.end
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qaward-site//ZH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{n.notice.id}@qaward-site",
        f"DTSTAMP:{n.notice.published:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{end:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ics_text('公示截止：' + n.notice.title)}",
        f"DESCRIPTION:{ics_text(f'公示期{n.notice.start}至{end}。异议向{contact.name}提出，电话{contact.phone}，地址{contact.address}。')}",
        f"LOCATION:{ics_text(contact.address)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P1D",
        f"DESCRIPTION:{ics_text('明天是公示的最后一天')}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def _atom(model: SiteModel, site_url: str | None) -> str:
    entries = []
    for n in model.notices:
        entries.append(
            (
                n.notice.published,
                f"notice-{n.notice.id}",
                n.notice.title,
                urls.notice(n.notice.id),
                f"{n.stage_name}，公示期{n.notice.start}至{n.notice.end}",
            )
        )
    for cycle in model.content.cycles():
        for d in model.content.decisions(cycle):
            entries.append(
                (
                    d.date,
                    f"decision-{d.id}",
                    facts.decision_label(model.content, d),
                    urls.cycle(cycle.id),
                    f"{d.doc_number or d.date}，{len(d.awards)} 个奖项",
                )
            )
    for s in model.sanctions:
        entries.append(
            (
                s.record.date,
                f"{s.record.kind}-{s.record.id}",
                f"{s.applicant.name}：{s.kind_name}",
                urls.sanction(s.record.id),
                s.grounds_name,
            )
        )
    return _feed(model, site_url, urls.FEED, model.config.site_name, entries)


def _corrections_atom(model: SiteModel, site_url: str | None) -> str:
    """Every correction of what the site published, newest first (更正记录)."""
    entries = [
        (
            date.fromisoformat(c["date"]),
            f"correction-{c['key']}-{c['date']}-{hashlib.sha256(c['note'].encode()).hexdigest()[:12]}",
            f"更正：{c['label']}",
            current_address(model, c["kind"], c["id"]),
            c["note"] + (f"（改动：{'、'.join(c['changed'])}）" if c["changed"] else ""),
        )
        for c in model.published.corrections()
    ]
    return _feed(
        model, site_url, urls.CORRECTIONS_FEED, f"{model.config.site_name}：更正记录", entries
    )


def current_address(model: SiteModel, kind: str, record_id: str) -> str:
    """Where a record's current version is shown (a decision: on its cycle's page)."""
    if kind == "notice":
        return urls.notice(record_id)
    if kind == "decision":
        decision = model.content.records.get(record_id)
        cycle = getattr(decision, "cycle", None)
        return urls.cycle(cycle) if cycle else urls.CORRECTIONS
    return urls.sanction(record_id)


def _feed(model: SiteModel, site_url: str | None, self_href: str, title: str, entries) -> str:
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    entries = sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)
    updated = entries[0][0] if entries else model.today
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{f" xml:base={chr(34)}{xml_escape(base)}{chr(34)}" if base else ""}>',
        f"<title>{xml_escape(title)}</title>",
        # the main feed keeps the id it always had: readers know a feed by it
        f"<id>tag:qaward-site,2026:{xml_escape(model.config.site_name)}"
        f"{'' if self_href == urls.FEED else '/' + xml_escape(self_href)}</id>",
        f"<updated>{updated}T00:00:00+08:00</updated>",
        f'<link rel="self" href="{xml_escape(self_href)}"/>',
        '<link href="./"/>',
    ]
    for day, key, entry_title, link, summary in entries:
        out += [
            "<entry>",
            f"<title>{xml_escape(entry_title)}</title>",
            f"<id>tag:qaward-site,{day.year}:{xml_escape(key)}</id>",
            f"<updated>{day}T00:00:00+08:00</updated>",
            f'<link href="{xml_escape(link)}"/>',
            f"<summary>{xml_escape(summary)}</summary>",
            f"<author><name>{xml_escape(model.config.sponsor or model.config.site_name)}</name></author>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _rulebooks(model: SiteModel, put: Callable[[str, str], None]) -> None:
    """Each ordinance's rules as open data: state (stated | silent | unknown), figures, article."""
    by_ordinance: dict[str, list[dict]] = {}
    for row in model.rules:
        by_ordinance.setdefault(row["ordinance"], []).append(
            {
                "rule": row["rule"],
                "title": row["title"],
                "state": row["state"],
                "article": row["article"],
                "articles": row["articles"],
                "summary": row["summary"],
                "figures": row["figures"],
            }
        )
    for ordinance_id, rows in by_ordinance.items():
        o = model.content.records[ordinance_id]
        data = {
            "ordinance": ordinance_id,
            "title": o.title,
            "doc_number": o.doc_number,
            "text": urls.ordinance(ordinance_id),
            "unverified": list(o.unverified),
            "rules": rows,
        }
        put(urls.rules_data(ordinance_id), _json(data))
