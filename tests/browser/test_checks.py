"""Accessibility, a crawl of every link, hostile input, broken content, screenshots."""

import hashlib
import re
import shutil
import subprocess
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from browser_helpers import SHOTS, TODAY, Server, copy_demo, demo_config, run_build

from qaward_site.site.build import build

KEY_PAGES = {
    "home": "",
    "notice": "notices/xinjiang-2026-acceptance/",
    "awards": "programmes/xinjiang/",
    "organisation": "organizations/91620602U92PELEU6P/",
    "ordinance": "ordinances/yining-2025/",
    "cycle": "cycles/daqing-2026/",
    "rules": "rules/",
}


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for attr in ("href", "src"):
            if a.get(attr) and (
                tag != "link"
                or "stylesheet" in (a.get("rel") or "")
                or attr == "href"
                and tag == "a"
            ):
                self.links.append(a[attr])


def test_crawl_finds_no_broken_link_or_anchor(demo_site):
    base, _ = demo_site
    host = urlsplit(base).netloc
    pages, queue, broken, fetched = {}, [base], [], set()
    while queue:
        url = queue.pop()
        if url in fetched:
            continue
        fetched.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except OSError as exc:
            broken.append(f"{url}: {exc}")
            continue
        if kind != "text/html":
            continue
        parser = _Anchors()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") and parts.netloc == host:
                queue.append(urldefrag(target)[0])
    for url, parser in pages.items():
        for link in parser.links:
            target, anchor = urldefrag(urljoin(url, link))
            same_site = urlsplit(target).netloc == host and target in pages
            if anchor and same_site and anchor not in pages[target].ids:
                broken.append(f"{url} → {link}")
    assert len(pages) >= 60
    assert not broken, broken[:20]


PAYLOAD = "<script>alert('{f}')</script><img src=x onerror=alert('{f}')>"
NOT_TEXT = {
    "kind",
    "id",
    "cycle",
    "ordinance",
    "notice",
    "applicant",
    "type",
    "stage",
    "level",
    "grounds",
    "outcome",
    "credit_code",
    "id_number",
    "text",
    "jurisdiction",
    "parent",
    "result",
    "recovered",
    "confidential",
    "email",
    "layer",
    "grade",
    "parent_credit_code",
    "calendar",
    "unverified",  # field names of the ordinance record
}


def poison(value, where: str):
    """Every free-text field of a record gets a payload naming where it went."""
    if isinstance(value, dict):
        return {k: v if k in NOT_TEXT else poison(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, str) and not re.fullmatch(r"[\d-]+|true|false", value):
        return value + PAYLOAD.format(f=where)
    return value


def test_script_payloads_in_every_text_field_never_run(tmp_path, browser):
    content = copy_demo(tmp_path)
    for path in content.rglob("*.yml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data["kind"] == "objection":
            data = {**poison(data, data["id"]), "objector": data["objector"]}
        elif data["kind"] == "rulebook":  # its prose reaches the pages; its codes must stay codes
            for rule_id, rule in data["rules"].items():
                for key in ("silent", "unknown", "when", "upheld_note", "evidence_note", "applicants"):
                    if key in rule:
                        rule[key] = poison(rule[key], f"{data['ordinance']}.{rule_id}.{key}")
        else:
            data = poison(data, data["id"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "site"
    build(content, out, demo_config(), TODAY)
    server = Server(out)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for url in [
            *KEY_PAGES.values(),
            "notices/yining-2026-proposal/",
            "sanctions/",
            "sanctions/wuwei-2024-rev-01/",
            "cycles/yining-2026/",
            "awards/",
            "objections/xinjiang/",
            "rules/yining-2025/",
            "ordinances/",
        ]:
            page.goto(server.url + url)
            page.wait_for_timeout(100)
        page.goto(server.url + "notices/yining-2026-proposal/")
        text = page.locator("article").inner_text()
        assert "<script>alert('yining-2026-proposal.title')</script>" in text
        assert "<img src=x onerror=alert('yining-2026-001.name')>" in text
        # search results and their excerpts: text, never markup
        page.goto(server.url + "search/?q=" + quote("script alert onerror"))
        page.wait_for_selector(".qa-result-title", timeout=15000)
        page.wait_for_timeout(500)
        shown = page.locator(".qa-results").inner_text()
        assert (
            "alert(" in shown and page.locator(".qa-results img, .qa-results script").count() == 0
        )
    finally:
        context.close()
        server.close()
    assert dialogs == []


GOOD = "cycles/yining-2026/applicants/001.yml"
BROKEN = {
    "syntax": (GOOD, b"kind: applicant\nid: [yining\n", "yaml", 3),
    "unknown-field": (GOOD, None, "schema", 4),
    "bad-date": ("cycles/yining-2026/cycle.yml", None, "schema", 5),
    "bad-checksum": (GOOD, None, "schema", 6),
    "dangling-reference": (GOOD, None, "reference", 3),
    "gbk": (GOOD, None, "yaml", 5),
    "alias-bomb": (
        "bomb.yml",
        b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n",
        "yaml",
        1,
    ),
}


def _broken_file(content: Path, case: str) -> str:
    rel, raw, _rule, _line = BROKEN[case]
    path = content / rel
    text = path.read_text("utf-8") if path.exists() else ""
    if case == "unknown-field":
        text = text.replace("type:", "tpye:")
    elif case == "bad-date":
        text = text.replace("call_published: 2026-03-02", "call_published: 2026-02-30")
    elif case == "bad-checksum":
        text = text.replace("91654002G8LTQ5H1DU", "91654002G8LTQ5H1DX")
    elif case == "dangling-reference":
        text = text.replace("cycle: yining-2026", "cycle: yining-2062")
    if case == "gbk":
        path.write_bytes(text.encode("gbk"))
    else:
        path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return rel


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("case", BROKEN)
def test_broken_content_is_refused_clearly_and_the_site_stays(tmp_path, demo_site, case):
    _, good_site = demo_site
    out = tmp_path / "site"
    shutil.copytree(good_site, out)
    before = _digest(out)
    content = copy_demo(tmp_path)
    rel = _broken_file(content, case)
    result = run_build(content, out)
    output = result.stdout + result.stderr
    _, _, rule, line = BROKEN[case]
    assert result.returncode != 0
    assert re.search(rf"{re.escape(rel)}:{line}:\d+: error {rule} ", output), output
    assert "Traceback" not in output
    assert _digest(out) == before


def test_screenshots_of_key_pages_show_chinese(demo_site, browser):
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no CJK font: apt-get install -y fonts-wqy-microhei (see the README)"
    base, _ = demo_site
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, label in ((1280, "desktop"), (390, "phone")):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        page = context.new_page()
        for name, url in KEY_PAGES.items():
            page.goto(base + url)
            page.wait_for_timeout(200)
            path = SHOTS / f"{name}-{label}.png"
            page.screenshot(path=path, full_page=False)
            assert path.stat().st_size > 10_000
        context.close()


def test_notice_prints_on_a4_without_site_chrome(demo_site, page, tmp_path):
    base, _ = demo_site
    page.goto(base + "notices/daqing-2026-proposal/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("section.qa-object").is_visible()
    pdf = tmp_path / "notice.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
