"""`qaward new notice`: the applicants that reached the stage, the earliest lawful end date, and a
record that `qaward check` accepts."""

import shutil

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root


def run(*args):
    return CliRunner().invoke(main, list(args))


def new_notice(content, cycle, stage, start=None):
    extra = ["--start", start] if start else []
    return run(
        "new", "notice", "--content", str(content), "--cycle", cycle, "--stage", stage, *extra
    )


def test_proposal_notice_lists_who_passed_and_checks_clean(copy):
    cycle = copy / "cycles/yining-2026"
    for rel in (
        "notices/yining-2026-proposal.yml",
        "objections/yining-2026-obj-01.yml",
        "yining-2026-decision.yml",
    ):
        (cycle / rel).unlink()
    result = new_notice(copy, "yining-2026", "proposal_publicity", "2026-07-06")
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((cycle / "notices/yining-2026-proposal.yml").read_text("utf-8"))
    assert record["end"].isoformat() == "2026-07-10"
    assert record["entries"] == [
        {"applicant": "yining-2026-001", "level": "award"},
        {"applicant": "yining-2026-002", "level": "award"},
        {"applicant": "yining-2026-003", "level": "nomination"},
    ]  # 004 failed the material review; the quota allows two 质量奖
    assert run("check", "--content", str(copy)).exit_code == 0


def test_acceptance_notice_over_national_day(copy):
    (copy / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml").unlink()
    result = new_notice(copy, "xinjiang-2026", "acceptance_publicity", "2026-09-28")
    assert result.exit_code == 0, result.output
    record = yaml.safe_load(
        (copy / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml").read_text("utf-8")
    )
    assert record["end"].isoformat() == "2026-10-09"  # 国庆: five working days take twelve days
    assert len(record["entries"]) == 3
    assert run("check", "--content", str(copy)).exit_code == 0


def test_daqing_counts_calendar_days(copy):
    for path in (copy / "cycles/daqing-2026").glob("*/*.yml"):
        if "applicants" not in str(path):
            path.unlink()
    result = new_notice(copy, "daqing-2026", "proposal_publicity", "2026-12-31")
    assert result.exit_code == 0, result.output
    assert "end: 2027-01-06" in result.output
    assert run("check", "--content", str(copy)).exit_code == 0


def test_start_before_the_previous_stage_ended_is_refused(copy):
    (copy / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml").unlink()
    result = new_notice(copy, "xinjiang-2026", "acceptance_publicity", "2026-09-15")
    assert result.exit_code == 1 and "2026-09-16" in result.output


def test_stage_the_ordinance_does_not_publish(copy):
    result = new_notice(copy, "wuwei-2024", "acceptance_publicity")
    assert result.exit_code == 1 and "受理名单公示" in result.output


def test_unknown_calendar_year_is_a_clear_error(copy):
    (copy / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml").unlink()
    result = new_notice(copy, "xinjiang-2026", "acceptance_publicity", "2026-12-28")
    assert result.exit_code == 1 and "2027" in result.output
    assert "Traceback" not in result.output


def test_nobody_left_to_list(copy):
    result = new_notice(copy, "xinjiang-2026", "acceptance_publicity")
    assert result.exit_code == 1 and "没有待列入" in result.output
