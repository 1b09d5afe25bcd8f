"""The clerk's desk speaks Chinese (issue 25, in part): dates as a clerk types them, stages by
their Chinese names, every failure 错误：… with where to read the usage, and from the wrong
folder, where it looked and what to do."""

import shutil
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(DEMO, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output and "Error:" not in result.output, result.output
    return result


@pytest.mark.parametrize("typed", ["2025-03-03", "2025/3/3", "2025.3.3", "2025年3月3日"])
def test_a_date_as_a_clerk_types_it(project, typed):
    made = run("new", "cycle", "--ordinance", "panzhihua-2022", "--year", "2025", "--call", typed)
    assert made.exit_code == 0, made.output
    cycle = yaml.safe_load((project / "content/cycles/panzhihua-2025/cycle.yml").read_text("utf-8"))
    assert cycle["call_published"] == date(2025, 3, 3)


@pytest.mark.parametrize(
    "typed, says", [("3/3/2025", "看不懂日期"), ("2025年2月30日", "不是存在的日期")]
)
def test_a_date_that_cannot_be_read_is_refused_in_chinese(project, typed, says):
    refused = run(
        "new", "cycle", "--ordinance", "panzhihua-2022", "--year", "2025", "--call", typed
    )
    assert refused.exit_code == 2 and "错误：--call 的值不对：" in refused.output
    assert typed in refused.output
    assert says in refused.output and "用法：qaward new cycle -h" in refused.output
    if says == "看不懂日期":
        assert "2025年3月3日" in refused.output  # the forms it accepts


def test_stages_by_their_chinese_names(project):
    done = run(
        "record", "stage", "--cycle", "panzhihua-2023", "--stage", "资格审查", "--date", "2023年5月4日",
        "--passed", "panzhihua-2023-001",
    )  # fmt: skip
    assert "没有这个环节" not in done.output
    refused = run(
        "record",
        "stage",
        "--cycle",
        "panzhihua-2023",
        "--stage",
        "资格",
        "--date",
        "2023-05-04",
        "--passed",
        "x",
    )
    assert refused.exit_code == 2 and "没有这个环节：资格" in refused.output
    assert "资格审查（eligibility_review）" in refused.output


def test_every_failure_is_said_in_chinese(project):
    missing = run("record", "stage", "--cycle", "panzhihua-2023")
    assert missing.exit_code == 2 and "错误：缺少选项 --stage" in missing.output
    assert "用法：qaward record stage -h" in missing.output
    unknown = run("nosuch")
    assert unknown.exit_code == 2 and "错误：没有命令 nosuch" in unknown.output


def test_from_the_wrong_folder_it_says_where_it_looked_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["check"], ["agenda"], ["build"]):
        result = run(*args)
        assert result.exit_code != 0, args
        assert f"内容目录 {tmp_path}/content 不存在" in result.output, result.output
        assert "--content" in result.output and "site_url" not in result.output


