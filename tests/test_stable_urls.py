"""Stable addresses: every address the demo site has published is in published_urls.txt, and
must keep answering — the page itself, or a page that leads to where it went. A new address is
added to the list (QAWARD_UPDATE_URLS=1 pytest tests/test_stable_urls.py), never removed."""

from __future__ import annotations

import os
import re
import shutil
import warnings
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import DEMO, ROOT, Content

from qaward_site.records.config import load_config
from qaward_site.site.build import build

LIST = Path(__file__).parent / "published_urls.txt"
TODAY = date(2026, 11, 22)
# the site's own machinery, not addresses anyone links to: theme files, the search indexes
# (pagefind's and the name index, whose files are numbered by their size)
NOT_ADDRESSES = re.compile(r"^(assets|pagefind|search|search-names)/|^404\.html$|^sitemap\.xml")


def addresses(site: Path) -> set[str]:
    out = set()
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or NOT_ADDRESSES.search(rel) or path.name.startswith("."):
            continue
        out.add("/" + rel.removesuffix("index.html"))
    return out


def answers(site: Path, address: str) -> str | None:
    """What answers at address (site-relative, from "/"): the page's file, or None."""
    rel = address.removeprefix("/")
    path = site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel
    return path.read_text("utf-8", "replace") if path.is_file() else None


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("urls") / "site"
    build(DEMO, out, load_config(ROOT), TODAY)
    return out


def test_every_published_address_still_answers(site):
    published = [line for line in LIST.read_text("utf-8").splitlines() if line.strip()]
    now = addresses(site)
    if os.environ.get("QAWARD_UPDATE_URLS"):
        LIST.write_text("\n".join(sorted(set(published) | now)) + "\n", "utf-8")
        published = sorted(set(published) | now)
    gone = [a for a in published if answers(site, a) is None]
    assert not gone, f"published addresses that no longer answer: {gone}"
    new = sorted(now - set(published))
    if new:  # content added (a sixth programme, a new cycle) is not a failure: record it
        warnings.warn(
            f"new addresses: add them to {LIST.name} (QAWARD_UPDATE_URLS=1): {new}", stacklevel=1
        )
    assert len(published) > 60 and len(published) == len(set(published))


def test_a_notice_whose_id_changed_still_answers_at_its_old_address(tmp_path):
    content = Content(tmp_path / "content")
    shutil.rmtree(content.root / "cycles")
    shutil.copytree(DEMO / "cycles/yining-2026", content.root / "cycles/yining-2026")
    path = content.root / "cycles/yining-2026/notices/yining-2026-proposal.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["id"], data["former_ids"] = "yining-2026-proposal-notice", ["yining-2026-proposal"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for objection in (content.root / "cycles/yining-2026/objections").glob("*.yml"):
        text = objection.read_text("utf-8")
        objection.write_text(
            text.replace("notice: yining-2026-proposal", "notice: yining-2026-proposal-notice"),
            "utf-8",
        )
    out = tmp_path / "site"
    build(content.root, out, load_config(ROOT), TODAY)
    old = answers(out, "/notices/yining-2026-proposal/")
    assert old is not None
    assert re.search(
        r'<meta http-equiv="refresh" content="0; url=\.\./yining-2026-proposal-notice/"', old
    )
    assert 'href="../yining-2026-proposal-notice/"' in old
    assert answers(out, "/notices/yining-2026-proposal-notice/") is not None


def test_a_former_id_cannot_take_another_records_address(tmp_path):
    content = Content(tmp_path / "content")
    content.write(
        "cycles/yining-2026/notices/n.yml",
        """\
        kind: notice
        id: yining-2026-n
        cycle: yining-2026
        stage: acceptance_publicity
        title: 公示
        published: 2026-05-11
        start: 2026-05-11
        end: 2026-05-15
        entries: [{applicant: yining-2026-001}]
        former_ids: [yining-2026-001]
        """,
    )
    code, findings, _ = content.check()
    assert code == 1
    assert any("曾用编号 yining-2026-001" in f["message"] and f["line"] == 10 for f in findings)
