"""Check a built site before it replaces the old one: no private value anywhere in it, no
request to another host, no broken internal link or anchor."""

from __future__ import annotations

import gzip
import html
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import ahocorasick

from qaward_site import bulk
from qaward_site.records import Applicant, Objection
from qaward_site.records.content import Content

TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".ics", ".js", ".css", ".txt", ".md", ".gz"}
# <link rel=…> values that make the browser fetch something (canonical and alternate do not)
LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "apple-touch-icon",
    "prerender",
}
# What may stand inside a private value without making it another value: spaces, hyphens,
# dots, brackets, soft hyphens, zero-width and combining joiners, middle dots (ASCII and
# full-width). Removed on both sides before matching, after the compatibility forms a value
# can be spelt in are made plain (NFKC, applied to those characters only: full-width letters and
# digits, compatibility ideographs, Kangxi radicals) and case is folded (ID numbers ending in
# x/X): 138 9901 2745, 138-9901-2745, ６５４０…, 柯\u00ad秋澜 all match.
_INVISIBLE = (
    "\u00ad\u034f\u180e"
    + "".join(map(chr, range(0x200B, 0x2010)))
    + "\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_SEPARATORS = (
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # hyphens, dashes
    ".\u00b7\u2022\u2027\u30fb\u2219\uff0e\uff65"  # dots
    "()\uff08\uff09\u3000"  # brackets, the ideographic space
)
# NFKC on the whole text costs as much as the rest of the scan together: only where it matters
_COMPATIBLE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uf900-\ufaff\u2f00-\u2fdf]+")
# one character class, removed in one regex pass: str.translate with a table is ten times
# slower on Chinese text (measured: 0.76 ms a page, 10 s for a 5,000-page site)
_STRIP = re.compile("[\\s" + re.escape(_INVISIBLE + _SEPARATORS) + "]+")
_TAGS = re.compile(r"<[^<>]*>")
_WATCHED = {
    "a",
    "link",
    "script",
    "img",
    "iframe",
    "source",
    "video",
    "audio",
    "embed",
    "object",
    "track",
    "meta",
}
# The pages' Content-Security-Policy (overrides/main.html): scripts are files of this site, never
# inline or from another host; pagefind compiles its WebAssembly. Checked on every page below.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
_DATA_SCRIPTS = {"application/json", "application/ld+json"}  # read, never run
_STYLE_URL = re.compile(r"""style\s*=\s*["'][^"']*url\(\s*['"]?([^'")]+)""")
LOADING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}


@dataclass(frozen=True)
class Private:
    value: str
    source: str  # "file: field", never the value itself


def normalise(text: str) -> str:
    """One spelling for matching private values (see _REMOVE)."""
    text = _COMPATIBLE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _STRIP.sub("", text).casefold()


MIN_PRIVATE = 2  # characters, once normalised: a two-character name is common, one is not a name


def private_values(content: Content) -> list[Private]:
    """Objectors' identity, individuals' ID numbers, and what applicants mark confidential."""
    found: list[Private] = []
    for o in content.all(Objection):
        for field in ("name", "id_number", "phone", "address"):
            value = getattr(o.objector, field)
            if value:
                found.append(Private(str(value), f"{o.file}（{o.id}）: objector.{field}"))
    for a in content.all(Applicant):
        if a.id_number:
            found.append(Private(a.id_number, f"{a.file}（{a.id}）: id_number"))
        for field in a.confidential:
            for value in _strings(getattr(a, field)):
                found.append(Private(value, f"{a.file}（{a.id}）: {field}"))
    return [p for p in found if len(normalise(p.value)) >= MIN_PRIVATE]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "model_dump"):
        return [v for v in value.model_dump().values() if isinstance(v, str)]
    return []


def _readable(path: Path) -> str | None:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # pagefind's index fragments
        try:
            raw = gzip.decompress(raw)
        except OSError:
            return None
    if (
        path.name.startswith("pagefind")
        or path.suffix.startswith(".pf_")
        or path.suffix in TEXT_SUFFIXES
    ):
        # one normalised text holds whatever the raw one does: entities decoded, \u escapes
        # decoded, then every spelling made one (normalise: the zero-width spaces search indexes
        # put between segmented words, 柯\u200b秋澜, are gone with the rest); for markup, once
        # more without its tags (柯<b>秋</b>澜 is still a name)
        text = raw.decode("utf-8", "replace")
        if "\\u" in text:
            text = _json_decoded(text)
        if "<" in text:
            return "\0".join(_text_and_tags(text))
        if "&" in text:
            text = html.unescape(text)
        return normalise(text)
    return None


