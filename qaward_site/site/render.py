"""Pages as Markdown (with raw HTML blocks) from the jinja2 templates in templates/.

Every content string is escaped: HTML-escaped by autoescape in HTML blocks, and additionally
backslash-escaped where it lands in Markdown (`md`), so no record can inject markup or links.
Links are relative, so the site works under any path on any static server.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from qaward_site import vocabulary
from qaward_site.numerals import to_int
from qaward_site.records import organisation_key
from qaward_site.records.ordinance_text import CITATION, RANGE, anchor
from qaward_site.site import search, urls
from qaward_site.vocabulary import cn_date


def _shipped_templates() -> Path:
    """The project's templates/: copied into the package by the wheel; in a checkout (and an
    editable install) the top-level folder itself, so an edit there shows on the next build."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


TEMPLATES = _shipped_templates()  # the project's own, the default
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^=:])")


@dataclass
class Page:
    path: str  # e.g. "notices/yining-2026-proposal.md"
    template: str
    title: str
    context: dict = field(default_factory=dict)
    search: bool = True  # indexed for search
    moved_to: str = ""  # a former address: the page's address now (site-relative)
    noindex: bool = False  # kept for the record (a corrected version), not for search engines
    programmes: tuple[str, ...] = ()  # the programmes it belongs to, for the search's filter
    names: tuple[str, ...] = ()  # what else it is found by, with their pinyin (an organisation)

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, as mkdocs writes it ('' for home)."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


def url_between(from_url: str, to_url: str) -> str:
    """A relative link from one page URL (a folder, '' for the root) to another URL."""
    target, _, anchor = to_url.partition("#")
    rel = posixpath.relpath("/" + target, "/" + from_url) if target or from_url else "."
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return rel + (f"#{anchor}" if anchor else "")


def md(text) -> Markup:
    """Escape text for Markdown inline context: HTML first, then Markdown's punctuation."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def yuan(amount: int | None) -> str:
    if amount is None:
        return ""
    if amount == 0:
        return "无奖金"
    if amount % 10000 == 0:
        return f"{amount // 10000}万元"
    return f"{amount}元"


def article_anchors(citation: str) -> list[tuple[str, str]]:
    """(label, anchor) for each 条 a citation names: '第十四条（二）、（六）' → two items."""
    citation = RANGE.sub(lambda m: f"第{m.group(1)}条至第{m.group(2)}条", citation)
    return [
        (
            m.group(0),
            anchor(
                to_int(m.group(1)),
                to_int(m.group(2)) if m.group(2) else None,
                to_int(m.group(3)) if m.group(3) else None,
            ),
        )
        for m in CITATION.finditer(citation)
    ]


def template_roots(custom: Path | None = None) -> list[Path]:
    """Where templates are looked up: a site's own folder first (as mkdocs' custom_dir), then
    the package's."""
    return [custom, TEMPLATES] if custom is not None else [TEMPLATES]


def template_files(roots: list[Path], folder: str) -> dict[str, Path]:
    """Every file under folder of the template roots (relative path → file), the first root
    that has a file winning."""
    files: dict[str, Path] = {}
    for root in reversed(roots):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    files[path.relative_to(base).as_posix()] = path
    return dict(sorted(files.items()))


def environment(roots: list[Path] | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(roots or [TEMPLATES]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, cn_date=cn_date, yuan=yuan, tojson=_tojson)
    # the single sources: every address, the article anchors, every label
    env.globals.update(to=urls, anchor=anchor, vocab=vocabulary, org_key=organisation_key)
    env.globals.update(organisation_jsonld=organisation_jsonld)
    return env


def organisation_jsonld(org) -> dict:
    """An organisation's page as schema.org reads it. Made while its page is rendered, from the
    organisation the page is given: not a value of its own among the page's inputs, which
    would be digested on every page of 20,000 for what the organisation's key holds already
    (a third of each page key's bytes)."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.name,
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "统一社会信用代码",
            "value": org.credit_code or org.key,
        },
        "award": [
            f"{a.cycle.year}年度{a.ordinance.award}{a.level_name}"
            + ("（已撤销）" if a.revocation else "")
            for a in org.awards
        ],
    }


def _tojson(value) -> Markup:
    return Markup(json.dumps(value, ensure_ascii=False, default=str).replace("<", "\\u003c"))


def render_page(env: Environment, page: Page, shared: dict) -> str:
    here = page.url

    def url(target: str) -> str:
        return url_between(here, target)

    def cite(ordinance_id: str, citation: str) -> Markup:
        """The citation with each 条 linked to its anchor in the ordinance's page."""
        if not citation:
            return Markup("")
        text = str(escape(citation))
        for label, fragment in article_anchors(citation):
            link = url(urls.ordinance(ordinance_id, fragment))
            text = text.replace(
                str(escape(label)), f'<a href="{escape(link)}">{escape(label)}</a>', 1
            )
        return Markup(text)

    template = env.get_template(page.template)
    body = template.render({**shared, **page.context, "page": page, "url": url, "cite": cite})
    front = "---\n" + f"title: {json.dumps(str(escape(page.title)), ensure_ascii=False)}\n"
    if page.moved_to:
        front += f"moved_to: {json.dumps(page.moved_to)}\n"
    if page.noindex:
        front += "noindex: true\n"
    if not page.search:
        front += "search_exclude: true\n"
    else:  # the title found by any part of it, weighted as a heading; what the page is
        body += f"\n{search.hidden_words(search.title_keys(page.title), 7)}\n"
        body += f"{search.filter_marks(page.path, page.programmes)}\n"
    return front + "---\n\n" + body
