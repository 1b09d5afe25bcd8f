"""Every address of the site, made in one place: pages, templates and exports all ask here, so
a published address cannot drift (a notice's URL must never change).

Addresses are site-relative folders ("notices/x/"); `doc` gives the Markdown file mkdocs turns
into each; templates make them relative to the page with `url(...)`.
"""

from __future__ import annotations

HOME = ""
NOTICES = "notices/"
AWARDS = "awards/"
SANCTIONS = "sanctions/"
OBJECTIONS = "objections/"
ORDINANCES = "ordinances/"
RULES = "rules/"
SEARCH = "search/"
DATA = "data/"
SITE_MAP = "site-map/"  # 网站地图 (sitemap.xml is for search engines)
CONTACT = "contact/"  # 联系我们
PRIVACY = "privacy/"  # 隐私声明
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
SEARCH_INDEX = "pagefind/main/"
AWARDS_CSV = "data/awards.csv"
AWARDS_JSON = "data/awards.json"
NOTICES_JSON = "data/notices.json"
PUBLISHED = "data/published.json"  # what the site published, fact by fact (rules/published.py)
CORRECTIONS = "corrections/"  # 更正记录
CORRECTIONS_FEED = "corrections.xml"


def notice(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def notice_letter(notice_id: str) -> str:
    """The objector's letter (异议书) to print for this notice."""
    return f"notices/{notice_id}/letter/"


def notice_calendar(notice_id: str) -> str:
    return f"notices/{notice_id}.ics"


def cycle(cycle_id: str) -> str:
    return f"cycles/{cycle_id}/"


def cycle_data(cycle_id: str, suffix: str) -> str:
    return f"data/{cycle_id}/awards.{suffix}"


def programme(jurisdiction: str) -> str:
    return f"programmes/{jurisdiction}/"


def objections(jurisdiction: str) -> str:
    return f"objections/{jurisdiction}/"


def organization(credit_code: str) -> str:
    return f"organizations/{credit_code}/"


def sanction(record_id: str) -> str:
    return f"sanctions/{record_id}/"


def ordinance(ordinance_id: str, anchor: str | None = None) -> str:
    return f"ordinances/{ordinance_id}/" + (f"#{anchor}" if anchor else "")


def rules(ordinance_id: str) -> str:
    return f"rules/{ordinance_id}/"


def rules_data(ordinance_id: str) -> str:
    """An ordinance's rulebook as open data: every rule's state, figures and article."""
    return f"data/rules/{ordinance_id}.json"


# where each kind of record's earlier versions live (a decision has no page of its own: its
# cycle's page shows it, and its versions live under decisions/)
VERSION_SECTIONS = {
    "notice": "notices/",
    "decision": "decisions/",
    "revocation": "sanctions/",
    "disqualification": "sanctions/",
}


def version(kind: str, record_id: str, n: int) -> str:
    """A record's version n as first published, kept when a correction replaced it."""
    return f"{VERSION_SECTIONS[kind]}{record_id}/v{n}/"


def doc(url: str) -> str:
    """The Markdown file for a page address: "notices/x/" → "notices/x.md", a section's
    "notices/" → "notices/index.md", the home page "" → "index.md"."""
    if url == HOME:
        return "index.md"
    stem = url.rstrip("/")
    return f"{stem}/index.md" if stem.count("/") == 0 else f"{stem}.md"