def _text_and_tags(markup: str) -> tuple[str, str]:
    """Markup's text without its tags, and its tags alone (attribute values), each with its
    entities decoded and normalised."""
    text, tags = _TAGS.sub("", markup), "\0".join(_TAGS.findall(markup))
    if "&" in text:
        text = html.unescape(text)
    if "&" in tags:
        tags = html.unescape(tags)
    return normalise(text), normalise(tags)


def _json_decoded(text: str) -> str:
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return _unicode_escapes(text)


def _unicode_escapes(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def scan_private(site: Path, private: list[Private], only: list[Path] | None = None) -> list[str]:
    """Every file of the site (or only these) that holds a private value. One pass over each
    file for all the values at once (Aho–Corasick): testing each value in turn made the scan
    grow with files × values, i.e. with the square of the site (33 s at 20,000 pages)."""
    if not private:
        return []
    automaton = _automaton(private)
    problems = []
    paths = only if only is not None else sorted(p for p in site.rglob("*") if p.is_file())
    for path in paths:
        text = _readable(path)
        if text is not None:
            problems += _found(automaton, text, path.relative_to(site))
    return problems


def _automaton(private: list[Private]):
    automaton = ahocorasick.Automaton()
    for item in private:
        value = normalise(item.value)
        sources = automaton.get(value, [])
        automaton.add_word(value, [*sources, item.source])
    automaton.make_automaton()
    return automaton


def _found(automaton, text: str, rel) -> list[str]:
    found = {source for _, sources in automaton.iter(text) for source in sources}
    return [f"{rel} 含有不应公开的 {source}" for source in sorted(found)]


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
# an event-handler attribute runs script: the templates write none, so any is injected
_HANDLER = re.compile(r"""<[a-zA-Z][^<>]*?[\s/"']on[a-zA-Z]+\s*=""")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


class _Links:
    """Ids, links and loads of one HTML page. A tag scanner, not a full parser: the pages are
    mkdocs-material's and ours, and it is some ten times faster than html.parser on them."""

    def __init__(self):
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.loads: list[str] = []
        self.handlers = 0
        self.inline_scripts = 0
        self.csp = False

    def as_data(self) -> dict:
        """As plain data the build can keep between runs."""
        return {
            "ids": sorted(self.ids),
            "links": self.links,
            "loads": self.loads,
            "handlers": self.handlers,
            "inline_scripts": self.inline_scripts,
            "csp": self.csp,
        }

    def add(self, piece: _Links) -> None:
        """What a piece of the same page holds (its csp None: it holds no policy)."""
        self.ids |= piece.ids
        self.links += piece.links
        self.loads += piece.loads
        self.handlers += piece.handlers
        self.inline_scripts += piece.inline_scripts
        self.csp = self.csp if piece.csp is None else piece.csp

    def feed(self, text: str) -> None:
        self.handlers += len(_HANDLER.findall(text))
        for m in _ID.finditer(text):
            self.ids.add(html.unescape(m.group(1) or m.group(2) or m.group(3) or ""))
        self.loads += _STYLE_URL.findall(text)
        for tag_match in _TAG.finditer(text):
            tag = tag_match.group(1).lower()
            if tag not in _WATCHED:
                continue
            a = {
                m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
                for m in _ATTR.finditer(tag_match.group(2))
            }
            self.handle_starttag(tag, a)

    def handle_starttag(self, tag, a):
        if tag == "script" and not a.get("src") and a.get("type") not in _DATA_SCRIPTS:
            self.inline_scripts += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content") == CSP
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(("a", a["href"]))
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & LOADING_RELS:
                self.loads.append(a["href"])
            self.links.append(("link", a["href"]))
        attr = LOADING.get(tag)
        if attr and a.get(attr):
            self.loads.append(a[attr])
            self.links.append((tag, a[attr]))
        for value in (a.get("srcset") or "").split(","):
            if value.strip():
                self.loads.append(value.split()[0])


# the registries a government site's footer links to (ICP, 公安, 党政机关网站标识): links a
# reader may follow, never anything a page loads
REGISTRIES = {"beian.miit.gov.cn", "beian.mps.gov.cn", "www.beian.gov.cn", "bszs.conac.cn"}


def _external(url: str, own_host: str | None) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") or url.strip().startswith("//"):
        return parts.netloc != own_host
    return False


def parse_pages(site: Path, paths: list[Path] | None = None) -> dict[str, dict]:
    """Ids, links and loads of each HTML page, as plain data the build can keep between runs."""
    out = {}
    for path in paths if paths is not None else sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text("utf-8", "replace"))
        out[path.relative_to(site).as_posix()] = parser.as_data()
    return out


