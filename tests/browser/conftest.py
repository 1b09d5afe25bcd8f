"""Fixtures: a real browser (Debian's chromium via Playwright) and the demo site on 127.0.0.1."""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, DEMO, FLAGS, TODAY, Server, copy_demo, demo_config

from qaward_site.site.build import build


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see the README)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo site under a path prefix, as a portal serves a section: every link must be
    relative, search results too. Published, then corrected once (a notice's title), so that
    the 更正记录 and an earlier version are pages of it too."""
    folder = tmp_path_factory.mktemp("browser")
    content = copy_demo(folder)
    out = folder / "site"
    build(content, out, demo_config(), TODAY)
    notice = content / "cycles/wuwei-2024/notices/wuwei-2024-proposal.yml"
    notice.write_text(
        notice.read_text("utf-8").replace("建议名单公示", "拟表彰名单公示")
        + "corrections:\n- {date: 2026-11-22, note: 标题误写“建议名单”，更正为“拟表彰名单”}\n",
        "utf-8",
    )
    build(content, out, demo_config(), TODAY)
    server = Server(out, prefix="/zlj/")
    yield server.url, out
    server.close()


@pytest.fixture(scope="session")
def parted_site(tmp_path_factory):
    """The demo site with its search index in parts of 8 pages, merged in the browser, as on a
    site of many thousand pages."""
    out = tmp_path_factory.mktemp("parted") / "site"
    build(DEMO, out, demo_config().model_copy(update={"search_part_pages": 8}), TODAY)
    server = Server(out, prefix="/zlj/")
    yield server.url, out
    server.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True
    )
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
