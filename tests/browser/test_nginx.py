"""Published as an office publishes: Debian's nginx serves the demo under a department's
subfolder (/zlj/qaward/) with deploy/nginx.conf, on 127.0.0.1, and a real browser walks it —
home, a notice, its letter, search, a page that does not exist — with nothing loaded from
another host. And a site built before a notice ended never says 公示中 after it."""

import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_helpers import CSP_LISTENER, DEMO, TODAY, demo_config, settle

from qaward_site.site.build import build
from qaward_site.site.nginx import NGINX, PREFIX, serving

CHINA = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: apt-get install -y nginx (see the README)")
    work = tmp_path_factory.mktemp("nginx")
    site = work / "www" / "zlj" / "qaward"
    config = demo_config().model_copy(update={"site_url": "https://www.example.gov.cn" + PREFIX})
    build(DEMO, site, config, TODAY, project=work)
    with serving(site, work / "nginx") as served:
        yield served.base, site


def test_the_walk_through_nginx_under_a_subfolder(nginx_site, page):
    base, _ = nginx_site
    origin = base[: -len(PREFIX) + 1]
    outside = []
    page.on("request", lambda r: None if r.url.startswith(origin) else outside.append(r.url))
    home = page.goto(base)
    assert home.status == 200 and "frame-ancestors" in home.headers["content-security-policy"]
    page.get_by_role(
        "link", name="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示"
    ).first.click()
    page.wait_for_load_state()
    assert page.url.startswith(base + "notices/")
    assert "书面" in page.locator("section.qa-object").inner_text()
    page.goto(base + "notices/daqing-2026-proposal/letter/")
    assert page.locator("h1").inner_text().startswith("异议书")
    page.goto(base + "search/?q=" + quote("天马"))
    page.wait_for_selector(".qa-result-title", timeout=15000)
    assert page.locator(".qa-result-title").first.get_attribute("href").startswith(PREFIX) or (
        page.locator(".qa-result-title").first.evaluate("a => a.href").startswith(base)
    )
    # a page that does not exist, at any depth: the styled 404 page, its scripts and styles load
    missing = page.goto(base + "no/such/page/")
    assert missing.status == 404
    assert page.locator("link[rel=stylesheet]").count() >= 1
    loaded = page.evaluate("() => [...document.styleSheets].filter(s => s.cssRules.length).length")
    assert loaded >= 1 and page.locator("header").count() == 1
    ics = urllib.request.urlopen(base + "notices/daqing-2026-proposal.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert outside == []


WALK = {
    "home": "",
    "notice": "notices/daqing-2026-proposal/",
    "letter": "notices/daqing-2026-proposal/letter/",
    "search": "search/?q=" + quote("天马"),
    "404": "no/such/page/",
}


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large-print"])
@pytest.mark.parametrize("step", WALK)
def test_each_step_of_the_walk_passes_axe_and_both_policies(browser, nginx_site, step, large_print):
    """As served: the header's CSP and the page's <meta> both in force, axe on what loaded."""
    from axe_playwright_python.sync_playwright import Axe

    base, _ = nginx_site
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    if large_print:
        context.add_init_script(
            "localStorage.setItem('qaward-preferences', JSON.stringify({large: true}));"
        )
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        answer = page.goto(base + WALK[step])
        assert answer.status == (404 if step == "404" else 200)
        assert "frame-ancestors" in answer.headers["content-security-policy"]
        if step == "search":
            page.wait_for_selector(".qa-result-title", timeout=15000)
        settle(page)
        if large_print:
            assert "qa-large" in page.evaluate("document.documentElement.className")
        violations = Axe().run(page).response["violations"]
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not bad, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
        assert page.evaluate("window.__csp") == [] and errors == []
    finally:
        context.close()


def test_the_build_s_own_files_are_not_served(nginx_site):
    base, site = nginx_site
    assert (site / ".qaward-build").exists()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(base + ".qaward-build")
    assert refused.value.code == 404


def test_a_site_built_before_a_notice_ended_never_says_it_is_open_after(nginx_site, page):
    """Built on 11-22, read on 12-02: every notice of the demo has ended by then — no list,
    heading, badge or search result may still call one 公示中."""
    base, _ = nginx_site
    page.clock.set_fixed_time(datetime(2026, 12, 2, 10, tzinfo=CHINA))
    for path in ("", "notices/", "objections/", "objections/xinjiang/", "cycles/xinjiang-2026/"):
        page.goto(base + path)
        assert not [s for s in page.locator(".qa-status").all_inner_texts() if "公示中" in s], path
        for listing in page.locator("[data-live-open]").all():
            assert listing.locator("li[data-end]:visible").count() == 0, path
            assert listing.locator(".qa-list__none").is_visible(), path
        for heading in page.locator("[data-live-heading]").all():
            assert "截至" not in heading.inner_text()  # the browser says today, not the build day
    page.goto(base)
    assert page.locator("#latest-notices + ul li[data-end]").count() >= 3  # the latest, always
    page.goto(base + "search/?q=" + quote("受理名单公示"))
    page.wait_for_selector(".qa-result-title", timeout=15000)
    page.wait_for_timeout(300)
    assert "公示中" not in page.locator(".qa-results").inner_text()


def test_text_is_sent_compressed_and_the_index_as_it_is(nginx_site):
    """What a page costs a visitor over the wire: pages, CSS, JavaScript and the name index
    gzipped; pagefind's index files (compressed when written) sent as they are."""
    base, site = nginx_site

    def fetch(rel):
        asked = urllib.request.Request(base + rel, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as answer:
            return answer.headers.get("Content-Encoding"), len(answer.read())

    style = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    for rel in ("search/", style, "assets/search.js", "search-names/o/meta.json"):
        assert fetch(rel)[0] == "gzip", rel
    wasm = next((site / "pagefind" / "main").glob("wasm.*.pagefind"))
    assert fetch(wasm.relative_to(site).as_posix()) == (None, wasm.stat().st_size)


def test_the_benchmark_weighs_a_search_as_nginx_sends_it(nginx_site, browser, tmp_path):
    """The benchmark's search figures (issue 28): counted from nginx's log of what it sent,
    compressed; a name answered by the name index, pagefind not yet asked."""
    from qaward_site.dev import bench

    _, site = nginx_site
    name = "武威天马精密铸造有限公司"
    queries = {"name": name, "part": "精密机械"}
    figures = bench.search_in_browser(site, queries, tmp_path, browser)
    assert figures["search_name_first_result_is_it"] and figures["search_header_first_result_is_it"]
    for label in ("name", "part", "header"):
        sent = figures[f"search_{label}_kb_before_first_result"]
        assert 0 < sent < figures[f"search_{label}_kb_raw_before_first_result"], label
        assert figures[f"search_{label}_pagefind_requests_before_first_result"] == 0, label


def test_the_build_s_folders_beside_the_site_are_not_served(tmp_path):
    """The department's own site serves the rest of /zlj/: the build's folders beside the
    published one (its staging while it runs, the old site while it is deleted) are refused
    there too."""
    www = tmp_path / "www"
    site = www / "zlj" / "qaward"
    config = demo_config().model_copy(update={"site_url": "https://www.example.gov.cn" + PREFIX})
    build(DEMO, site, config, TODAY, project=tmp_path)
    (www / "zlj" / "index.html").write_text("<p>部门首页</p>", "utf-8")
    for folder in (".qaward-building-x/site", ".qaward-old-1-2"):  # as a build leaves them
        (www / "zlj" / folder).mkdir(parents=True)
        (www / "zlj" / folder / "index.html").write_text("<p>未发布</p>", "utf-8")
    with serving(site, tmp_path / "nginx", root=www) as served:
        origin = served.base[: -len(PREFIX)]
        assert urllib.request.urlopen(origin + "/zlj/index.html").status == 200
        assert urllib.request.urlopen(served.base).status == 200
        for path in ("/zlj/.qaward-building-x/site/index.html", "/zlj/.qaward-old-1-2/"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(origin + path)
            assert refused.value.code == 404, path
