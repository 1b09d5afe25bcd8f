"""A whole cycle run as a clerk would, through the CLI alone: no YAML written by hand."""

import shutil

from click.testing import CliRunner
from helpers import DEMO
from openpyxl import Workbook
from stdnum.cn import uscc

from qaward_site.cli import main


def test_a_clerk_runs_a_cycle_without_writing_yaml(tmp_path, monkeypatch):
    shutil.copytree(DEMO, tmp_path / "content")
    shutil.copy(DEMO.parent / "site_config.yml", tmp_path / "site_config.yml")
    monkeypatch.chdir(tmp_path)

    def qaward(*args):
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 0, (args, result.output)
        return result.output

    qaward(
        "new", "cycle", "--ordinance", "panzhihua-2022", "--year", "2025", "--call", "2025-03-03"
    )
    sheet = Workbook()
    sheet.active.append(["单位名称", "统一社会信用代码", "成立日期", "所属行业", "推荐单位"])
    for i, name in enumerate(["攀枝花钒钛新材料有限公司", "攀枝花阳光康养服务有限公司"]):
        body = f"91510402MA6{i}AB12C"
        sheet.active.append([name, body + uscc.calc_check_digit(body), "2012-05-01", "制造业", "攀枝花市经济和信息化局"])  # fmt: skip
    sheet.save(tmp_path / "申报汇总表.xlsx")
    qaward("import", "applicants", "申报汇总表.xlsx", "--cycle", "panzhihua-2025")
    both = "panzhihua-2025-001,panzhihua-2025-002"

    def stage(name, day):
        qaward("record", "stage", "--cycle", "panzhihua-2025", "--stage", name, "--date", day, "--passed", both)  # fmt: skip

    stage("recommendation", "2025-03-20")
    stage("eligibility_review", "2025-04-01")
    qaward("new", "notice", "--cycle", "panzhihua-2025", "--stage", "acceptance_publicity", "--start", "2025-04-07")  # fmt: skip
    stage("material_review", "2025-04-25")
    stage("site_review", "2025-05-20")
    stage("defense", "2025-05-27")
    stage("comprehensive_evaluation", "2025-06-10")
    stage("deliberation", "2025-06-20")
    qaward("new", "notice", "--cycle", "panzhihua-2025", "--stage", "proposal_publicity", "--start", "2025-06-23")  # fmt: skip
    objection = qaward(
        "new", "objection", "--notice", "panzhihua-2025-proposal",
        "--applicant", "panzhihua-2025-002", "--received", "2025-06-24", "--objector", "organization",
    )  # fmt: skip
    assert "objections/panzhihua-2025-obj-01.yml" in objection
    # the objection is still open: the decision leaves 002 out, as the law requires
    decision = qaward(
        "new", "decision", "--cycle", "panzhihua-2025", "--date", "2025-07-10",
        "--doc-number", "攀府函〔2025〕12号", "--title", "攀枝花市人民政府关于表扬2025年度市政府质量奖获奖组织的通报",
    )  # fmt: skip
    assert "未列入 panzhihua-2025-002" in decision
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    qaward("build", "--today", "2025-07-11")
    page = (tmp_path / "site/cycles/panzhihua-2025/index.html").read_text("utf-8")
    assert "攀枝花钒钛新材料有限公司" in page
