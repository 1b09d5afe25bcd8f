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
    out = tmp_path_factory.mktemp("browser") / "site"
    build(DEMO, out, demo_config(), TODAY)
    server = Server(out)
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
