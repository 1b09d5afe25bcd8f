"""Records kept between builds: unchanged files are not parsed again, changed ones always are."""

import os
import shutil
import time
import types

import pytest
from helpers import DEMO

from qaward_site.records import Applicant
from qaward_site.records import content as content_module
from qaward_site.records.content import Memo, load


@pytest.fixture
def counted(monkeypatch):
    calls = []
    original = content_module._load_record

    def spy(root, path):
        calls.append(path.name)
        return original(root, path)

    monkeypatch.setattr(content_module, "_load_record", spy)
    return calls


def test_only_changed_files_are_parsed_again(tmp_path, counted):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records", "v1")
    first = load(root, memo)
    assert len(counted) == len(content_module.record_files(root))
    counted.clear()

    path = root / "cycles/xinjiang-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-02-30"), "utf-8")
    a_minute_ago(path)  # else read again while its clock may not have moved (below)
    again = load(root, memo)
    assert counted == ["001.yml"]
    assert any("2008-02-30" in f.message for f in again.findings)
    assert {r for r in again.records} == {r for r in first.records} - {"xinjiang-2026-001"}
    # a finding from a remembered file still points at its line
    counted.clear()
    third = load(root, memo)
    assert counted == []
    finding = next(f for f in third.findings if "2008-02-30" in f.message)
    assert finding.line == 7


def a_minute_ago(path):
    then = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(then, then))


def test_a_file_saved_twice_within_a_tick_of_its_clock_is_read_again(
    tmp_path, counted, monkeypatch
):
    """On a filesystem that keeps whole seconds (a network share; FAT keeps two), a date's
    digit edited twice within one leaves the file's size and times as they were: the second
    edit is read, never the record remembered from the first (git's racily clean files)."""
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records", "v1")
    path = root / "cycles/xinjiang-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-10-16"), "utf-8")
    seen = os.stat(path)
    real_stat = os.stat

    def coarse(name, *args, **kwargs):
        st = real_stat(name, *args, **kwargs)
        if os.fspath(name) != os.fspath(path):
            return st
        return types.SimpleNamespace(
            st_size=st.st_size,
            st_mtime_ns=seen.st_mtime_ns,
            st_ctime_ns=seen.st_ctime_ns,
            st_ino=seen.st_ino,
        )

    monkeypatch.setattr(content_module.os, "stat", coarse)
    assert (
        load(root, memo).get("xinjiang-2026-001", Applicant).established.isoformat() == "2008-10-16"
    )
    path.write_text(path.read_text("utf-8").replace("2008-10-16", "2008-10-17"), "utf-8")
    counted.clear()
    again = load(root, memo).get("xinjiang-2026-001", Applicant)
    assert counted == ["001.yml"] and again.established.isoformat() == "2008-10-17"


def test_other_code_or_a_damaged_memo_parses_everything(tmp_path, counted):
    memo = Memo(tmp_path / "records", "v1")
    load(DEMO, memo)
    counted.clear()
    load(DEMO, Memo(memo.path, "v2"))
    assert len(counted) == len(content_module.record_files(DEMO))
    for kept in memo.path.iterdir():
        kept.write_bytes(b"not a pickle")
    counted.clear()
    load(DEMO, memo)
    assert len(counted) == len(content_module.record_files(DEMO))


def test_removed_files_leave_the_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records", "v1")
    load(root, memo)
    (root / "cycles/xinjiang-2026/applicants/003.yml").unlink()
    assert "xinjiang-2026-003" not in load(root, memo).records