def scan_links(
    site: Path,
    site_url: str | None,
    pages: dict[str, dict] | None = None,
    css: list[Path] | None = None,
    files: set[str] | None = None,
    pending: tuple[str, list] | None = None,
    only: set[str] | None = None,
) -> list[str]:
    """Broken internal links and anchors; anything that would load from another host; links
    to other hosts; javascript: URLs. `pages` (from parse_pages) may come from earlier runs,
    `files` (every file of the site, site-relative) from the caller's own listing. pending
    (folder, list): links into that folder, not yet written, are put on the list to check
    later, and a page with any is marked `into_index`. only: the pages to scan, if not all
    (anchors are still looked up in every page)."""
    own_host = urlsplit(site_url).netloc if site_url else None
    root = (urlsplit(site_url).path if site_url else "/").rstrip("/") + "/"
    if files is None:
        files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = pages if pages is not None else parse_pages(site)
    ids: dict[str, set[str]] = {}
    # what each link is, from each folder: the theme's links are the same on every page of a
    # folder, and deciding each anew was most of a rebuild's verification (171,000 at 5,000 pages)
    decided: dict[tuple[str, str, str], tuple] = {}
    external: dict[str, bool] = {}
    problems = []
    for rel in sorted(only) if only is not None else pages:
        page = pages[rel]
        if page.get("handlers"):
            problems.append(f"{rel} 含有 {page['handlers']} 个事件属性（on…=）：可能是注入的脚本")
        if page.get("inline_scripts"):
            problems.append(f"{rel} 含有 {page['inline_scripts']} 段内联脚本：内容安全策略不允许")
        if not page.get("csp"):
            problems.append(f"{rel} 缺少本站的内容安全策略（Content-Security-Policy）")
        for url in page["loads"]:
            if url not in external:
                external[url] = _external(url, own_host)
            if external[url]:
                problems.append(f"{rel} 从外部主机加载 {url}")
        folder = rel.rpartition("/")[0]
        for kind, url in page["links"]:
            url = url.strip()
            key = (*_seen_from(folder, url), kind)
            what = decided.get(key)
            if what is None:
                what = decided[key] = _link(kind, key[1], key[0], own_host, root)
            if what[0] == "skip":
                continue
            if what[0] == "javascript":
                problems.append(f"{rel} 含有 javascript: 链接")
                continue
            if what[0] == "external":
                problems.append(f"{rel} 链接到外部网站 {url}")
                continue
            target = rel if what[1] == _SELF else what[1]
            if pending and target and target.startswith(pending[0]):
                if not page.get("into_index"):  # a new record: the one given may be the cache's
                    page = pages[rel] = page | {"into_index": True}  # scanned on every rebuild
                if target not in files:
                    pending[1].append((rel, url, target))  # a file still being written
                    continue
            if target is None or target not in files:
                problems.append(f"{rel} 的链接 {url} 指向不存在的页面")
                continue
            fragment = what[2]
            if fragment and target in pages:
                if target not in ids:
                    ids[target] = set(pages[target]["ids"])
                if fragment not in ids[target]:
                    problems.append(f"{rel} 的链接 {url} 指向不存在的锚点")
    for sheet in css if css is not None else sorted(site.rglob("*.css")):
        text = sheet.read_text("utf-8", "replace")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if _external(url, own_host):
                problems.append(f"{sheet.relative_to(site)} 从外部主机加载 {url}")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", text):
            if _external(url, own_host):
                problems.append(f"{sheet.relative_to(site)} 从外部主机导入 {url}")
    return problems


_SELF = ""  # a link to the page it is on ("#part")


