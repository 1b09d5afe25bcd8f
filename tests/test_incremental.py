"""Rebuilding after a small change: same bytes as a full build, published site never touched."""

import shutil
from datetime import date

import pytest
import yaml
from helpers import DEMO
from test_site_build import CONFIG, TODAY, tree_digest

from qaward_site.errors import BuildError
from qaward_site.site.build import build


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root


def retitle(content, title):
    path = content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = title
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_incremental_rebuild_equals_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    assert not build(content, out, CONFIG, TODAY).incremental
    published = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    retitle(content, "2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（更正）")
    result = build(content, out, CONFIG, TODAY)
    assert result.incremental
    assert "（更正）" in (out / "notices/xinjiang-2026-acceptance/index.html").read_text("utf-8")
    full = tmp_path / "full"
    assert not build(content, full, CONFIG, TODAY).incremental
    assert tree_digest(out) == tree_digest(full)
    # unchanged pages are the very same files (hard links), changed ones are new
    page = out / "ordinances/daqing-2018/index.html"
    assert page.stat().st_ino == published[tmp_path / "site" / "ordinances/daqing-2018/index.html"]


def test_failed_incremental_build_leaves_the_site_and_forces_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = tree_digest(out)
    retitle(content, "联系人：柯秋澜")  # an objector's name: the privacy scan must refuse it
    with pytest.raises(BuildError):
        build(content, out, CONFIG, TODAY)
    assert tree_digest(out) == before
    retitle(content, "2026年度受理名单公示")
    assert not build(content, out, CONFIG, TODAY).incremental


def test_removed_records_remove_their_pages(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    (content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml").unlink()
    assert build(content, out, CONFIG, TODAY).incremental
    assert not (out / "notices/xinjiang-2026-acceptance").exists()
    assert not (out / "notices/xinjiang-2026-acceptance.ics").exists()
    full = tmp_path / "full"
    build(content, full, CONFIG, TODAY, incremental=False)
    assert tree_digest(out) == tree_digest(full)


def test_a_new_day_is_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    assert not build(content, out, CONFIG, date(2026, 11, 23)).incremental
    assert build(content, out, CONFIG, date(2026, 11, 23)).incremental
