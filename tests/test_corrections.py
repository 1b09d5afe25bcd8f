"""A published fact changes only by a dated, public correction (更正), and the version it
replaced stays at its own address (issue 27)."""

import json
import shutil
from datetime import date

import pytest
import yaml
from helpers import DEMO, run_in
from test_site_build import CONFIG, TODAY, tree_digest

from qaward_site.errors import LedgerUnreadable
from qaward_site.site import build as build_module
from qaward_site.site.build import CheckFailed, build

NOTICE = "cycles/daqing-2026/notices/daqing-2026-proposal.yml"  # 7 days, 2026-11-19 to 25
NEXT_DAY = date(2026, 11, 23)


@pytest.fixture
def published(tmp_path):
    """The demo built once into tmp_path/site: what the office has published."""
    shutil.copytree(DEMO, tmp_path / "content")
    build(tmp_path / "content", tmp_path / "site", CONFIG, TODAY)
    return tmp_path


def edit(root, rel=NOTICE, correction=None, **changes):
    path = root / "content" / rel
    data = yaml.safe_load(path.read_text("utf-8"))
    for key, value in changes.items():
        if callable(value):
            value(data)
        else:
            data[key] = value
    if correction:
        data.setdefault("corrections", []).append({"date": NEXT_DAY, "note": correction})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def drop_last_entry(data):
    data["entries"] = data["entries"][:-1]


def ledger(site):
    return json.loads((site / "data/published.json").read_text("utf-8"))["records"]


def rebuild(root, day=NEXT_DAY, **kwargs):
    return build(root / "content", root / "site", CONFIG, day, **kwargs)


def text_of(site, url):
    return (site / url / "index.html").read_text("utf-8")


def test_the_site_publishes_what_it_published_with_the_first_day_of_each_fact(published):
    records = ledger(published / "site")
    notice = records["notice/daqing-2026-proposal"]
    assert notice["facts"]["公示期"] == "2026年11月19日至2026年11月25日"
    assert len(notice["facts"]["名单"]) == 3 and notice["facts"]["名单"][-1].endswith("（提名奖）")
    # a notice published before the site's first build keeps its own publication date
    assert notice["since"]["名单"] == "2026-11-19"
    assert {r.split("/")[0] for r in records} == {
        "notice",
        "decision",
        "revocation",
        "disqualification",
    }
    assert all(not r["corrections"] and not r["versions"] for r in records.values())


def test_a_changed_list_without_a_correction_is_refused_and_the_site_stays(published):
    site = published / "site"
    before = tree_digest(site)
    edit(published, entries=drop_last_entry)
    with pytest.raises(CheckFailed) as refused:
        rebuild(published)
    (finding,) = [f for f in refused.value.findings if f.rule == "published-record"]
    assert finding.file == NOTICE and finding.record == "daqing-2026-proposal"
    assert "「名单」" in finding.message and "删去" in finding.message
    assert "corrections:" in finding.message and "date: 2026-11-23" in finding.message
    assert tree_digest(site) == before
    # --allow-shrink is no way round it: a withdrawal is a correction too
    with pytest.raises(CheckFailed):
        rebuild(published, allow_shrink=True)
    assert tree_digest(site) == before
    # the check, beside the published site, says the same
    result = run_in(published, "check", "--out", str(site))
    assert result.exit_code == 1 and "没有更正说明" in result.output


def test_a_correction_is_shown_its_earlier_version_kept_and_listed(published):
    site = published / "site"
    old_list = ledger(site)["notice/daqing-2026-proposal"]["facts"]["名单"]
    edit(published, entries=drop_last_entry, correction="第3项申报者撤回申报，从名单中删去")
    rebuild(published)
    page = text_of(site, "notices/daqing-2026-proposal")
    assert "更正说明" in page and "2026年11月23日更正" in page and "撤回申报" in page
    assert 'href="v1/"' in page
    # the earlier version: at its own address, marked, out of search and of search engines
    earlier = text_of(site, "notices/daqing-2026-proposal/v1")
    assert "已更正" in earlier and '<meta name="robots" content="noindex">' in earlier
    assert "data-pagefind-body" not in earlier
    assert all(name in earlier for name in old_list)
    assert "查看现行版本" in earlier
    # the 更正记录 page and its feed
    listing = text_of(site, "corrections")
    assert "撤回申报" in listing and "第1版" in listing
    feed = (site / "corrections.xml").read_text("utf-8")
    assert "撤回申报" in feed and "notices/daqing-2026-proposal/" in feed
    entry = ledger(site)["notice/daqing-2026-proposal"]
    assert entry["corrections"][0]["changed"] == ["名单"]
    assert entry["corrections"][0]["version"] == 1
    assert entry["versions"][0]["facts"]["名单"] == old_list
    assert entry["since"]["名单"] == "2026-11-23" and entry["since"]["标题"] == "2026-11-19"
    # a removal only: nobody new to object to, so no new period
    assert "重新公示" not in page


