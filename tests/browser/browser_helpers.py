"""A real browser against sites served on 127.0.0.1: Debian's chromium driven by Playwright."""

import functools
import http.server
import os
import shutil
import threading
from datetime import date
from pathlib import Path

from qaward_site.config import SiteConfig

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "content"
CHROMIUM = os.environ.get("QAWARD_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHOTS = ROOT / "tests" / "output" / "screenshots"
TODAY = date(2026, 11, 22)


def demo_config() -> SiteConfig:
    from qaward_site.config import load_config

    return load_config(ROOT)


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root
