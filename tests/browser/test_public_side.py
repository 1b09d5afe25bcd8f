"""The public side as a visitor of a government site expects it: a search box in every page's
header, 大字版 and 高对比度 remembered, every journey by keyboard alone, axe on every page kind
in both modes, the objector's letter, and a Content-Security-Policy no page breaks."""

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest
from browser_helpers import CSP_LISTENER, PAGE_KINDS, SHOTS, Server, settle

from qaward_site.site.render import TEMPLATES

MODES = {"normal": (), "large-contrast": ("large", "contrast")}


# pages no visitor stays on: a notice's former address leads on at once (test_stable_urls)
PASSED_THROUGH = {"moved"}


def test_every_template_has_a_page_kind():
    templates = {p.name.removesuffix(".md.j2") for p in (TEMPLATES / "pages").glob("*.md.j2")}
    assert templates - PASSED_THROUGH <= set(PAGE_KINDS), templates - set(PAGE_KINDS)


def open_page(context, base, url):
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + url)
    if url.startswith("search/"):
        page.wait_for_selector(".qa-result-title", timeout=15000)
    page.errors = errors
    return page


def set_modes(context, modes):
    """As a visitor left them: remembered by this browser, for every page of the site."""
    prefs = json.dumps({m: True for m in modes})
    context.add_init_script(f"localStorage.setItem('qaward-preferences', {json.dumps(prefs)});")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_passes_axe_and_its_csp_in_both_modes(browser, demo_site, kind, mode):
    from axe_playwright_python.sync_playwright import Axe

    base, out = demo_site
    # the 404 page links by absolute paths, from site_url's (it answers at any depth): served at
    # the root, as site_url says
    server = Server(out) if kind == "404" else None
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    set_modes(context, MODES[mode])
    try:
        page = open_page(context, server.url if server else base, PAGE_KINDS[kind])
        settle(page)
        classes = page.evaluate("document.documentElement.className")
        assert all(f"qa-{m}" in classes for m in MODES[mode]), classes
        assert page.locator("form.qa-header-search input[name=q]").count() == 1
        results = Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
        assert page.evaluate("window.__csp") == [] and page.errors == []
    finally:
        context.close()
        if server:
            server.close()


def test_the_policy_blocks_an_inline_script(demo_site, page):
    """The CSP is in force, not only written: a script put into a page does not run."""
    base, _ = demo_site
    page.add_init_script(CSP_LISTENER)
    page.goto(base + PAGE_KINDS["notice"])
    ran = page.evaluate(
        """() => { window.__ran = false; const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); return window.__ran; }"""
    )
    assert ran is False
    assert any("script-src" in v for v in page.evaluate("window.__csp"))


def test_the_header_search_on_any_page_and_slash_to_focus_it(demo_site, page):
    base, _ = demo_site
    page.goto(base + PAGE_KINDS["ordinance"])
    page.locator("article").click()  # reading the text, then "/" as on any site with a search
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "qa-header-q"
    assert page.locator("#qa-header-q").input_value() == ""  # the "/" is not typed into it
    page.keyboard.type("精密机械")
    page.keyboard.press("Enter")
    page.wait_for_selector(".qa-result-title", timeout=15000)
    assert "/zlj/search/" in page.url
    assert "新疆天池精密机械股份有限公司" in page.locator(".qa-result-title").all_inner_texts()
    # "/" while typing in a box is a character, not a shortcut
    page.locator(".qa-search-input").fill("")
    page.locator(".qa-search-input").press("/")
    assert page.locator(".qa-search-input").input_value() == "/"


def _font_px(page) -> float:
    return float(
        page.evaluate("getComputedStyle(document.querySelector('article p')).fontSize")[:-2]
    )