def test_the_record_round_trips_and_survives_an_interrupted_build(published, monkeypatch):
    site = published / "site"
    edit(published, entries=drop_last_entry, correction="删去第3项")
    rebuild(published)
    record = (site / "data/published.json").read_bytes()
    rebuild(published)  # nothing changed: the same record, the earlier version still there
    assert (site / "data/published.json").read_bytes() == record
    assert (site / "notices/daqing-2026-proposal/v1/index.html").is_file()

    # a second correction, interrupted after the check: nothing of it is published
    before = tree_digest(site)
    edit(published, title="2026年度大庆市政府质量奖初选结果公示", correction="更正标题")

    def killed(b):
        raise KeyboardInterrupt

    monkeypatch.setattr(
        build_module,
        "STAGES",
        [(n, m, killed if n == "verify" else s) for n, m, s in build_module.STAGES],
    )
    with pytest.raises(KeyboardInterrupt):
        rebuild(published)
    assert tree_digest(site) == before
    monkeypatch.undo()
    rebuild(published)
    entry = ledger(site)["notice/daqing-2026-proposal"]
    assert [c["note"] for c in entry["corrections"]] == ["删去第3项", "更正标题"]
    assert [v["n"] for v in entry["versions"]] == [1, 2]
    assert entry["versions"][1]["facts"]["标题"] == "2026年度大庆市政府质量奖初选公示"
    assert (site / "notices/daqing-2026-proposal/v2/index.html").is_file()


def test_a_correction_that_adds_to_the_list_runs_the_period_again(published):
    """daqing 第十八条: 公示期为7天. A level changed by a correction on 11-23 has not been before
    the public: the notice may end on 11-29 at the earliest."""

    def upgrade(data):
        data["entries"][-1]["level"] = "award"

    edit(published, entries=upgrade, correction="第3项奖项等级误写，更正为质量奖")
    with pytest.raises(CheckFailed) as refused:
        rebuild(published)
    (finding,) = [f for f in refused.value.findings if f.rule == "published-record"]
    assert "重新计算" in finding.message and "2026年11月29日" in finding.message
    assert finding.article and finding.ordinance == "daqing-2018"
    edit(published, end=date(2026, 11, 29))
    rebuild(published)
    page = text_of(published / "site", "notices/daqing-2026-proposal")
    assert "自2026年11月23日起重新公示，至2026年11月29日" in page
    assert 'data-end="2026-11-29"' in page  # the status the browser computes follows


def test_a_published_correction_cannot_be_taken_back(published):
    edit(published, entries=drop_last_entry, correction="删去第3项")
    rebuild(published)
    edit(published, corrections=[])
    with pytest.raises(CheckFailed) as refused:
        rebuild(published)
    assert any("更正说明不见了" in f.message for f in refused.value.findings)


def test_a_decision_and_a_sanction_need_corrections_too(published):
    edit(published, "cycles/daqing-2024/daqing-2024-decision.yml", doc_number="庆政发〔2024〕19号")
    with pytest.raises(CheckFailed) as refused:
        rebuild(published)
    assert any("「文号」" in f.message for f in refused.value.findings)
    edit(
        published,
        "cycles/daqing-2024/daqing-2024-decision.yml",
        correction="文号误写，更正为庆政发〔2024〕19号",
    )
    rebuild(published)
    cycle_page = text_of(published / "site", "cycles/daqing-2024")
    assert "文号误写" in cycle_page
    assert (published / "site/decisions/daqing-2024-decision/v1/index.html").is_file()

    sanction = "cycles/daqing-2024/disqualifications/daqing-2024-dq-01.yml"
    edit(published, sanction, date=date(2024, 6, 21), ban_until=date(2028, 6, 21))
    with pytest.raises(CheckFailed) as refused:
        rebuild(published)
    assert any("「日期」" in f.message for f in refused.value.findings)
    edit(published, sanction, correction="决定日期误写，更正")
    rebuild(published)
    assert "决定日期误写" in text_of(published / "site", "sanctions/daqing-2024-dq-01")
    assert (published / "site/sanctions/daqing-2024-dq-01/v1/index.html").is_file()


def test_a_note_alone_is_published_without_a_new_version(published):
    edit(published, correction="补充说明：本公示的异议途径见页面下方")
    rebuild(published)
    page = text_of(published / "site", "notices/daqing-2026-proposal")
    assert "补充说明" in page and "v1/" not in page
    assert not (published / "site/notices/daqing-2026-proposal/v1").exists()


def test_an_unreadable_record_of_what_was_published_is_no_free_pass(published):
    site = published / "site"
    (site / "data/published.json").write_text("{broken", "utf-8")
    before = tree_digest(site)
    with pytest.raises(LedgerUnreadable, match="不能当作没有发布过"):
        rebuild(published)
    assert tree_digest(site) == before
