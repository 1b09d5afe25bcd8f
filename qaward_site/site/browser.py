"""Debian's Chromium, as the tests and the benchmark drive it (never a downloaded browser)."""

import os

CHROMIUM = os.environ.get("QAWARD_CHROMIUM", "/usr/bin/chromium")
# without the background-networking flags Chromium keeps trying hosts this machine cannot reach
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
