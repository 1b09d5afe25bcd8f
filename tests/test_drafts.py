"""Drafts of the records a clerk writes next: each computes what the ordinance fixes and
refuses what it forbids; what they write checks clean."""

import shutil

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main


@pytest.fixture
def desk(tmp_path, monkeypatch):
    shutil.copytree(DEMO, tmp_path / "content")
    shutil.copy(DEMO.parent / "site_config.yml", tmp_path / "site_config.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def checks_clean(today="2026-11-22"):
    result = run("check", "--format", "json")
    errors = [f for f in yaml.safe_load(result.stdout) if f["severity"] == "error"]
    assert errors == [], errors


def test_new_cycle_keeps_the_interval_and_checks(desk):
    refused = run("new", "cycle", "--ordinance", "yining-2025", "--year", "2027")
    assert refused.exit_code == 1 and "每2年评选一次（第三条）" in refused.output
    made = run(
        "new", "cycle", "--ordinance", "yining-2025", "--year", "2028", "--call", "2028-03-01"
    )
    assert made.exit_code == 0, made.output
    record = yaml.safe_load((desk / "cycles/yining-2028/cycle.yml").read_text("utf-8"))
    assert record["office_contact"]["phone"] == "0999-8021156"  # the last cycle's office
    checks_clean()
    again = run(
        "new", "cycle", "--ordinance", "yining-2025", "--year", "2030", "--call", "2032-03-01"
    )
    assert again.exit_code == 1 and "施行期" in again.output


def test_new_objection_computes_its_due_dates_on_the_programme_s_calendar(desk):
    made = run(
        "new", "objection", "--notice", "yining-2026-proposal",
        "--applicant", "yining-2026-001", "--received", "2026-07-08",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "转送审核推荐单位期限：2026年7月13日（第十六条）" in made.output
    assert "署名、本人签名" in made.output
    anonymous = run(
        "new", "objection", "--notice", "daqing-2026-proposal", "--applicant", "daqing-2026-001",
        "--received", "2026-11-20", "--objector", "anonymous",
    )  # fmt: skip
    assert anonymous.exit_code == 0 and "匿名异议不予受理（第二十一条）" in anonymous.output
    assert "outcome: not_accepted" in anonymous.output


def test_new_decision_lists_who_may_be_awarded_with_prizes(desk):
    (desk / "cycles/yining-2026/yining-2026-decision.yml").unlink()
    early = run("new", "decision", "--cycle", "yining-2026", "--date", "2026-07-10")
    assert early.exit_code == 1 and "公示期结束" in early.output
    made = run("new", "decision", "--cycle", "yining-2026", "--date", "2026-07-24")
    assert made.exit_code == 0, made.output
    record = yaml.safe_load((desk / "cycles/yining-2026/yining-2026-decision.yml").read_text())
    assert [a["applicant"] for a in record["awards"]] == [
        "yining-2026-001",
        "yining-2026-002",
        "yining-2026-003",
    ]
    checks_clean()
    (desk / "cycles/wuwei-2024/wuwei-2024-decision.yml").unlink()
    shutil.rmtree(desk / "cycles/wuwei-2024/revocations")
    made = run("new", "decision", "--cycle", "wuwei-2024")
    record = yaml.safe_load((desk / "cycles/wuwei-2024/wuwei-2024-decision.yml").read_text())
    assert {a["prize_yuan"] for a in record["awards"]} == {150000}  # 第十二条


def test_new_decision_counts_the_quota_as_its_ordinance_does(desk):
    """panzhihua 第四条 counts awards by applicant type: 3 organisations, 5 individuals."""
    cycle = desk / "cycles/panzhihua-2023"
    (cycle / "panzhihua-2023-decision.yml").unlink()
    first = (cycle / "applicants/001.yml").read_text("utf-8")
    notice = yaml.safe_load((cycle / "notices/panzhihua-2023-proposal.yml").read_text("utf-8"))
    for n, code in (("005", "91620602U92PELEU6P"), ("006", "91654002G8LTQ5H1DU")):
        text = first.replace("panzhihua-2023-001", f"panzhihua-2023-{n}")
        (cycle / f"applicants/{n}.yml").write_text(
            text.replace("91510402WKR9HK61DA", code).replace("攀枝花钒钛", f"攀枝花{n}"), "utf-8"
        )
        notice["entries"].append({"applicant": f"panzhihua-2023-{n}"})
    (cycle / "notices/panzhihua-2023-proposal.yml").write_text(
        yaml.safe_dump(notice, allow_unicode=True), "utf-8"
    )
    made = run("new", "decision", "--cycle", "panzhihua-2023", "--date", "2023-07-28")
    assert made.exit_code == 1 and "组织 4 个，超过第四条规定的每届3个" in made.output
    assert not (cycle / "panzhihua-2023-decision.yml").exists()


def test_new_decision_leaves_out_an_applicant_with_a_pending_objection(desk):
    (desk / "cycles/yining-2026/yining-2026-decision.yml").unlink()
    objection = desk / "cycles/yining-2026/objections/yining-2026-obj-01.yml"
    data = yaml.safe_load(objection.read_text("utf-8"))
    data.pop("decided")
    data["outcome"] = "pending"
    objection.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    made = run("new", "decision", "--cycle", "yining-2026", "--date", "2026-07-24")
    assert "未列入 yining-2026-003：异议 yining-2026-obj-01 尚未处理完毕" in made.output
    assert "yining-2026-003" not in made.output.split("awards:")[1]


def test_new_revocation_checks_grounds_window_and_grade_and_sets_the_ban(desk):
    args = ["new", "revocation", "--applicant", "yining-2026-002", "--date", "2027-03-01"]
    no_grade = run(*args, "--grounds", "accident", "--event-date", "2027-01-05")
    assert no_grade.exit_code == 1 and "重大以上" in no_grade.output
    late = run(*args, "--grounds", "accident", "--event-date", "2031-07-25", "--grade", "major")
    assert late.exit_code == 1 and "后5年内" in late.output
    loss = run(*args, "--grounds", "severe_loss", "--event-date", "2027-01-05")
    assert loss.exit_code == 1 and "不是第二十五条规定的撤销情形" in loss.output
    made = run(*args, "--grounds", "accident", "--event-date", "2027-01-05", "--grade", "major")
    assert made.exit_code == 0, made.output
    wuwei = run(
        "new", "revocation", "--applicant", "wuwei-2024-001", "--date", "2027-03-01",
        "--grounds", "failed_inspection", "--event-date", "2026-12-01",
    )  # fmt: skip
    assert "ban_until: 2032-03-01" in wuwei.output and "prize_money" not in wuwei.output
    checks_clean()