def test_loading_on_all_cores_gives_what_loading_here_gives(tmp_path, monkeypatch):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    path = root / "cycles/xinjiang-2026/applicants/001.yml"  # a schema error: line and all
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-02-30"), "utf-8")
    (root / "cycles/xinjiang-2026/applicants/bad.yml").write_text("kind: [\n", "utf-8")
    here = load(root)
    monkeypatch.setattr(content_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(content_module.os, "cpu_count", lambda: 2)
    spread = load(root)
    assert set(spread.records) == set(here.records) and len(here.records) > 50
    assert [f.as_text() for f in spread.findings] == [f.as_text() for f in here.findings]
    assert any("2008-02-30" in f.message and f.line > 1 for f in spread.findings)
    assert spread.get("xinjiang-2026-002", Applicant).file.endswith("002.yml")


def test_check_and_build_share_what_they_parsed(tmp_path, counted, monkeypatch):
    """`qaward check` keeps the records it parsed where the build of the same site keeps
    them: a second check, and the build after it, parse only what changed."""
    from click.testing import CliRunner
    from test_site_build import CONFIG, TODAY

    from qaward_site.cli import main
    from qaward_site.site.build import build

    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(main, ["check", "--content", str(root)])
    assert len(counted) > 50
    counted.clear()
    runner.invoke(main, ["check", "--content", str(root)])
    assert counted == []
    build(root, tmp_path / "site", CONFIG, TODAY)  # the site beside the content: check's
    assert counted == []


def test_check_runs_where_no_cache_can_be_kept(tmp_path, monkeypatch):
    """The parsed records are kept to make the next check quicker: a cache folder that cannot be
    made (a file in its way, a read-only home) never makes the check itself fail."""
    from click.testing import CliRunner

    from qaward_site.cli import main

    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    (tmp_path / "in-the-way").write_text("", "utf-8")
    monkeypatch.setenv("QAWARD_CACHE_DIR", str(tmp_path / "in-the-way" / "cache"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--content", str(root)])
    assert result.exit_code == 0 and "发现 0 个错误" in result.output, result.output


def test_a_changed_record_writes_only_its_folders_memo(tmp_path):
    """One record edited among 20,000 wrote the whole memo again (0.8 s); now only the file of
    its folder. A folder that holds no records any more leaves no file behind."""
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records", "v1")
    load(root, memo)

    def written():
        return {p.name: p.stat().st_mtime_ns for p in memo.path.iterdir()}

    first = written()
    assert len(first) > 5
    path = root / "cycles/xinjiang-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-10-16"), "utf-8")
    load(root, memo)
    again = written()
    assert again.keys() == first.keys()
    assert sum(again[n] != first[n] for n in first) == 1
    shutil.rmtree(root / "cycles/xinjiang-2026/applicants")
    load(root, memo)
    assert len(written()) == len(first) - 1
    assert "xinjiang-2026-001" not in load(root, memo).records


def test_a_process_that_loads_again_keeps_the_records_in_memory(tmp_path, counted, monkeypatch):
    """`qaward serve` builds again on every change: what a build loaded is kept in its memory
    for the next load of the same memo (a new build's Memo of the same folder and code), its
    files neither read nor unpickled, but for a folder where a file changed: that file is
    parsed again, and the records are those a new process would load."""
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records", "v1", live=True)
    first = load(root, memo).records
    read = []
    original = Memo._read
    monkeypatch.setattr(Memo, "_read", lambda self, name: read.append(name) or original(self, name))
    path = root / "cycles/xinjiang-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-10-16"), "utf-8")
    a_minute_ago(path)
    counted.clear()
    again = load(root, Memo(memo.path, "v1", live=True)).records
    assert counted == ["001.yml"] and len(read) == 1  # the memo's file of that folder alone
    assert again["xinjiang-2026-001"].established.isoformat() == "2008-10-16"
    elsewhere = [
        i for i, r in first.items() if not r.file.startswith("cycles/xinjiang-2026/applicants/")
    ]
    assert len(elsewhere) > 5 and all(again[i] is first[i] for i in elsewhere)
    # a file saved a moment ago is parsed, and its folder's other records kept in memory
    read.clear()
    counted.clear()
    other = root / "cycles/xinjiang-2026/applicants/002.yml"
    other.write_text(other.read_text("utf-8") + "\n", "utf-8")
    again = load(root, Memo(memo.path, "v1", live=True)).records
    assert counted == ["002.yml"] and read == []
    read.clear()
    counted.clear()
    anew = load(root, Memo(memo.path, "v1")).records  # as a new process would: from its files
    assert len(read) > 5 and counted == ["002.yml"]  # still racy: parsed
    assert {i: r.model_dump() for i, r in anew.items()} == {
        i: r.model_dump() for i, r in again.items()
    }
    # another memo's load (another site) drops these: one is held
    load(root, Memo(tmp_path / "other", "v1", live=True))
    read.clear()
    load(root, Memo(memo.path, "v1", live=True))
    assert len(read) > 5