def _seen_from(folder: str, url: str) -> tuple[str, str]:
    """The same link from higher up: ../../awards/ from organizations/X is awards/ from the
    root, as on every other organisation's page (each page is a folder of its own)."""
    while folder and url.startswith("../") and url[3:4] not in ("", "/", "#", "?"):
        folder, url = folder.rpartition("/")[0], url[3:]
    return folder, url


def _link(kind: str, url: str, folder: str, own_host: str | None, root: str) -> tuple:
    """What a link (stripped) on a page in folder is: ("skip",), ("javascript",), ("external",)
    or ("internal", the file it leads to (_SELF; None outside the site), its anchor)."""
    parts = urlsplit(url)
    if parts.scheme == "javascript":
        return ("javascript",)
    if parts.scheme in ("mailto", "tel", "data") or kind != "a" and not url:
        return ("skip",)
    if _external(url, own_host):
        if kind == "a" and parts.netloc not in REGISTRIES:
            return ("external",)
        return ("skip",)
    if parts.scheme or parts.netloc:
        return ("skip",)
    path = unquote(parts.path)
    target = _resolve(folder, path, root) if path else _SELF
    return ("internal", target, unquote(parts.fragment))


def _resolve(folder: str, path: str, root: str = "/") -> str | None:
    """The site file a (non-empty) link path leads to from a page in folder; an absolute path
    counts from the site's own base path (a department's subfolder: /zlj/qaward/ is the site's
    root), None outside the site."""
    if path.startswith("/"):
        if not (path + "/").startswith(root):
            return None
        target = path[len(root) :] if len(path) >= len(root) else ""
        target = posixpath.normpath(target) if target else "."
    else:
        target = posixpath.normpath(posixpath.join(folder, path))
    if target.startswith(".."):
        return None
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target


def check_pages(site: Path, private: list[Private], paths: list[Path]) -> Checked:
    """The privacy scan and the parse of these pages, where mkdocs has just written them (each
    of its processes its own pages): verify_site reads them no more."""
    return PageReader(private).check(site, [p for p in paths if p.is_file()])


class PageReader:
    """The privacy scan and the link parse of many pages, each distinct piece of a page read
    once. Most of a page is the theme's (header, navigation, footer: 86 % of an organisation's
    page), the same lines on every page of a folder; scanning them again on every page made
    verification as slow as mkdocs itself. A page is cut into pieces only where a tag has just
    ended, so each piece reads alone as it does within the page: the page's text is its pieces'
    texts joined, and its links its pieces' links (tests/test_site_build.py compares both with
    the whole-page readers on every page of the demo site)."""

    LIMIT = 20_000  # pieces remembered: the theme's come back at once after a clearing

    def __init__(self, private: list[Private]):
        self.automaton = _automaton(private) if private else None
        self.pieces: dict[str, tuple] = {}

    def check(self, site: Path, paths: list[Path]) -> Checked:
        out = Checked({}, [], set())
        for path in paths:
            rel = path.relative_to(site).as_posix()
            text, tags, links = self.read(path.read_text("utf-8", "replace"))
            if self.automaton is not None:
                out.problems += _found(self.automaton, text + "\0" + tags, rel)
            out.links[rel] = links
            out.files.add(rel)
        return out

    def read(self, page: str) -> tuple[str, str, dict]:
        """The page's normalised text, its tags' (as _readable has them), its parse."""
        texts, tags, links = [], [], _Links()
        for piece in pieces(page):
            known = self.pieces.get(piece)
            if known is None:
                if len(self.pieces) >= self.LIMIT:
                    self.pieces.clear()
                known = self.pieces[piece] = _read_piece(piece)
            texts.append(known[0])
            tags.append(known[1])
            links.add(known[2])
        return "".join(texts), "\0".join(tags), links.as_data()


# where a page is cut: after a tag's '>' and the blank that follows it ('>' ends any tag the
# scanners' patterns see, and no entity or escape holds one), before a line opening one of the
# theme's regions
_CUT = re.compile(
    r">\s*\n(?=[ \t]*<(?:title|meta|link|header|nav|main|article|/article|footer|script|h1|h2"
    r'|/head|body|div class="md-(?:sidebar|content|container|dialog))\b)'
)


def pieces(page: str) -> list[str]:
    """The page cut into the theme's regions and ours: header, navigation, article, footer."""
    out, at = [], 0
    for m in _CUT.finditer(page):
        out.append(page[at : m.end()])
        at = m.end()
    out.append(page[at:])
    return [piece for piece in out if piece]


