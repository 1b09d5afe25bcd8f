"""The three visitors' journeys, in Chromium, against the demo site served on 127.0.0.1."""

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from browser_helpers import TODAY, Server, copy_demo, run_build

from qaward_site.site.incremental import Cache

CHINA = timezone(timedelta(hours=8))


def search(page, base, query, every=False):
    """The titles a person sees after typing query: the first results, or (every) all of
    them, pressing 显示更多结果 until it is gone."""
    page.goto(base + "search/")
    page.locator(".qa-search-input").press_sequentially(query)  # as a person types
    status = page.locator(".qa-search-status")
    page.wait_for_function(
        "q => document.getElementById('qa-search').dataset.searched === q",
        arg=query.strip(),
        timeout=15000,
    )
    more = page.locator("button.qa-more")
    for _ in range(100 if every else 0):
        if not more.is_visible():
            break
        more.click()
        page.wait_for_timeout(200)
    assert not (every and more.is_visible()), "显示更多结果 never went away"
    assert status.inner_text()
    return page.locator(".qa-result-title").all_inner_texts()


def test_office_publishes_a_new_notice(tmp_path, page):
    content = copy_demo(tmp_path)
    notice = {
        "kind": "notice",
        "id": "xinjiang-2026-acceptance-2",
        "cycle": "xinjiang-2026",
        "stage": "acceptance_publicity",
        "title": "2026年度新疆维吾尔自治区人民政府质量奖受理名单（第二批）公示",
        "published": "2026-11-20",
        "start": "2026-11-23",
        "end": "2026-11-27",
        "entries": [{"applicant": "xinjiang-2026-004"}],
    }
    applicant = yaml.safe_load(
        (content / "cycles/xinjiang-2026/applicants/002.yml").read_text("utf-8")
    )
    applicant.update(
        id="xinjiang-2026-004",
        name="新疆阿勒泰冷水鱼养殖有限公司",
        credit_code="91654300MA78Q8YH4G",
    )
    (content / "cycles/xinjiang-2026/applicants/004.yml").write_text(
        yaml.safe_dump(applicant, allow_unicode=True), "utf-8"
    )
    path = content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance-2.yml"
    path.write_text(yaml.safe_dump(notice, allow_unicode=True), "utf-8")
    out = tmp_path / "site"
    result = run_build(content, out, "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    server = Server(out)
    try:
        page.clock.set_fixed_time(datetime(2026, 11, 22, 10, tzinfo=CHINA))  # the build's day
        page.goto(server.url)
        assert "（第二批）" in page.locator("#open-notices + ul").inner_text()
        feed = (out / "feed.xml").read_text("utf-8")
        assert "（第二批）公示" in feed
        notices = json.loads((out / "data/notices.json").read_text("utf-8"))["notices"]
        assert any(n["id"] == "xinjiang-2026-acceptance-2" for n in notices)
        assert any("第二批" in t for t in search(page, server.url, "第二批"))
    finally:
        server.close()


def test_public_finds_an_organisation_by_name_part_and_initials(demo_site, page):
    base, _ = demo_site
    assert "新疆天池精密机械股份有限公司" in search(page, base, "精密机械")
    # 公司 inside 有限公司 (the theme's own search misses words inside its tokens)
    assert "大庆石化精密仪表有限公司" in search(page, base, "公司", every=True)
    assert "大庆石化精密仪表有限公司" in search(page, base, "daqing shihua")
    assert "大庆石化精密仪表有限公司" in search(page, base, "dqsh")
    assert any(t.startswith("大庆") for t in search(page, base, "daqing"))
    titles = search(page, base, "wwtm")  # 武威天马…: pinyin initials
    assert "武威天马精密铸造有限公司" in titles
    page.get_by_role("link", name="武威天马精密铸造有限公司").first.click()
    page.wait_for_load_state()
    body = page.locator("article").inner_text()
    assert "91620602U92PELEU6P" in body
    assert "质量奖" in body and "已撤销" in body
    assert "至2031年3月16日（含当日）不得参加评审" in body
    page.get_by_role("link", name="2026年3月16日 撤销奖励").click()
    assert "质量抽检不合格" in page.locator("article").inner_text()


def test_search_reads_every_part_of_the_index(parted_site, page):
    base, out = parted_site
    cached = Cache.of_output(out.resolve()).root / "search-parts.json"
    part_of = json.loads(cached.read_text("utf-8"))
    assert len(set(part_of.values())) > 2
    for part in sorted(set(part_of.values())):
        page_file = next(p for p, name in part_of.items() if name == part)
        title = page.context.request.get(base + page_file).text()
        name = re.search(r"<h1[^>]*>(.*?)</h1>", title, re.S).group(1).strip()
        found = search(page, base, name)
        assert name in found, (part, name, found)
        page.get_by_role("link", name=name).first.click()
        page.wait_for_load_state()
        assert page.url == base + page_file.removesuffix("index.html"), part  # under /zlj/


def test_nothing_is_searched_while_an_input_method_composes(demo_site, page):
    base, _ = demo_site
    page.goto(base + "search/")
    box, status = page.locator(".qa-search-input"), page.locator(".qa-search-status")
    box.evaluate(  # 拼音 typed into an input method: letters in the box, no characters chosen
        """el => { el.dispatchEvent(new CompositionEvent('compositionstart'));
        el.value = 'jing';
        el.dispatchEvent(new InputEvent('input', {isComposing: true, data: 'jing'})); }"""
    )
    page.wait_for_timeout(400)
    assert status.inner_text() == "" and page.locator(".qa-result").count() == 0
    box.evaluate(
        """el => { el.value = '精密机械';
        el.dispatchEvent(new InputEvent('input', {isComposing: true, data: '精密机械'}));
        el.dispatchEvent(new CompositionEvent('compositionend', {data: '精密机械'})); }"""
    )
    page.wait_for_function(
        "() => document.getElementById('qa-search').dataset.searched === '精密机械'", timeout=15000
    )
    assert "新疆天池精密机械股份有限公司" in page.locator(".qa-result-title").all_inner_texts()


def test_every_page_is_found_by_its_own_title(demo_site, page):
    """A title copied from a notice or a name from a list gives that page first: pagefind's
    index and the browser cut Chinese into words differently (16 of these pages were not found
    before keys_of), and a short title ("公示") has more matches than a screen shows."""
    base, out = demo_site
    titles = {}
    for path in sorted(out.rglob("index.html")):
        html = path.read_text("utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        if "data-pagefind-body" in html and heading:
            url = base + path.parent.relative_to(out).as_posix() + "/"
            titles[url.replace("/./", "/")] = re.sub(r"<[^>]+>", "", heading.group(1)).strip()
    assert len(titles) > 60
    page.goto(base + "search/")
    box, status = page.locator(".qa-search-input"), page.locator(".qa-search-status")
    missed = []
    for title in sorted(set(titles.values())):
        box.fill(title)
        page.wait_for_function(
            "t => document.getElementById('qa-search').dataset.searched === t", arg=title
        )
        hrefs = page.locator(".qa-result-title").evaluate_all("els => els.map(e => e.href)")
        alike = sorted(u for u, t in titles.items() if t == title)  # pages titled the same
        if sorted(hrefs[: len(alike)]) != alike:
            missed.append((title, status.inner_text(), hrefs[:3]))
    assert not missed, missed


def test_objector_reads_how_to_object_and_downloads_the_deadline(demo_site, page):
    base, _ = demo_site
    page.goto(base)
    page.get_by_role(
        "link", name="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示"
    ).first.click()
    page.wait_for_load_state()
    box = page.locator("section.qa-object").inner_text()
    assert "2026年11月27日" in box and "0991-2817730" in box and "书面" in box
    assert page.locator("section.qa-object a[href*='#art-12']").count() >= 1
    with page.expect_download() as download:
        page.get_by_role("link", name="把公示的最后一天加入日历（.ics）").click()
    ics = Path(download.value.path()).read_text("utf-8")
    assert "DTSTART;VALUE=DATE:20261127" in ics


@pytest.mark.parametrize(
    ("when", "status"),
    [
        (datetime(2026, 11, 13, 10, tzinfo=CHINA), "未开始"),
        (datetime(2026, 11, 16, 9, tzinfo=CHINA), "公示中（剩余 10 个工作日）"),
        (datetime(2026, 11, 25, 15, tzinfo=CHINA), "公示中（剩余 3 个工作日）"),
        (datetime(2026, 11, 27, 23, 30, tzinfo=CHINA), "公示中（剩余 1 个工作日）"),
        (datetime(2026, 11, 28, 0, 30, tzinfo=CHINA), "已结束"),
    ],
)
def test_status_follows_the_browser_clock(demo_site, page, when, status):
    base, _ = demo_site
    page.clock.set_fixed_time(when)
    page.goto(base + "notices/xinjiang-2026-acceptance/")
    assert page.locator(".qa-notice-head .qa-status").inner_text() == status


def test_award_validity_expires_in_the_browser(demo_site, page):
    base, _ = demo_site
    page.clock.set_fixed_time(datetime(2029, 8, 1, tzinfo=CHINA))
    page.goto(base + "programmes/wuwei/")
    states = page.locator(".qa-award").all_inner_texts()
    assert states == ["已满有效期", "已撤销"]  # wuwei 第五条: valid 5 years
    page.goto(base + "ordinances/wuwei-2022/")
    assert page.locator(".qa-facts .qa-force").inner_text() == "已失效"
