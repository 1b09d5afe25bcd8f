"""Records kept between builds: unchanged files are not parsed again, changed ones always are."""

import shutil

import pytest
from helpers import DEMO

from qaward_site import content as content_module
from qaward_site.content import Memo, load


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
    memo = Memo(tmp_path / "records.pickle", "v1")
    first = load(root, memo)
    assert len(counted) == len(content_module.record_files(root))
    counted.clear()

    path = root / "cycles/xinjiang-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("2008-10-15", "2008-02-30"), "utf-8")
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


def test_other_code_or_a_damaged_memo_parses_everything(tmp_path, counted):
    memo = Memo(tmp_path / "records.pickle", "v1")
    load(DEMO, memo)
    counted.clear()
    load(DEMO, Memo(memo.path, "v2"))
    assert len(counted) == len(content_module.record_files(DEMO))
    memo.path.write_bytes(b"not a pickle")
    counted.clear()
    load(DEMO, memo)
    assert len(counted) == len(content_module.record_files(DEMO))


def test_removed_files_leave_the_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    memo = Memo(tmp_path / "records.pickle", "v1")
    load(root, memo)
    (root / "cycles/xinjiang-2026/applicants/003.yml").unlink()
    assert "xinjiang-2026-003" not in load(root, memo).records