def test_large_print_and_high_contrast_are_remembered(browser, demo_site):
    base, _ = demo_site
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(base + PAGE_KINDS["notice"])
    normal = _font_px(page)
    large = page.get_by_role("button", name="大字版")
    assert large.get_attribute("aria-pressed") == "false"
    large.click()
    assert large.get_attribute("aria-pressed") == "true"
    assert _font_px(page) >= normal * 1.25
    page.get_by_role("button", name="高对比度").click()
    settle(page)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    # another page, and the same page again: both settings kept
    page.goto(base + PAGE_KINDS["awards"])
    assert "qa-large" in page.evaluate("document.documentElement.className")
    assert page.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    page.goto(base + PAGE_KINDS["notice"])
    assert _font_px(page) >= normal * 1.25
    page.get_by_role("button", name="大字版").click()
    page.reload()
    assert abs(_font_px(page) - normal) < 0.5
    context.close()
    fresh = browser.new_context(locale="zh-CN").new_page()  # another visitor: the defaults
    fresh.goto(base + PAGE_KINDS["notice"])
    assert fresh.evaluate("document.documentElement.className").find("qa-") < 0
    fresh.context.close()


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Tab (keyboard only) until the element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            visible = page.evaluate(
                "() => getComputedStyle(document.activeElement).outlineStyle !== 'none' ||"
                " getComputedStyle(document.activeElement).boxShadow !== 'none'"
            )
            assert visible, f"{selector}: focused but nothing shows it"
            return
    raise AssertionError(f"{selector} never reached by Tab")


