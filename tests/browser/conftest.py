"""Fixtures: a real browser (Debian's chromium via Playwright) and the demo site on 127.0.0.1."""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, DEMO, FLAGS, TODAY, Server, demo_config

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
    relative, search results too."""
    out = tmp_path_factory.mktemp("browser") / "site"
    build(DEMO, out, demo_config(), TODAY)
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
