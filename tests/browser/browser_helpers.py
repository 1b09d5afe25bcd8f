"""A real browser against sites served on 127.0.0.1: Debian's chromium driven by Playwright."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from qaward_site.records.config import SiteConfig, load_config
from qaward_site.site.browser import CHROMIUM, FLAGS  # noqa: F401  (for conftest)
from qaward_site.site.serve import StaticServer as Server  # noqa: F401  (for the tests)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "content"
SHOTS = ROOT / "tests" / "output" / "screenshots"
TODAY = date(2026, 11, 22)


def demo_config() -> SiteConfig:
    return load_config(ROOT)


def run_build(content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`qaward build` as a person runs it: a real process, its exit code and output."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "qaward_site",
            "build",
            "--content",
            str(content),
            "--out",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root


# One page of every kind the site has, by the template that makes it (a new template without a
# page here fails test_every_template_has_a_page_kind).
PAGE_KINDS = {
    "home": "",
    "notices": "notices/",
    "notice": "notices/xinjiang-2026-acceptance/",
    "letter": "notices/daqing-2026-proposal/letter/",
    "awards": "awards/",
    "programme": "programmes/xinjiang/",
    "organization": "organizations/91620602U92PELEU6P/",
    "cycle": "cycles/daqing-2026/",
    "sanctions": "sanctions/",
    "sanction": "sanctions/wuwei-2024-rev-01/",
    "objections": "objections/",
    "objections_programme": "objections/xinjiang/",
    "ordinances": "ordinances/",
    "ordinance": "ordinances/yining-2025/",
    "rules": "rules/",
    "rules_ordinance": "rules/yining-2025/",
    "search": "search/?q=精密机械",
    "data": "data/",
    "site_map": "site-map/",
    "contact": "contact/",
    "privacy": "privacy/",
    "corrections": "corrections/",
    "earlier": "notices/wuwei-2024-proposal/v1/",
    "404": "404.html",
}
# Violations of the Content-Security-Policy, as the page reports them (an init script runs
# outside the page's policy)
CSP_LISTENER = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')); });"
)


def settle(page) -> None:
    """After a switch of the reader's settings: the theme's colour transitions end."""
    page.wait_for_timeout(350)