def _read_piece(piece: str) -> tuple[str, str, _Links]:
    text, tags = _text_and_tags(_unicode_escapes(piece) if "\\u" in piece else piece)
    parser = _Links()
    parser.csp = None  # this piece says nothing of the policy unless it holds the meta tag
    parser.feed(piece)
    return text, tags, parser


def _links_to_scan(
    before: dict[str, dict], fresh: dict[str, dict], links: dict[str, dict], removed: set | None
) -> set[str] | None:
    """The pages whose links a rebuild must check (None: all). A page the last build verified
    and this one did not write has links that still hold, unless a file they lead to is gone
    (removed) or a page rewritten lost an anchor they name: then every page is checked, as
    after a full build. Its links into the search index are checked again every time (the
    index's files are renamed as it is rewritten): pages marked into_index."""
    if removed is None or removed:
        return None
    for rel, page in fresh.items():
        old = before.get(rel)
        if old is not None and not set(old["ids"]) <= set(page["ids"]):
            return None
    return set(fresh) | {rel for rel, page in links.items() if page.get("into_index")}


@dataclass
class Checked:
    links: dict[str, dict]  # parse_pages of these pages
    problems: list[str]  # what scan_private found in them
    files: set[str]  # site-relative

    @classmethod
    def merged(cls, parts: list[Checked]) -> Checked:
        out = cls({}, [], set())
        for part in parts:
            out.links.update(part.links)
            out.problems += part.problems
            out.files |= part.files
        return out


def verify_site(
    site: Path,
    files: set[str],
    private,
    site_url: str | None,
    changed: list[str] | None,
    links: dict,
    full_privacy: bool,
    checked: Checked | None = None,
    index: tuple[str, Callable[[], tuple[set[str], list[str]]]] | None = None,
    removed: set[str] | None = None,
) -> tuple[list[str], dict]:
    """The privacy scan and the link scan, side by side on the machine's two cores. After an
    incremental build only new files are read: the rest is the published site, verified before
    (all of it again when the set of private values changed). Pages checked where mkdocs wrote
    them (check_pages) are not read again. index, if given, is the search index being written
    meanwhile: its folder, and a call made once the rest is read, that waits for it and returns
    the site's files then and the index files to scan. removed: the published site's files,
    outside the index, that this one no longer has (see _links_to_scan)."""
    checked = checked or Checked({}, [], set())
    with bulk.pool(1) as pool:
        if full_privacy or changed is None:
            only = [site / rel for rel in sorted(files - checked.files)]
        else:
            only = [site / rel for rel in changed if rel not in checked.files]
        privacy = pool.submit(scan_private, site, private, only)
        if changed is None:
            todo = sorted(rel for rel in files if rel.endswith(".html"))
            links, css = {}, [site / rel for rel in sorted(files) if rel.endswith(".css")]
        else:
            # and any page the last build's record lacks (a cache lost or cut short)
            todo = sorted(
                {rel for rel in changed if rel.endswith(".html")}
                | {rel for rel in files if rel.endswith(".html") and rel not in links}
            )
            css = [site / rel for rel in changed if rel.endswith(".css")]
        fresh = parse_pages(site, [site / r for r in todo if r not in checked.files])
        fresh.update({rel: page for rel, page in checked.links.items() if rel in files})
        before, links = links, {rel: page for rel, page in links.items() if rel in files}
        links.update(fresh)
        only = _links_to_scan(before, fresh, links, removed) if changed is not None else None
        if index is None:
            problems = scan_links(site, site_url, links, css, files, only=only)
            return sorted(checked.problems + privacy.result()) + problems, links
        # links into the index wait for it; the rest are checked while it is written
        folder, written = index
        pending: list[tuple[str, str, str]] = []
        problems = scan_links(
            site, site_url, links, css, files, pending=(folder, pending), only=only
        )
        files, indexed = written()
        problems += [f"{rel} 的链接 {url} 指向不存在的页面" for rel, url, to in pending if to not in files]  # fmt: skip
        # the index files: half in the second process, half here
        halves = [site / rel for rel in indexed[::2]], [site / rel for rel in indexed[1::2]]
        other = pool.submit(scan_private, site, private, halves[0])
        found = privacy.result() + other.result() + scan_private(site, private, halves[1])
        return sorted(checked.problems + found) + problems, links
