"""Search that ranks (issue 24 item 6): the name itself first, each result labelled by what it
is, filters by kind and programme that ask the index (not hide a screen), no page found by a
word the query is not, excerpts in sentences, the query marked whole."""

import json

import pytest
from test_journeys import search

from qaward_site.site import name_index


def _searched(page, query):
    page.wait_for_function(
        "q => document.getElementById('qa-search').dataset.searched === q", arg=query, timeout=15000
    )


def test_results_say_what_they_are_and_filter_by_kind(demo_site, page):
    base, _ = demo_site
    titles = search(page, base, "天马")
    assert titles and titles[0] == "武威天马精密铸造有限公司"  # the name itself first
    kinds = page.locator(".qa-result-kind").all_inner_texts()
    assert len(kinds) == len(titles) and "单位" in kinds and "公示" in kinds
    page.get_by_role("button", name="公示", exact=True).click()
    _searched(page, "天马")
    notices = page.locator(".qa-result")
    assert 0 < notices.count() < len(titles)
    assert set(notices.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"notice"}
    assert set(page.locator(".qa-result-kind").all_inner_texts()) <= {"公示", "异议指南"}
    page.get_by_role("button", name="全部").click()
    _searched(page, "天马")
    assert page.locator(".qa-result-title").all_inner_texts() == titles


def test_the_programme_filter_keeps_that_programme_alone(demo_site, page):
    base, _ = demo_site
    everywhere = search(page, base, "质量奖")
    page.locator("select.qa-programme").select_option("武威市")
    _searched(page, "质量奖")
    wuwei = page.locator(".qa-result-title").all_inner_texts()
    assert wuwei and wuwei != everywhere
    assert all("新疆" not in t and "伊宁" not in t and "大庆" not in t for t in wuwei), wuwei
    assert any("武威" in t for t in wuwei)


def test_a_word_of_the_index_s_cutting_finds_nothing_the_query_is_not(demo_site, page):
    """天马 was cut 天 | 马 by pagefind: 天山, 天池 and the calendar's 天 came back."""
    base, _ = demo_site
    search(page, base, "天马", every=True)
    for result in page.locator(".qa-result").all():
        text = result.inner_text()
        assert "天马" in text, text
    assert not [t for t in page.locator(".qa-result-title").all_inner_texts() if "天山" in t]


def test_excerpts_read_as_sentences_and_mark_the_query_whole(demo_site, page):
    base, _ = demo_site
    search(page, base, "精密机械")
    excerpts = page.locator(".qa-result-excerpt")
    assert excerpts.count() >= 3
    for i in range(excerpts.count()):
        marks = excerpts.nth(i).locator("mark").all_inner_texts()
        assert marks and set(marks) == {"精密机械"}, marks  # not 精密 | 机械
    first = excerpts.first.inner_text()
    assert "获质量奖（" in first and "公司. 质量奖. " not in first, first


def test_a_credit_code_finds_its_organisation_first(demo_site, page):
    base, _ = demo_site
    search(page, base, "91620602U92PELEU6P")
    first = page.locator(".qa-result-title").first
    assert first.inner_text() == "武威天马精密铸造有限公司"
    assert "organizations/91620602U92PELEU6P/" in first.get_attribute("href")


def _rank(title, query):  # assets/search.js: rankOf, for the first screen
    return 0 if title == query else 1 if title.startswith(query) else 2 if query in title else 3


@pytest.mark.parametrize(
    "query", ["天马", "精密机械", "jingmi", "tm", "公示", "大庆 名单", "无此名称"]
)
def test_names_are_answered_without_pagefind_as_the_name_index_says(demo_site, page, query):
    """Pagefind unreachable: the name index alone answers, the same entries in the same order
    as name_index.lookup reads its files (the shortest titles first, the title itself first)."""
    base, out = demo_site
    tried = []
    page.route("**/pagefind/**", lambda route: (tried.append(route.request.url), route.abort()))
    page.goto(base + "search/")
    page.locator(".qa-search-input").press_sequentially(query)
    status = page.locator(".qa-search-status")
    page.wait_for_function(
        "() => document.querySelector('.qa-search-status').textContent.includes('暂时不可用')",
        timeout=15000,
    )
    folder = out / "search-names"
    read = lambda rel: json.loads((folder / rel).read_text("utf-8"))  # noqa: E731
    found, complete = name_index.lookup_parts(read, query)
    chunk = name_index.CHUNK
    titles = [read(f"{part}e/{n // chunk}.json")[n % chunk][0] for part, n in found]
    expected = sorted(titles, key=lambda t: _rank(t, query))[:10]
    shown = page.locator(".qa-result-title").all_inner_texts()
    assert shown == expected and tried  # pagefind was asked, after
    if expected:
        assert status.inner_text().startswith(f"找到 {len(titles)} 个名称或标题相符的结果")
    else:
        assert status.inner_text() == "搜索暂时不可用"


def test_a_search_page_of_an_older_build_is_answered_by_pagefind(demo_site, page):
    """A browser's copy of the search page of a build before the name index had parts names
    none: the script of this build asks no name index then, and pagefind answers, the name
    itself first."""
    base, _ = demo_site
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "search-names" in r.url else None)

    def older(route):
        body = route.fetch().text().replace(' data-names-parts="p/ o/"', "")
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route("**/search/", older)
    titles = search(page, base, "天马")
    assert titles and titles[0] == "武威天马精密铸造有限公司" and not asked
