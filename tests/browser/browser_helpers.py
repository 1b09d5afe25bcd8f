"""A real browser against sites served on 127.0.0.1: Debian's chromium driven by Playwright."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from qaward_site.config import SiteConfig, load_config
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
