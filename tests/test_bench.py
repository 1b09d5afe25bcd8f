"""The benchmark script keeps working (its figures are printed, never asserted on)."""

import os
import re
import subprocess
import sys

from helpers import ROOT

from qaward_site.dev.bench import median_of, show_targets


def test_medians_of_repeated_runs():
    runs = [{"build_s": 3.0, "ok": True}, {"build_s": 1.0, "ok": False}, {"build_s": 2.5}]
    assert median_of(runs) == {"build_s": 2.5, "ok": True}


def bench(tmp_path, *args, env=None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "qaward_site.dev.bench", "--applicants", "40", "--once"]
        + ["--workdir", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_benchmark_runs_end_to_end(tmp_path):
    compiled = ROOT / "qaward_site/site/__pycache__"
    for stale in compiled.glob("build.*.pyc"):
        stale.unlink()
    # in a sandbox that writes no bytecode, as this project's does
    no_bytecode = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = bench(tmp_path, "--repeat", "2", "--no-browser", "--baseline-max", "30", env=no_bytecode)
    for figure in (
        "build_s",
        "bare_mkdocs_s",
        "rebuild_one_notice_s",
        "rebuild_nothing_changed_s",
        "baseline_build_s",
        "peak_mb",
    ):
        assert figure in out
    assert "each run's build s:" in out
    each = re.search(r"each run's one-notice rebuild s: ([0-9.]+), ([0-9.]+)\n", out)
    assert each and all(float(v) > 0 for v in each.groups())  # the runs, not their median
    assert re.search(r"rebuild_nothing_changed_pages_rendered:\s+0\b", out)
    # and published by `qaward build` in a new process, as a clerk does: a rebuild too
    assert re.search(r"rebuild_by_qaward_build_incremental:\s+True\b", out)
    assert "the same by qaward build, wall s" in out
    # from bytecode, as an installed copy runs (the sandbox's PYTHONDONTWRITEBYTECODE aside)
    assert list(compiled.glob("build.*.pyc"))
    changed = list(tmp_path.glob("content-40/cycles/xinjiang-*/notices/*acceptance*"))
    assert changed and "（更正）" not in changed[0].read_text("utf-8")  # put back after the rebuild
    for _ in range(2):  # the second after the first's parsed records
        out = bench(tmp_path, "--reuse", "--check-only")
        assert "read_files_s" in out and "check_s" in out and "check_again_s" in out
        assert re.search(r"errors:\s+0\b", out)  # the synthesised content is valid


def test_the_check_target_is_read_from_a_check_run_only(capsys):
    """A build's own check stage (check_s of a site run, at 20,000 applicants) is not the
    check of 50,000 records the target is about."""
    show_targets([{"check_s": 3.5, "build_s": 70.0, "peak_mb": 500.0}])
    assert "check s" not in capsys.readouterr().out
    show_targets([{"check_s": 6.4, "check_again_s": 5.8, "peak_mb": 519.0}])
    assert "check s (at 50,000 records: --check-only):         6.40   target ≤ 10  met" in (
        capsys.readouterr().out
    )
