"""Rebuilding after a small change: same bytes as a full build, published site never touched."""

import os
import shutil
from dataclasses import dataclass
from datetime import date

import pytest
import yaml
from helpers import DEMO
from test_site_build import CONFIG, TODAY, tree_digest

from qaward_site.errors import BuildError, ShrinkRefused
from qaward_site.site.build import build
from qaward_site.site.incremental import JOURNAL, LINKS, PAGES, Cache


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root


def assert_same_as_a_full_build(tmp_path, content, out, before, config=CONFIG):
    """The site a rebuild left is byte for byte the one a build from nothing gives, when both
    honour the same published site (`before`: a copy of it, with its record of what it
    published and the corrections since)."""
    full = tmp_path / "full"
    result = build(content, full, config, TODAY, incremental=False, published_from=before)
    assert not result.incremental
    assert tree_digest(out) == tree_digest(full)


def published_copy(tmp_path, out):
    """A copy of the published site, as the next build will find it."""
    copy = tmp_path / "published-before"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(out, copy)
    return copy


def correct(path, note="更正标题中的文字"):
    """A dated correction on a record: what a change to a published fact needs."""
    data = yaml.safe_load(path.read_text("utf-8"))
    corrections = data.setdefault("corrections", [])
    if not any(c["note"] == note for c in corrections):
        corrections.append({"date": TODAY, "note": note})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


NOTICE = "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"


def edit_notice(content, **changes):
    path = content / NOTICE
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    correct(path)


def test_incremental_rebuild_equals_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    assert not build(content, out, CONFIG, TODAY).incremental
    published = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    before = published_copy(tmp_path, out)
    edit_notice(content, title="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（更正）")
    result = build(content, out, CONFIG, TODAY)
    assert result.incremental
    assert "（更正）" in (out / "notices/xinjiang-2026-acceptance/index.html").read_text("utf-8")
    assert_same_as_a_full_build(tmp_path, content, out, before)
    # unchanged pages are the very same files (hard links), changed ones are new
    page = out / "ordinances/daqing-2018/index.html"
    assert page.stat().st_ino == published[tmp_path / "site" / "ordinances/daqing-2018/index.html"]