def test_record_stage_refuses_a_stage_a_notice_records_and_one_out_of_order(project):
    notice = run(
        "record", "stage", "--cycle", "panzhihua-2023", "--stage", "proposal_publicity",
        "--start", "2023-09-01", "--end", "2023-09-07", "--passed", "panzhihua-2023-001",
    )  # fmt: skip
    assert notice.exit_code != 0 and "由公示记录" in notice.output
    assert "qaward new notice --cycle panzhihua-2023 --stage proposal_publicity" in notice.output
    # a new cycle: 资格审查 before 审核推荐 (panzhihua 第十二条、第十三条)
    run("new", "cycle", "--ordinance", "panzhihua-2022", "--year", "2025", "--call", "2025-03-03")
    folder = project / "content/cycles/panzhihua-2025/applicants"
    folder.mkdir(parents=True)
    applicant = (project / "content/cycles/panzhihua-2023/applicants/001.yml").read_text("utf-8")
    applicant = applicant.replace("panzhihua-2023-001", "panzhihua-2025-001").replace(
        "cycle: panzhihua-2023", "cycle: panzhihua-2025"
    )
    data = yaml.safe_load(applicant)
    data["stages"] = []
    (folder / "001.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    before = (folder / "001.yml").read_bytes()
    early = run(
        "record", "stage", "--cycle", "panzhihua-2025", "--stage", "资格审查", "--date", "2025-04-01",
        "--passed", "panzhihua-2025-001",
    )  # fmt: skip
    assert early.exit_code != 0 and "还没有审核推荐的记录" in early.output
    assert "qaward record stage --cycle panzhihua-2025 --stage 审核推荐" in early.output
    assert (folder / "001.yml").read_bytes() == before
    nobody = run("new", "notice", "--cycle", "panzhihua-2025", "--stage", "受理名单公示")
    assert nobody.exit_code != 0 and "panzhihua-2025-001" in nobody.output
    assert "还没有审核推荐的记录" in nobody.output


def test_a_decision_without_its_number_or_title_is_a_warning_and_never_published(project):
    path = project / "content/cycles/yining-2026/yining-2026-decision.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["doc_number"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    checked = run("check")
    assert checked.exit_code == 0 and "yining-2026-decision 没有文号" in checked.output
    built = run("build", "--out", str(project / "site"), "--today", "2026-11-22")
    assert built.exit_code != 0 and "没有文号" in built.output
    assert not (project / "site").exists()


def test_record_stage_changes_only_the_lines_it_means_to(project):
    """The clerk's comments, quotes and order stay byte for byte; one line is added."""
    run("new", "cycle", "--ordinance", "panzhihua-2022", "--year", "2025", "--call", "2025-03-03")
    folder = project / "content/cycles/panzhihua-2025/applicants"
    folder.mkdir(parents=True)
    original = (project / "content/cycles/panzhihua-2023/applicants/001.yml").read_text("utf-8")
    data = yaml.safe_load(original)
    lines = [
        "# 申报材料已核对（张三，3月5日）",
        "kind: applicant",
        "id: 'panzhihua-2025-001'",
        'cycle: "panzhihua-2025"',
        f"type: {data['type']}",
        f"name: {data['name']}   # 营业执照上的全称",
        f"credit_code: '{data['credit_code']}'",
        f"established: {data['established']}",
        "stages:",
        "  - {stage: recommendation, date: 2025-03-20, result: passed}  # 推荐函第3号",
        "sector: 新材料",
    ]
    before = "\n".join(lines) + "\n"
    (folder / "001.yml").write_text(before, "utf-8")
    done = run(
        "record", "stage", "--cycle", "panzhihua-2025", "--stage", "资格审查", "--date", "2025/4/1",
        "--passed", "panzhihua-2025-001",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    after = (folder / "001.yml").read_text("utf-8").splitlines()
    added = [line for line in after if line not in lines]
    assert added == ["  - {stage: eligibility_review, date: 2025-04-01, result: passed}"]
    assert [line for line in after if line in lines] == lines  # untouched, in order
    assert run("check").exit_code == 0


def test_an_objection_names_what_is_wrong_and_takes_a_name(project):
    wrong_notice = run(
        "new", "objection", "--notice", "daqing-2026", "--applicant", "daqing-2026-001",
        "--received", "2026-11-20",
    )  # fmt: skip
    assert wrong_notice.exit_code == 1
    assert "没有编号为 daqing-2026 的公示" in wrong_notice.output
    assert "daqing-2026-proposal（" in wrong_notice.output  # the notices there are
    by_name = run(
        "new", "objection", "--notice", "daqing-2026-proposal", "--applicant", "大庆某某公司",
        "--received", "2026-11-20",
    )  # fmt: skip
    assert by_name.exit_code == 1
    assert "没有编号或名称为 大庆某某公司 的申报者" in by_name.output
    assert "公示 daqing-2026-proposal 的名单：daqing-2026-001（" in by_name.output
    listed = yaml.safe_load(
        (project / "content/cycles/daqing-2026/applicants/001.yml").read_text("utf-8")
    )
    made = run(
        "new", "objection", "--notice", "daqing-2026-proposal", "--applicant", listed["name"],
        "--received", "2026-11-20",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "applicant: daqing-2026-001" in made.output


def test_an_objection_where_the_ordinance_sets_no_procedure_says_so_and_stays_on_the_agenda(
    project,
):
    made = run(
        "new", "objection", "--notice", "panzhihua-2023-proposal", "--applicant", "panzhihua-2023-001",
        "--received", "2023-09-06",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "没有规定异议的提出和处理程序" in made.output and "只登记收到的材料" in made.output
    assert "监督投诉渠道" in made.output  # panzhihua 第二十一条 names where complaints go
    agenda = run("agenda")
    assert "待处理：《攀枝花市政府质量奖评选管理办法》没有规定异议处理程序" in agenda.output


def test_a_second_decision_names_the_first_ones_file(project):
    again = run("new", "decision", "--cycle", "yining-2026", "--date", "2026-07-20")
    assert again.exit_code == 1
    assert "yining-2026-decision.yml" in again.output and "直接编辑那个文件" in again.output


def test_one_bad_record_is_one_error(project):
    path = project / "content/cycles/yining-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("G8LTQ5H1DU", "G8LTQ5H1DX"), "utf-8")
    checked = run("check")
    errors = [line for line in checked.output.splitlines() if ": error " in line]
    assert len(errors) == 1 and "统一社会信用代码（credit_code）" in errors[0], checked.output
    assert "改正后再按办法检查这一届" in checked.output


def test_a_missing_field_is_named_as_the_clerk_knows_it(project):
    path = project / "content/cycles/yining-2026/notices/yining-2026-proposal.yml"
    path.write_text(
        "".join(
            line
            for line in path.read_text("utf-8").splitlines(True)
            if not line.startswith("title:")
        ),
        "utf-8",
    )
    checked = run("check")
    assert "缺少必填字段 公示标题（title）" in checked.output


@pytest.mark.parametrize(
    "said, says",
    [
        ("No such option: --contnet", "没有选项 --contnet"),  # click before 8.2
        ("No such option '--contnet'. Did you mean '--content'?", "没有选项 --contnet （是不是 '--content'？）"),
        ("No such command 'chek'. (Did you mean one of: 'check', 'schema'?)", "没有命令 chek （是不是其中之一：'check', 'schema'？）"),
    ],
)  # fmt: skip
def test_click_s_words_of_either_version_are_said_in_chinese(said, says):
    from qaward_site.cli import chinese

    assert chinese(said) == says