def _follow(page) -> None:
    """Enter on the focused link, and the page it leads to loaded."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_every_journey_by_keyboard_alone(demo_site, page):
    base, _ = demo_site
    # the day the demo was built for: its notices are open (lists drop them once ended)
    page.clock.set_fixed_time(datetime(2026, 11, 22, 10, tzinfo=timezone(timedelta(hours=8))))
    # the public: who won — search from the header, open the organisation, read its award
    page.goto(base)
    page.keyboard.press("/")
    page.keyboard.type("武威天马")
    page.keyboard.press("Enter")
    page.wait_for_selector(".qa-result-title", timeout=15000)
    _tab_to(page, "a.qa-result-title")
    _follow(page)
    assert "已撤销" in page.locator("article").inner_text()
    # the reader's settings, by Tab and the space bar
    page.goto(base)
    _tab_to(page, "[data-pref=large]")
    page.keyboard.press("Space")
    assert "qa-large" in page.evaluate("document.documentElement.className")
    page.keyboard.press("Enter")  # and off again
    assert "qa-large" not in page.evaluate("document.documentElement.className")
    # an objector: from the home page to an open notice, its how-to-object box, the letter
    _tab_to(page, "a.qa-entry[href*='objections']")
    _follow(page)
    _tab_to(page, "article a[href*='notices/']")
    _follow(page)
    assert "如何提出异议" in page.locator("article").inner_text()
    _tab_to(page, ".qa-letter-link a")
    _follow(page)
    assert page.url.endswith("/letter/")
    _tab_to(page, "#qa-letter-applicant")
    page.keyboard.press("ArrowDown")
    assert page.locator("#qa-letter-applicant").input_value() != ""
    _tab_to(page, "#qa-letter-facts")
    page.keyboard.type("事实和理由")
    _tab_to(page, "#qa-letter-as-individual")
    page.keyboard.press("ArrowRight")  # a radio group: arrows choose
    assert page.locator("#qa-letter-as-organization").is_checked()
    assert page.locator("#qa-letter-organization-unit").is_visible()
    assert not page.locator(".qa-letter__individual").is_visible()
    _tab_to(page, "#qa-letter-organization-unit")
    page.keyboard.type("某某有限公司")
    assert page.locator("#qa-letter-organization-unit").input_value() == "某某有限公司"


LETTERS = {
    # ordinance → (a notice, what its letter must ask, what it must not)
    "daqing": (
        "notices/daqing-2026-proposal/letter/",
        [
            "姓名（署名）",
            "本人签名",  # 第二十一条: 签署真实姓名
            "身份证号码",
            "联系方式",
            "住所",
            "单位公章",
            "匿名方式提出的异议不予受理",
        ],
        ["身份证明"],
    ),
    "xinjiang": (
        "notices/xinjiang-2026-acceptance/letter/",
        ["姓名（署名）", "本人签名", "联系电话", "通讯地址", "已附身份证明", "住所", "单位公章"],
        ["身份证号码", "匿名方式"],
    ),
}


@pytest.mark.parametrize("programme", LETTERS)
def test_the_objectors_letter_asks_what_its_ordinance_requires(demo_site, page, programme):
    base, _ = demo_site
    url, asked, not_asked = LETTERS[programme]
    page.goto(base + url)
    # both identities' elements, whichever is chosen
    text = page.locator("article").inner_text()
    page.locator("#qa-letter-as-organization").check()
    text += page.locator("article").inner_text()
    for words in asked:
        assert words in text, words
    for words in not_asked:
        assert words not in text, words
    assert page.locator(".qa-letter form, article form").count() == 0  # nothing to submit


def test_nothing_typed_into_the_letter_leaves_the_browser(demo_site, page, tmp_path):
    base, _ = demo_site
    page.goto(base + "notices/daqing-2026-proposal/letter/?applicant=daqing-2026-001")
    assert page.locator("#qa-letter-applicant").input_value() == "daqing-2026-001"
    sent = []
    page.on("request", lambda r: sent.append((r.method, r.url, r.post_data)))
    secret = "秘密证据甲乙丙"
    page.fill("#qa-letter-facts", secret + "\n" * 30)
    page.fill("#qa-letter-individual-name", "异议人丁")
    page.fill("#qa-letter-individual-id_number", "510402198408220543")
    page.keyboard.press("Enter")
    page.emulate_media(media="print")
    pdf = tmp_path / "letter.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".qa-noprint").is_visible()
    page.emulate_media(media="screen")
    page.goto(base)  # leaving the page
    page.go_back()
    stored = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert secret not in stored and "异议人丁" not in stored
    for method, url, body in sent:
        assert method == "GET", (method, url)
        for typed in (secret, "异议人丁", "510402198408220543"):
            assert quote(typed) not in url and typed not in (body or "")


def test_a_persons_name_is_shown_in_the_results_found_by_it(demo_site, page):
    base, _ = demo_site
    for name in ("龚维蓉", "维蓉"):
        page.goto(base + "search/?q=" + quote(name))
        page.wait_for_function(
            "q => document.getElementById('qa-search').dataset.searched === q",
            arg=name,
            timeout=15000,
        )
        excerpts = page.locator(".qa-result-excerpt").all()
        assert len(excerpts) >= 2
        for excerpt in excerpts:
            assert name in excerpt.inner_text()
            assert name in excerpt.locator("mark").first.inner_text()


SCREENS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("screen", SCREENS)
def test_screenshots_of_the_header_search_large_print_and_the_letter(browser, demo_site, screen):
    base, _ = demo_site
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": SCREENS[screen], "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(base + PAGE_KINDS["notice"])
    page.keyboard.press("/")
    page.keyboard.type("精密")
    page.screenshot(path=SHOTS / f"header-search-{screen}.png")
    page.get_by_role("button", name="大字版").click()
    settle(page)
    page.screenshot(path=SHOTS / f"large-print-{screen}.png")
    page.get_by_role("button", name="高对比度").click()
    settle(page)
    page.screenshot(path=SHOTS / f"high-contrast-{screen}.png")
    page.get_by_role("button", name="大字版").click()
    page.get_by_role("button", name="高对比度").click()
    page.goto(base + "notices/daqing-2026-proposal/letter/?applicant=daqing-2026-001")
    page.fill("#qa-letter-facts", "该单位申报材料所列的质量事故未如实说明。")
    settle(page)
    page.screenshot(path=SHOTS / f"letter-{screen}.png", full_page=True)
    for name in ("header-search", "large-print", "high-contrast", "letter"):
        assert (SHOTS / f"{name}-{screen}.png").stat().st_size > 10_000, name
    # the header's search box fits the screen
    box = page.locator("#qa-header-q").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SCREENS[screen]
    context.close()


@pytest.mark.parametrize("kind", ["notice", "letter", "awards"])
def test_nothing_overflows_a_phone_in_large_print(browser, demo_site, kind):
    base, _ = demo_site
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="zh-CN")
    set_modes(context, ("large",))
    page = context.new_page()
    page.goto(base + PAGE_KINDS[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    context.close()