def add_objection(content):
    """A second objection to a notice: its page, its cycle's and nothing else tell of it."""
    first = content / "cycles/yining-2026/objections/yining-2026-obj-01.yml"
    data = yaml.safe_load(first.read_text("utf-8"))
    data |= {"id": "yining-2026-obj-02", "applicant": "yining-2026-002", "received": "2026-07-09"}
    data["summary"] = "异议反映该单位噪声扰民。经调查，异议不成立。"
    (first.parent / "yining-2026-obj-02.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )


def retitle_notice(content):
    edit_notice(content, title="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（更正）")


@pytest.mark.parametrize("change", [retitle_notice, add_objection])
def test_a_rebuild_renders_only_the_pages_whose_inputs_changed(tmp_path, content, change):
    """Issue 28: one notice edited re-rendered every page. Now a page's inputs are digested
    (site/inputs.py) and only pages whose inputs changed are rendered — and the site is still
    byte for byte a full build's."""
    out = tmp_path / "site"
    first = build(content, out, CONFIG, TODAY)
    assert first.rendered == first.pages
    again = build(content, out, CONFIG, TODAY)
    assert again.incremental and again.rendered <= 1  # 更正记录 (a function in its context)
    before = published_copy(tmp_path, out)
    change(content)
    result = build(content, out, CONFIG, TODAY)
    assert result.incremental and 1 < result.rendered < result.pages / 4, result.rendered
    assert_same_as_a_full_build(tmp_path, content, out, before)


def rendered_pages(monkeypatch) -> list[str]:
    """The pages a build renders, as it renders them (in this process: the demo is far below
    RENDER_PARALLEL_FROM)."""
    from qaward_site.site import build as build_module

    paths = []
    render_page = build_module.render_page
    monkeypatch.setattr(
        build_module,
        "render_page",
        lambda env, p, shared: paths.append(p.path) or render_page(env, p, shared),
    )
    return paths


def test_a_corrected_title_renders_the_notice_not_the_organisations_it_lists(
    tmp_path, content, monkeypatch
):
    """An organisation's page names a notice listing it by cycle and stage, with its period
    (notice_list, by_stage): it is given that alone (pages.ListedNotice), so a corrected title
    renders the notice's pages again and none of the organisations' (1,672 at 20,000
    applicants: issue 28). Its dates, which the organisations' pages show, do render them."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    listed = {
        f"organizations/{a['credit_code']}.md"
        for a in (
            yaml.safe_load(p.read_text("utf-8"))
            for p in (content / "cycles/xinjiang-2026/applicants").glob("*.yml")
        )
    }
    assert all((Cache.of_output(out.resolve()).docs / rel).is_file() for rel in listed)
    rendered = rendered_pages(monkeypatch)
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert "notices/xinjiang-2026-acceptance.md" in rendered and not listed & set(rendered)
    assert_same_as_a_full_build(tmp_path, content, out, before)

    # what the organisations' pages are given of it: its dates and period, not its title
    from dataclasses import replace

    from qaward_site.records.content import load
    from qaward_site.rules.state import gather
    from qaward_site.site.inputs import Inputs
    from qaward_site.site.pages import ListedNotice

    model = gather(load(content), CONFIG, TODAY)
    n = next(n for n in model.notices if n.notice.id == "xinjiang-2026-acceptance")

    def key(**changes):
        notice = n.notice.model_copy(update=changes)
        return Inputs().key(ListedNotice.of(replace(n, notice=notice)))

    assert key(title="另一个标题") == key() != key(end=date(2026, 12, 31))
    assert key() != Inputs().key(ListedNotice.of(replace(n, days=n.days[:-1])))


@dataclass
class Fact:
    cycle: object
    days: list


@pytest.mark.parametrize("inline", [False, True], ids=["digested apart", "written out"])
def test_a_page_key_sees_every_field_it_is_made_from(inline):
    """What the key holds: a record's fields (however deep), a fact's fields, a page's own; a
    function cannot be seen into, so its page has no key and is always rendered. The same
    whether a page and its facts are digested apart or written out where they stand."""
    from qaward_site.records import Cycle
    from qaward_site.records.content import load
    from qaward_site.site.inputs import Inputs
    from qaward_site.site.render import Page

    cycle = next(iter(load(DEMO).all(Cycle)))

    def key(*values):
        return Inputs(inline=(Page, Fact) if inline else ()).key(*values)

    page = Page("cycles/x.md", "pages/cycle.md.j2", "标题", {"fact": Fact(cycle, [1, 2])})
    assert key(page) == key(page) and len(key(page)) == 32
    renamed = cycle.model_copy(update={"title": cycle.title + "（更正）"})
    assert key(
        Page("cycles/x.md", "pages/cycle.md.j2", "标题", {"fact": Fact(renamed, [1, 2])})
    ) != key(page)
    assert key(
        Page("cycles/x.md", "pages/cycle.md.j2", "标题", {"fact": Fact(cycle, [2, 1])})
    ) != key(page)
    assert key(
        Page(
            "cycles/x.md", "pages/cycle.md.j2", "标题", {"fact": Fact(cycle, [1, 2])}, search=False
        )
    ) != key(page)
    assert key(Page("cycles/x.md", "pages/cycle.md.j2", "标题", {"current": lambda c: c})) is None
    # what JSON has no form for: a dict by tuples (the rules table), a set, a date, an enum
    from enum import Enum

    Stage = Enum("Stage", {"acceptance_publicity": "受理名单公示"})
    table = {("yining-2025", "quota"): {"n": 1}}
    assert key(table) != key({("yining-2025", "quota"): {"n": 2}}) is not None
    assert key({"a", "b"}) == key({"b", "a"}) != key({"a"})
    assert key(TODAY) != key(date(2026, 11, 23)) and key(TODAY) != key(TODAY.isoformat())
    assert key(Stage.acceptance_publicity) != key(Stage.acceptance_publicity.value)
    # a dict by tuples inside a fact; a fact is never read as the list of its fields
    assert key(Fact(cycle, [table])) != key(Fact(cycle, [{("yining-2025", "quota"): {"n": 2}}]))
    assert key(Fact(cycle, [table])) is not None
    assert key(Fact(cycle, [1])) != key(["Fact", cycle, [1]])


def test_a_page_key_is_the_same_in_every_process(tmp_path):
    """A rebuild runs in a new process: a key that changed with the process (a set's order
    follows its strings' hashes, which Python seeds anew each time) would render again pages
    whose inputs did not change."""
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from helpers import DEMO\n"
        "from test_site_build import CONFIG, TODAY\n"
        "from qaward_site.records.content import load\n"
        "from qaward_site.rules.state import gather\n"
        "from qaward_site.site.inputs import Inputs\n"
        "from qaward_site.site.pages import pages\n"
        "from qaward_site.site.build import Organisation, Page\n"
        "digests = Inputs(inline=(Page, Organisation))\n"
        "for p in pages(gather(load(DEMO), CONFIG, TODAY)):\n"
        "    print(p.path, digests.key(p, {'x', 'y', 'z'}))\n"
    )
    keys = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert keys[0] == keys[1] and keys[0].count("\n") > 50 and " None" not in keys[0]


OTHER_NOTICE = "cycles/yining-2026/notices/yining-2026-acceptance.yml"


def leak_a_name(content):
    """An objector's name in another notice's title: the privacy scan refuses the site, after
    its pages are written."""
    path = content / OTHER_NOTICE
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = "联系人：柯秋澜"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    correct(path)


def test_a_rebuild_after_one_that_failed_publishes_what_that_one_wrote_too(tmp_path, content):
    """A rebuild refused by its verification has written its pages' Markdown over the last
    build's. The next is a rebuild still (it was a full build: a minute at 20,000 pages, for a
    clerk's mistake), and the notice both retitle is published anew: its Markdown, the same
    bytes as the failed build left, is given to mkdocs all the same (mkdocs' own test, and
    the docs' bytes, would say it is the published page), and so are the exports."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    other = content / OTHER_NOTICE
    good = other.read_text("utf-8")
    retitle_notice(content)
    leak_a_name(content)
    with pytest.raises(BuildError):
        build(content, out, CONFIG, TODAY)
    assert tree_digest(out) == tree_digest(before)
    other.write_text(good, "utf-8")
    result = build(content, out, CONFIG, TODAY)
    assert result.incremental
    assert "（更正）" in (out / "notices/xinjiang-2026-acceptance/index.html").read_text("utf-8")
    assert_same_as_a_full_build(tmp_path, content, out, before)
    assert not (Cache.of_output(out.resolve()).root / JOURNAL).exists()  # published: trusted


@pytest.mark.parametrize("back", [True, False])
def test_a_rebuild_after_one_that_failed_and_removed_a_page(tmp_path, content, back):
    """A failed rebuild (of a preview: the office's site honours none) removed the Markdown of
    a notice's page with its record. The record back, its page is rendered again (its key is
    the published one's, its file gone) and published as it was; still gone, the next rebuild
    removes the published page (its Markdown was not there to find stale)."""
    out, nothing = tmp_path / "site", tmp_path / "never-published"
    build(content, out, CONFIG, TODAY, published_from=nothing)
    docs = Cache.of_output(out.resolve()).docs
    other = content / OTHER_NOTICE
    good, kept = other.read_text("utf-8"), (content / NOTICE).read_text("utf-8")
    (content / NOTICE).unlink()
    leak_a_name(content)
    with pytest.raises(BuildError):
        build(content, out, CONFIG, TODAY, allow_shrink=True, published_from=nothing)
    assert not (docs / "notices/xinjiang-2026-acceptance.md").exists()
    if back:
        (content / NOTICE).write_text(kept, "utf-8")
    other.write_text(good, "utf-8")
    again = build(content, out, CONFIG, TODAY, allow_shrink=True, published_from=nothing)
    assert again.incremental
    assert (out / "notices/xinjiang-2026-acceptance/index.html").is_file() is back
    assert_same_as_a_full_build(tmp_path, content, out, nothing)


def test_a_rebuild_interrupted_leaves_the_next_a_rebuild(tmp_path, content, monkeypatch):
    """Ctrl-C while mkdocs runs, the pages written; twice, the second over the first."""
    from qaward_site.site import build as build_module

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    run = build_module.mkdocs_build.run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module.mkdocs_build, "run", interrupted)
    retitle_notice(content)
    with pytest.raises(KeyboardInterrupt):
        build(content, out, CONFIG, TODAY)
    add_objection(content)
    with pytest.raises(KeyboardInterrupt):
        build(content, out, CONFIG, TODAY)
    monkeypatch.setattr(build_module.mkdocs_build, "run", run)
    assert tree_digest(out) == tree_digest(before)
    assert build(content, out, CONFIG, TODAY).incremental
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_only_after_a_failed_rebuild_is_mkdocs_given_files_whatever_their_bytes(
    tmp_path, content, monkeypatch
):
    """A rebuild that follows a published one gives mkdocs only the files whose bytes it
    changed: none, with nothing changed; after a failed one, the files that are not pages too
    (the failed one may have written any of them)."""
    from qaward_site.site import mkdocs_build

    given = []
    written = mkdocs_build.Changed.written.__func__

    def noted(cls, *args):
        found = written(cls, *args)
        given.append(set(found.pages) | set(found.others))
        return found

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    monkeypatch.setattr(mkdocs_build.Changed, "written", classmethod(noted))
    assert build(content, out, CONFIG, TODAY).incremental
    assert given.pop() == set()
    other = content / OTHER_NOTICE
    good = other.read_text("utf-8")
    leak_a_name(content)
    with pytest.raises(BuildError):
        build(content, out, CONFIG, TODAY)
    given.pop()
    other.write_text(good, "utf-8")
    assert build(content, out, CONFIG, TODAY).incremental
    again = given.pop()
    assert "notices/yining-2026-acceptance.md" in again
    assert any(rel.startswith("assets/") for rel in again)
    assert build(content, out, CONFIG, TODAY).incremental  # published: trusted again
    assert given.pop() == set()


def test_a_journal_that_cannot_be_read_is_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    (Cache.of_output(out.resolve()).root / JOURNAL).write_text("{", "utf-8")
    retitle_notice(content)
    assert not build(content, out, CONFIG, TODAY).incremental


def test_removed_records_remove_their_pages(tmp_path, content):
    """A preview (serve) follows the records as they are edited; what it must honour is the
    office's published site, here none."""
    out, nothing = tmp_path / "site", tmp_path / "never-published"
    build(content, out, CONFIG, TODAY, published_from=nothing)
    (content / NOTICE).unlink()
    with pytest.raises(ShrinkRefused, match="notices/xinjiang-2026-acceptance"):
        build(content, out, CONFIG, TODAY, published_from=nothing)  # goes only when asked to
    assert (out / "notices/xinjiang-2026-acceptance/index.html").is_file()
    assert build(content, out, CONFIG, TODAY, allow_shrink=True, published_from=nothing).incremental
    assert not (out / "notices/xinjiang-2026-acceptance").exists()
    assert not (out / "notices/xinjiang-2026-acceptance.ics").exists()
    assert_same_as_a_full_build(tmp_path, content, out, nothing)


def test_a_new_day_is_a_full_build(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    assert not build(content, out, CONFIG, date(2026, 11, 23)).incremental
    assert build(content, out, CONFIG, date(2026, 11, 23)).incremental


PARTED = CONFIG.model_copy(update={"search_part_pages": 8})


def part_folders(site):
    return {p.name: p.stat().st_ino for p in (site / "pagefind").iterdir()}


def fragment_inodes(site, part):
    return {p.name: p.stat().st_ino for p in (site / "pagefind" / part / "fragment").iterdir()}


def test_search_index_in_parts_reindexes_only_the_parts_a_change_touches(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, PARTED, TODAY)
    parts = sorted(part_folders(out))
    assert "main" in parts and any(p.startswith("organizations-") for p in parts)
    search_page = (out / "search/index.html").read_text("utf-8")
    assert all(p in search_page for p in parts if p != "main")  # merged by the browser
    # only the primary part carries the UI and the WebAssembly
    assert (out / "pagefind/main/pagefind.js").is_file()
    assert not list((out / "pagefind" / parts[-1]).glob("*.js"))
    before = {p: fragment_inodes(out, p) for p in parts}
    published = published_copy(tmp_path, out)

    # a notice's title: on its own page and the lists of notices, not on the organisations'
    edit_notice(content, title="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（更正）")
    assert build(content, out, PARTED, TODAY).incremental
    after = {p: fragment_inodes(out, p) for p in parts}
    reindexed = {p for p in parts if after[p] != before[p]}
    assert reindexed and all(not p.startswith("organizations-") for p in reindexed)

    # one organisation's record: its own part, and nothing else of the organisations
    path = content / "cycles/xinjiang-2026/applicants/001.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["name"] = "新疆塔里木棉纺织股份有限公司"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for notice in (content / "cycles/xinjiang-2026/notices").glob("*.yml"):
        correct(notice, "更正申报者名称")  # the name was on the published lists
    published = published_copy(tmp_path, out)
    before = after
    assert build(content, out, PARTED, TODAY).incremental
    after = {p: fragment_inodes(out, p) for p in parts}
    orgs = {p for p in parts if p.startswith("organizations-") and after[p] != before[p]}
    assert len(orgs) == 1

    assert_same_as_a_full_build(tmp_path, content, out, published, PARTED)


def test_a_page_written_anew_that_mkdocs_was_not_given_is_indexed_too(
    tmp_path, content, monkeypatch
):
    """Pagefind starts on the pages mkdocs was given to write; the walk of the site that follows
    trusts nothing, and a part whose page it finds new is indexed as well."""
    from qaward_site.site import build as build_module

    out = tmp_path / "site"
    build(content, out, PARTED, TODAY)
    before = fragment_inodes(out, "main")
    published = published_copy(tmp_path, out)

    def told_nothing(b):
        run_mkdocs(b)
        if b.reuse.active:
            b.to_index = set()  # as if mkdocs had written pages it was not given

    stages = [
        (name, message, told_nothing if stage is build_module.run_mkdocs else stage)
        for name, message, stage in build_module.STAGES
    ]
    run_mkdocs = build_module.run_mkdocs
    monkeypatch.setattr(build_module, "STAGES", stages)
    edit_notice(content, title="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（更正）")
    assert build(content, out, PARTED, TODAY).incremental
    assert fragment_inodes(out, "main") != before
    assert_same_as_a_full_build(tmp_path, content, out, published, PARTED)


def test_a_new_part_size_rebuilds_every_part(tmp_path, content):
    out = tmp_path / "site"
    build(content, out, PARTED, TODAY)
    assert not build(content, out, CONFIG, TODAY).incremental  # settings changed: full build
    assert sorted(part_folders(out)) == ["main"]


def test_a_rebuild_scans_only_new_files_for_unchanged_private_values(
    tmp_path, content, monkeypatch
):
    from qaward_site.site import verify

    calls = []
    original = verify.verify_site

    def spy(*args, **kwargs):
        calls.append(kwargs["full_privacy"])
        return original(*args, **kwargs)

    monkeypatch.setattr(verify, "verify_site", spy)
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    edit_notice(content, title="受理名单公示（更正）")
    assert build(content, out, CONFIG, TODAY).incremental
    assert calls == [True, False]  # the published site was scanned for these values already


def test_a_rebuild_spells_no_name_again(tmp_path, content, monkeypatch):
    """Names' pinyin (0.13 ms a name, 2.6 s at 20,000) is kept between builds: a rebuild that
    renders no organisation's page spells nothing, and its name index is the full build's."""
    from qaward_site.site import search

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    path = content / NOTICE
    path.write_text(path.read_text("utf-8").replace("受理名单公示", "受理名单的公示"), "utf-8")
    correct(path)

    def spelt_again(name):
        raise AssertionError(f"{name} spelt again")

    monkeypatch.setattr(search, "pinyin_of", spelt_again)
    assert build(content, out, CONFIG, TODAY).incremental
    monkeypatch.undo()
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_rebuild_with_nothing_changed_renders_no_page(tmp_path, content):
    """Every page's inputs can be digested (a function in a context, as the corrections page
    once had, renders its page on every rebuild)."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    path = content / NOTICE
    path.write_text(path.read_text("utf-8").replace("受理名单公示", "受理名单的公示"), "utf-8")
    correct(path)  # the corrections page has a row to link
    build(content, out, CONFIG, TODAY)
    cache = Cache.of_output(out.resolve()).root
    kept = {name: (cache / name).stat().st_mtime_ns for name in (LINKS, PAGES)}
    again = build(content, out, CONFIG, TODAY)
    assert again.incremental and again.rendered == 0
    # what the cache holds of the pages is what it held: not written again (7 MB at 20,000)
    assert {name: (cache / name).stat().st_mtime_ns for name in kept} == kept
    assert build(content, out, CONFIG, TODAY).incremental


def add_applicant(content):
    """A fourth applicant to a cycle: a page of its own, so the sitemap changes."""
    from qaward_site.dev.synth import credit_code

    folder = content / "cycles/xinjiang-2026/applicants"
    data = yaml.safe_load((folder / "003.yml").read_text("utf-8"))
    data |= {"id": "xinjiang-2026-004", "name": "和田玉石雕刻研究所有限公司"}
    data["credit_code"] = credit_code("653200", "hetian")
    (folder / "004.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )


@pytest.mark.parametrize("change", [retitle_notice, add_applicant])
def test_a_rebuild_gives_mkdocs_only_the_files_it_writes(tmp_path, content, monkeypatch, change):
    """Issue 28: mkdocs loaded 20,000 files, made a page of each and wrote the sitemap and 404
    page again to render the pages of one notice. A rebuild gives it the files it writes (a
    page added among them); the rest it is never given. The bytes of a full build."""
    import mkdocs.commands.build

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    loaded = []
    get_files = mkdocs.commands.build.get_files
    monkeypatch.setattr(
        mkdocs.commands.build, "get_files", lambda config: loaded.append(1) or get_files(config)
    )
    change(content)
    result = build(content, out, CONFIG, TODAY)
    assert result.incremental and 0 < result.rendered < result.pages / 2
    assert not loaded
    monkeypatch.undo()
    assert_same_as_a_full_build(tmp_path, content, out, before)


@pytest.mark.parametrize("change, made", [(add_objection, False), (retitle_notice, True)])
def test_the_name_index_is_made_again_only_when_a_title_or_name_changed(
    tmp_path, content, monkeypatch, change, made
):
    """The name index is made of the pages' titles, addresses and names (0.8 s of a core at
    20,000 pages): a rebuild that changed none keeps its files; a new title makes it again.
    Either way, the bytes of a full build."""
    from qaward_site.site import build as build_module

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    started, parts = [], []  # made in a process of its own: what the build starts, it makes
    background = build_module.Background

    def starting(fn, *args):
        started.append(fn.__name__)
        if fn.__name__ == "made":
            parts.append(list(args[2]))
        return background(fn, *args)

    monkeypatch.setattr(build_module, "Background", starting)
    change(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert ("made" in started) == made and "rules_of" in started
    # the organisations' part, made of no title either changed, kept either way
    assert parts == ([["p/"]] if made else [])
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_rebuild_scans_the_search_index_files_pagefind_wrote_again(tmp_path, content):
    """After pagefind, only its folder is walked again (the rest of the site was walked before
    it started and nothing else writes meanwhile): the index files it wrote in a rebuild are
    scanned for private values, and a leak among them keeps the published site as it was."""
    from test_site_build import tree_digest

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    published = tree_digest(out)
    edit_notice(content, body="联系人：柯秋澜\n")  # an objector's name (private)
    with pytest.raises(BuildError) as failed:
        build(content, out, CONFIG, TODAY)
    leaks = [line for line in str(failed.value).splitlines() if "不应公开" in line]
    assert any(line.strip().startswith("pagefind/") for line in leaks), leaks
    assert tree_digest(out) == published


def _index_files(folder):
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_the_name_index_is_written_into_the_site_not_given_to_mkdocs(tmp_path, content):
    """Its files have no page: they are written into the site after mkdocs, not into docs for
    mkdocs to copy (a retitled notice changes 1,356 of them at 20,000 pages). Made again, a file
    holding the same bytes stays the published one; a changed one is a new file, never written
    through the link it shares with the published site; a file the index no longer has goes."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    assert not (Cache.of_output(out.resolve()).docs / "search-names").exists()
    folder = out / "search-names"
    (folder / "p/k/999.json").write_text("{}", "utf-8")  # left by an index of more buckets
    old = _index_files(folder)
    before = published_copy(tmp_path, out)
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    new = _index_files(folder)
    assert "p/k/999.json" not in new and "p/meta.json" in new
    same = {rel for rel in new if rel in old and new[rel][1] == old[rel][1]}
    changed = {rel for rel in new if rel in old} - same
    assert same and changed and "p/meta.json" in changed
    assert all(new[rel][0] == old[rel][0] for rel in same)
    assert all(new[rel][0] != old[rel][0] for rel in changed)
    # the organisations' part, made of no title the notice changed: the published files
    theirs = {rel for rel in old if rel.startswith("o/")}
    assert len(theirs) > 10 and theirs <= same
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_name_index_folder_replaced_by_a_link_is_not_followed(tmp_path, content):
    """The published site's search-names/ made a link to a folder elsewhere: the rebuild neither
    keeps nor writes through it; the folder elsewhere is left as it was."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(out / "search-names", elsewhere)
    (out / "search-names").symlink_to(elsewhere)
    kept = tree_digest(elsewhere)
    before = published_copy(tmp_path, out)
    add_objection(content)  # no title changed: the index would be kept, were it there
    assert build(content, out, CONFIG, TODAY).incremental
    assert not (out / "search-names").is_symlink() and (out / "search-names/o/meta.json").is_file()
    assert tree_digest(elsewhere) == kept
    assert_same_as_a_full_build(tmp_path, content, out, before)


def _inodes_of(root):
    return {
        p.relative_to(root).as_posix(): p.lstat().st_ino
        for p in root.rglob("*")
        if p.is_file() or p.is_symlink()
    }


def test_a_rebuild_starts_from_the_spare_the_last_rebuild_kept(tmp_path, content, monkeypatch):
    """A rebuild's swap keeps the site it replaced (in the build cache, on the site's file
    system), pruned to the files the new site shares (never a page the published site no longer
    has), and the next rebuild starts from it, linking what it lacks, instead of copying the
    site's every folder anew."""
    from qaward_site.site import incremental

    out = tmp_path / "site"
    spare = Cache.of_output(out.resolve()).spare
    copied = []
    popen = incremental.subprocess.Popen
    monkeypatch.setattr(
        incremental.subprocess, "Popen", lambda args, **kw: copied.append(args) or popen(args, **kw)
    )
    build(content, out, CONFIG, TODAY)
    # a full build's old site shares nothing with the new one: a copy of the new one is linked
    assert _inodes_of(spare) == _inodes_of(out)
    copied.clear()
    add_objection(content)
    assert build(content, out, CONFIG, TODAY).incremental
    published, kept = _inodes_of(out), _inodes_of(spare)
    assert kept and all(published.get(rel) == inode for rel, inode in kept.items())
    assert len(kept) > len(published) / 2

    before = published_copy(tmp_path, out)
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert not [args for args in copied if args[:2] == ["cp", "-al"]]
    assert_same_as_a_full_build(tmp_path, content, out, before)
    published = _inodes_of(out)
    assert all(published.get(rel) == inode for rel, inode in _inodes_of(spare).items())


def test_a_spare_tampered_with_is_brought_to_the_published_site(tmp_path, content):
    """Whatever the spare holds that is not the published file at its path (a file added, one
    changed, a folder made a link elsewhere) is removed, not followed, and what it lacks is
    linked: the rebuild is a full build's bytes, and nothing elsewhere is touched."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    add_objection(content)
    build(content, out, CONFIG, TODAY)
    spare = Cache.of_output(out.resolve()).spare
    (spare / "planted.html").write_text("柯秋澜", "utf-8")
    page = spare / "ordinances/daqing-2018/index.html"
    page.unlink()
    page.write_text("<p>改过的页面</p>", "utf-8")
    (spare / "contact/index.html").unlink()
    elsewhere = tmp_path / "elsewhere"
    shutil.move(spare / "awards", elsewhere)
    (spare / "awards").symlink_to(elsewhere)
    kept = tree_digest(elsewhere)
    before = published_copy(tmp_path, out)
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert_same_as_a_full_build(tmp_path, content, out, before)
    assert tree_digest(elsewhere) == kept and not (out / "awards").is_symlink()


def test_a_full_build_replaces_the_spare_and_leaves_what_is_not_its_own(tmp_path, content):
    """A full build's old site shares nothing with the new one: the spare it leaves is a
    hard-link copy of the new site, made while the site is verified. A spare path that is not a
    folder of ours is neither taken nor replaced."""
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    add_objection(content)
    build(content, out, CONFIG, TODAY)
    spare = Cache.of_output(out.resolve()).spare
    assert spare.is_dir()
    (spare / "planted.html").write_text("柯秋澜", "utf-8")
    assert not build(content, out, CONFIG, date(2026, 11, 23)).incremental  # a new day
    assert _inodes_of(spare) == _inodes_of(out)  # the new site's copy, not the last one
    shutil.rmtree(spare)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    spare.symlink_to(elsewhere)  # not a folder of ours: neither taken nor removed
    assert build(content, out, CONFIG, date(2026, 11, 23)).incremental
    assert not build(content, out, CONFIG, date(2026, 11, 24)).incremental
    assert spare.is_symlink() and elsewhere.is_dir() and not any(elsewhere.iterdir())


def test_without_the_site_s_file_system_the_cache_keeps_no_spare(tmp_path, content, monkeypatch):
    """Hard links and renames do not cross file systems: where the cache is on another one than
    the site, no spare is kept and each rebuild links the published site anew."""
    from qaward_site.site import incremental

    monkeypatch.setattr(incremental, "_same_device", lambda a, b: False)
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = published_copy(tmp_path, out)
    add_objection(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert not Cache.of_output(out.resolve()).spare.exists()
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_pagefind_that_cannot_start_is_said_and_nothing_is_published(
    tmp_path, content, monkeypatch
):
    """pagefind is started as its package finds it, not through Python: a program that is not
    there is a clear error, the published site as it was and nothing left beside it."""
    from qaward_site.site import search

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    before = tree_digest(out)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    search._pagefind.cache_clear()
    try:
        with pytest.raises(BuildError, match="无法启动 pagefind.*程序不存在.*PAGEFIND_BINARY_PATH"):
            build(content, out, CONFIG, TODAY, incremental=False)
    finally:
        search._pagefind.cache_clear()  # the next build finds the real one
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_the_digests_kept_with_the_records_are_those_of_their_values(tmp_path):
    """A page's key holds the digest each record was read with (Record.digest), kept by the
    memo: read back from it, it is the digest of the record's values; a copy with other values
    makes its own."""
    from qaward_site.records.content import Memo, load

    memo = Memo(tmp_path / "memo", "v")
    load(DEMO, memo)
    records = load(DEMO, memo).records.values()
    assert all(r._digest for r in records)
    for record in records:
        assert record.digest == record.model_copy().digest
    cycle = next(r for r in records if r.kind == "cycle")
    assert cycle.model_copy(update={"title": "另一个"}).digest != cycle.digest


def test_a_rebuild_renders_what_the_published_site_lacks_and_only_what_it_wrote(
    tmp_path, content, monkeypatch
):
    """A rebuild gives mkdocs the docs files it wrote and those whose page the published site
    lacks (a page deleted from it by hand), not every docs file for mkdocs to stat: the same
    bytes as a full build."""
    from qaward_site.site import mkdocs_build

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    (out / "contact/index.html").unlink()
    given = []
    original = mkdocs_build.Changed.written.__func__
    monkeypatch.setattr(
        mkdocs_build.Changed,
        "written",
        classmethod(lambda cls, *a: given.append(original(cls, *a)) or given[-1]),
    )
    before = published_copy(tmp_path, out)
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    pages = set(given[0].pages)
    assert "contact/index.md" in pages and "notices/xinjiang-2026-acceptance.md" in pages
    assert "privacy/index.md" not in pages and len(pages) < len(given[0].known) / 3
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_rebuild_that_fails_leaves_its_site_as_the_spare(tmp_path, content, monkeypatch):
    """A clerk's rebuild that fails its check took the spare to build over: it is left as the
    spare again, and the corrected rebuild starts from it (no cp -al) with a full build's
    bytes, whatever the failed one had written over it."""
    from qaward_site.site import incremental
    from qaward_site.site.build import CheckFailed

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    add_objection(content)
    assert build(content, out, CONFIG, TODAY).incremental
    spare = Cache.of_output(out.resolve()).spare
    assert spare.is_dir()
    path = content / NOTICE
    good = path.read_text("utf-8")
    path.write_text(good.replace("受理名单公示", "受理名单的公示"), "utf-8")  # no correction
    with pytest.raises(CheckFailed):
        build(content, out, CONFIG, TODAY)
    assert spare.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
    (spare / "planted.html").write_text("柯秋澜", "utf-8")  # whatever it holds
    copied = []
    popen = incremental.subprocess.Popen
    monkeypatch.setattr(
        incremental.subprocess, "Popen", lambda args, **kw: copied.append(args) or popen(args, **kw)
    )
    before = published_copy(tmp_path, out)
    path.write_text(good, "utf-8")
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert not [args for args in copied if args[:2] == ["cp", "-al"]]
    assert_same_as_a_full_build(tmp_path, content, out, before)


def test_a_rebuild_lists_the_theme_once_and_copies_what_the_site_lacks(
    tmp_path, content, monkeypatch
):
    """The theme's files are listed once a process (walking its 14,660 against mkdocs'
    patterns was 0.1 s of every rebuild), and a theme file the published site lacks (deleted
    by hand) is still copied: the bytes of a full build."""
    from mkdocs.structure.files import Files

    from qaward_site.site import mkdocs_build

    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    listed = []
    original = Files.add_files_from_theme
    monkeypatch.setattr(
        Files, "add_files_from_theme", lambda self, *a: listed.append(1) or original(self, *a)
    )
    monkeypatch.setattr(mkdocs_build, "_THEME_FILES", {}, raising=False)
    css = next(out.glob("assets/stylesheets/main.*.min.css"))
    css.unlink()
    retitle_notice(content)
    assert build(content, out, CONFIG, TODAY).incremental
    assert css.is_file()
    before = published_copy(tmp_path, out)
    edit_notice(content, title="2026年度新疆维吾尔自治区人民政府质量奖受理名单公示（再更正）")
    correct(content / NOTICE, "再次更正标题")
    assert build(content, out, CONFIG, TODAY).incremental
    assert listed == [1]
    monkeypatch.undo()
    assert_same_as_a_full_build(tmp_path, content, out, before)
