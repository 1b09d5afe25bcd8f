"""Phones and 大字版 (issue 24): a table wider than its column becomes one card per row with
every column named, the header fits at 360 px, and 朗读 reads the page with the browser's own
speech synthesis, started and stopped."""

import pytest
from browser_helpers import PAGE_KINDS, SHOTS
from test_public_side import set_modes

# pages with the widest tables: a programme's awards (one revoked: 现状 已撤销), the notices
TABLE_PAGES = {
    "programme": "programmes/wuwei/",
    "cycle": "cycles/xinjiang-2024/",
    "notice": PAGE_KINDS["notice"],
    "organization": PAGE_KINDS["organization"],
}


@pytest.mark.parametrize("width", [360, 375])
@pytest.mark.parametrize("kind", TABLE_PAGES)
def test_every_column_of_every_table_is_on_screen_in_large_print(browser, demo_site, kind, width):
    base, _ = demo_site
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    set_modes(context, ("large",))
    page = context.new_page()
    page.goto(base + TABLE_PAGES[kind])
    page.wait_for_timeout(200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"small-{kind}-{width}-large.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cells = page.evaluate(
        """() => [...document.querySelectorAll('table.qa-table td')].map(td => {
             const r = td.getBoundingClientRect();
             return {left: r.left, right: r.right, label: td.dataset.label || '',
                     stacked: td.closest('table').classList.contains('qa-table--stack'),
                     text: td.innerText.trim()};
           })"""
    )
    assert cells, f"{TABLE_PAGES[kind]} has no table"
    off = [c for c in cells if c["left"] < 0 or c["right"] > width + 0.5]
    assert not off, off[:3]
    # a stacked table names each cell's column; an unstacked one fits as it is
    assert all(c["label"] for c in cells if c["stacked"]), cells[:3]
    if kind == "programme":
        states = [c for c in cells if c["label"] == "现状"]
        assert any(c["text"].startswith("已撤销") for c in states), states
    context.close()


def test_tables_are_tables_on_a_desktop(browser, demo_site):
    base, _ = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(base + "programmes/wuwei/")
    assert page.locator("table.qa-table").count() >= 1
    assert page.locator("table.qa-table--stack").count() == 0
    assert page.locator("table.qa-table thead th").first.is_visible()
    context.close()


@pytest.mark.parametrize("width", [360, 375])
def test_the_header_fits_a_phone_in_large_print(browser, demo_site, width):
    base, _ = demo_site
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    set_modes(context, ("large",))
    page = context.new_page()
    page.goto(base)
    name = page.locator(".md-header__topic .md-ellipsis").first
    box = name.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "the site's name is cut"
    for control in ("#qa-header-q", ".qa-header-search__button", "[data-pref=large]"):
        b = page.locator(control).bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, control
    button = page.locator(".qa-header-search__button")
    assert button.evaluate("el => el.getClientRects().length") == 1  # 搜索 on one line
    assert page.locator("#qa-header-q").get_attribute("placeholder") == "站内搜索"  # no "/" key
    page.screenshot(path=SHOTS / f"small-header-{width}-large.png")
    context.close()


SPEECH_STUB = """
window.__speech = [];
class SpeechSynthesisUtterance { constructor(text) { this.text = text; } }
window.SpeechSynthesisUtterance = SpeechSynthesisUtterance;
Object.defineProperty(window, 'speechSynthesis', { value: {
  speak(u) { window.__speech.push(['speak', u.text, u.lang]); window.__utterance = u; },
  cancel() { window.__speech.push(['cancel']); },
  getVoices() { return [{lang: 'zh-CN', name: '中文'}]; },
}});
"""


@pytest.mark.parametrize("kind", ["notice", "letter"])
def test_read_aloud_starts_and_stops(browser, demo_site, kind):
    """The page's text goes to the browser's own speech synthesis (stubbed here to watch it),
    nothing else: no request to another host."""
    base, _ = demo_site
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    requests = []
    page.goto(base + PAGE_KINDS[kind])
    origin = base.split("/zlj/")[0]
    page.on("request", lambda r: None if r.url.startswith(origin) else requests.append(r.url))
    button = page.get_by_role("button", name="朗读本页")
    assert button.is_visible()
    button.click()
    spoken = page.evaluate("window.__speech")
    speak = [s for s in spoken if s[0] == "speak"]
    assert len(speak) == 1 and speak[0][2] == "zh-CN"
    title = page.locator("h1").inner_text()
    assert title in speak[0][1] and "qq" not in speak[0][1] and "朗读本页" not in speak[0][1]
    stop = page.get_by_role("button", name="停止朗读")
    assert stop.get_attribute("aria-pressed") == "true"
    stop.click()
    assert page.evaluate("window.__speech")[-1] == ["cancel"]
    assert page.get_by_role("button", name="朗读本页").get_attribute("aria-pressed") == "false"
    # the speech ended by itself: the button says so
    button.click()
    page.evaluate("window.__utterance.onend()")
    assert page.get_by_role("button", name="朗读本页").is_visible()
    assert requests == []
    context.close()


def test_no_read_aloud_button_where_the_browser_cannot_speak(browser, demo_site):
    base, _ = demo_site
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(
        "Object.defineProperty(window, 'speechSynthesis', {value: undefined});"
        "window.SpeechSynthesisUtterance = undefined;"
    )
    page = context.new_page()
    page.goto(base + PAGE_KINDS["notice"])
    assert page.locator("button.qa-read").count() == 1
    assert not page.locator("button.qa-read").is_visible()
    context.close()
