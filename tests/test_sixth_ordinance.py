"""A sixth ordinance is content alone — its record, its text, its rulebook and a cycle — with an
honest 待核对 for what is not yet verified; no Python changes, no test changes."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO, edit_rule

from qaward_site.cli import main
from qaward_site.records import content as content_module
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.rules.books import rulebooks
from qaward_site.rules.check import check
from qaward_site.rules.table import rule_table

TODAY = date(2026, 11, 22)
ORDINANCE = """\
kind: ordinance
id: testcity-2025
jurisdiction: testcity
jurisdiction_name: 测试市
title: 测试市人民政府质量奖管理办法
issuer: 测试市人民政府
issued: 2025-12-01
effective: 2026-01-01
office: 测试市市场监督管理局
award_name: 测试市人民政府质量奖（市质量奖）
text: testcity-2025.md
unverified: [office, effective]
"""
# only the first four articles could be obtained (as the office found)
TEXT = """\
# 测试市人民政府质量奖管理办法

## 第一章 总则

**第一条** 为推动本市质量发展，制定本办法。

**第二条** 测试市人民政府质量奖授予在本市依法登记注册的组织。

**第三条** 政府质量奖每五年评选一次。

质量奖每届不超过5个组织，提名奖每届不超过10个组织。

**第四条** 评审工作不向申请组织收取任何费用。
"""
RULEBOOK = """\
# yaml-language-server: $schema=../.schema/rulebook.schema.json
kind: rulebook
ordinance: testcity-2025
rules:
  cycle-interval: {article: 第三条第一款, years: 5}
  quota: {article: 第三条第二款, levels: {award: 5, nomination: 10}}
  applicant-type: {article: 第二条, types: [organization]}
  prize: {silent: 第四条只说评审不收费，未规定奖金, article: 第四条}
  publicity-period: {unknown: 现有文本只到第四条，待全文核对}
"""


def add_sixth(root):
    """The demo plus a sixth programme: yining's 2026 cycle, run under the new ordinance."""
    (root / "ordinances" / "testcity-2025.yml").write_text(ORDINANCE, "utf-8")
    (root / "ordinances" / "testcity-2025.md").write_text(TEXT, "utf-8")
    (root / "ordinances" / "testcity-2025.rules.yml").write_text(RULEBOOK, "utf-8")
    source = DEMO / "cycles" / "yining-2026"
    for path in source.rglob("*.yml"):
        target = root / "cycles" / "testcity-2026" / path.relative_to(source)
        target = target.with_name(target.name.replace("yining", "testcity"))
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text("utf-8").replace("yining-2025", "testcity-2025")
        target.write_text(text.replace("yining-2026", "testcity-2026"), "utf-8")


@pytest.fixture
def sixth(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    add_sixth(root)
    return root


def findings_of(root):
    return check(root, SiteConfig(), TODAY)[1]


def test_a_sixth_ordinance_by_content_alone_checks_with_its_unknowns_loud(sixth):
    findings = findings_of(sixth)
    mine = [f for f in findings if f.ordinance == "testcity-2025"]
    assert not [f for f in findings if f.severity == "error"], findings
    unknown = {f.rule for f in mine if f.severity == "warning" and "待核对" in f.message}
    assert "publicity-period" in unknown and "stage-order" in unknown
    # once per rule of the ordinance in use, not once per record
    assert len([f for f in mine if f.rule == "publicity-period"]) == 1
    period = next(f for f in mine if f.rule == "publicity-period")
    assert period.file == "ordinances/testcity-2025.rules.yml" and period.line == 9
    assert "现有文本只到第四条" in period.message
    # a silent rule is not applied and not warned about; a stated one is applied
    assert not [f for f in mine if f.rule == "prize"]


def test_a_figure_changed_in_the_rulebook_changes_what_check_finds(sixth):
    edit_rule(sixth, "testcity-2025", "quota", levels={"award": 1, "nomination": 10})
    quota = [f for f in findings_of(sixth) if f.rule == "quota" and f.severity == "error"]
    assert quota and all(
        f.ordinance == "testcity-2025" and f.article == "第三条第二款" for f in quota
    )


def test_the_rules_table_gives_each_rule_its_state(sixth):
    content = content_module.load(sixth)
    rows = {r["rule"]: r for r in rule_table(content, "testcity-2025")}
    assert rows["quota"]["state"] == "stated" and rows["quota"]["applies"]
    assert rows["prize"]["state"] == "silent" and not rows["prize"]["applies"]
    assert rows["publicity-period"]["state"] == "unknown" and not rows["publicity-period"]["applies"]
    assert rows["title-use"]["state"] == "unknown"  # not listed: unknown, never silent
    result = CliRunner().invoke(
        main, ["rules", "--ordinance", "testcity-2025", "--format", "json", "--content", str(sixth)]
    )
    assert {r["state"] for r in json.loads(result.output)} == {"stated", "silent", "unknown"}
    text = CliRunner().invoke(main, ["rules", "--ordinance", "testcity-2025", "--content", str(sixth)])
    line = next(x for x in text.output.splitlines() if "publicity-period" in x)
    assert "待核对" in line and "不适用" not in line


def test_the_site_says_unverified_and_never_not_applicable(sixth, tmp_path):
    from qaward_site.site.build import build

    out = tmp_path / "site"
    build(sixth, out, SiteConfig(site_name="测试"), TODAY)
    rules_page = (out / "rules" / "testcity-2025" / "index.html").read_text("utf-8")
    period = rules_page[rules_page.index('id="publicity-period"') :]
    period = period[: period.index("</section>")]
    assert "待核对（文本不全或尚未核对）" in period and "不适用" not in period
    notice = (out / "notices" / "testcity-2026-proposal" / "index.html").read_text("utf-8")
    assert "待核对" in notice
    assert "没有规定异议" not in notice and "未规定异议程序" not in notice
    letter = (out / "notices" / "testcity-2026-proposal" / "letter" / "index.html").read_text(
        "utf-8"
    )
    assert "待核对" in letter and "办法没有规定异议书" not in letter
    ordinance = (out / "ordinances" / "testcity-2025" / "index.html").read_text("utf-8")
    assert "以下信息尚未按办法原文核对" in ordinance and "施行日期" in ordinance
    programme = (out / "programmes" / "testcity" / "index.html").read_text("utf-8")
    assert "测试市人民政府质量奖（市质量奖）" in programme  # the award's own name
    data = json.loads((out / "data" / "rules" / "testcity-2025.json").read_text("utf-8"))
    states = {r["rule"]: r["state"] for r in data["rules"]}
    assert states["quota"] == "stated" and states["publicity-period"] == "unknown"
    assert data["unverified"] == ["office", "effective"]
    # the rules page links its open data
    assert "data/rules/testcity-2025.json" in rules_page


def test_new_notice_asks_for_the_days_where_the_period_is_unknown(sixth, monkeypatch):
    monkeypatch.chdir(sixth.parent)
    for path in (sixth / "cycles" / "testcity-2026" / "notices").glob("*.yml"):
        path.unlink()
    for path in (sixth / "cycles" / "testcity-2026" / "objections").glob("*.yml"):
        path.unlink()
    (sixth / "cycles" / "testcity-2026" / "testcity-2026-decision.yml").unlink()
    args = ["new", "notice", "--cycle", "testcity-2026", "--stage", "proposal_publicity"]
    refused = CliRunner().invoke(main, [*args, "--content", str(sixth)])
    assert refused.exit_code != 0 and "--days" in refused.output and "待核对" in refused.output
    drafted = CliRunner().invoke(
        main, [*args, "--days", "5", "--start", "2026-07-06", "--content", str(sixth)]
    )
    assert drafted.exit_code == 0, drafted.output
    assert "不是取自办法" in drafted.output and "end: 2026-07-10" in drafted.output
    assert "环节顺序待核对" in drafted.output
    # the same option is refused where the ordinance states the period
    stated = CliRunner().invoke(
        main,
        ["new", "notice", "--cycle", "yining-2026", "--stage", "proposal_publicity", "--days", "3"]
        + ["--content", str(sixth)],
    )
    assert stated.exit_code != 0 and "不能用 --days" in stated.output


RULE_ERRORS = [
    ("  cycle-interval: {article: 第三条第一款, years: 5}", "  cycle-interval: {article: 第三条第一款, yeers: 5}", 5, "yeers"),
    ("  quota: {article: 第三条第二款, levels: {award: 5, nomination: 10}}", "  quota: {article: 第三条第二款, levels: {award: 许多}}", 6, "应为整数"),
    ("  applicant-type: {article: 第二条, types: [organization]}", "  applicant-type: {article: 第二条, types: [organisation]}", 7, "organisation"),
    ("  prize: {silent: 第四条只说评审不收费，未规定奖金, article: 第四条}", "  bonus: {silent: 无}", 8, "未知的规则 bonus"),
    ("  cycle-interval: {article: 第三条第一款, years: 5}", "  cycle-interval: {article: 第九条, years: 5}", 5, "第九条"),
    ("  quota: {article: 第三条第二款, levels: {award: 5, nomination: 10}}", "  quota: {article: 第三条第三款, levels: {award: 5}}", 6, "第三条第三款"),
    ("  publicity-period: {unknown: 现有文本只到第四条，待全文核对}", "  publicity-period: {unit: workdays, stages: {site_reveiw: 5}, article: 第四条}", 9, "site_reveiw"),
    ("  publicity-period: {unknown: 现有文本只到第四条，待全文核对}", "  publicity-period: 5", 9, "应为映射"),
]


@pytest.mark.parametrize("line, broken, at, problem", RULE_ERRORS)
def test_every_error_in_a_rulebook_is_a_finding_at_its_line(sixth, line, broken, at, problem):
    path = sixth / "ordinances" / "testcity-2025.rules.yml"
    path.write_text(RULEBOOK.replace(line, broken), "utf-8")
    errors = [f for f in findings_of(sixth) if f.severity == "error"]
    assert errors and all(f.file == path.name.join(["ordinances/", ""]) for f in errors), errors
    assert any(f.line == at and problem in f.message for f in errors), errors


def test_all_errors_of_a_rulebook_are_reported_at_once(sixth):
    path = sixth / "ordinances" / "testcity-2025.rules.yml"
    text = RULEBOOK
    for line, broken, _at, _problem in RULE_ERRORS[:4]:
        text = text.replace(line, broken)
    path.write_text(text, "utf-8")
    lines = {f.line for f in findings_of(sixth) if f.rule == "rulebook"}
    assert {5, 6, 7, 8} <= lines


def test_an_ordinance_without_a_rulebook_is_an_error_and_nothing_is_published(sixth, tmp_path):
    (sixth / "ordinances" / "testcity-2025.rules.yml").unlink()
    errors = [f for f in findings_of(sixth) if f.severity == "error"]
    assert [f.file for f in errors] == ["ordinances/testcity-2025.yml"]
    assert "testcity-2025.rules.yml" in errors[0].message
    result = CliRunner().invoke(
        main, ["build", "--content", str(sixth), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_two_rulebooks_for_one_ordinance_are_an_error(sixth):
    second = yaml.safe_load(RULEBOOK) | {"id": "testcity-2025-other"}
    (sixth / "ordinances" / "other.rules.yml").write_text(
        yaml.safe_dump(second, allow_unicode=True), "utf-8"
    )
    errors = [f for f in findings_of(sixth) if f.severity == "error"]
    assert any(f.file == "ordinances/other.rules.yml" and "只能有一个" in f.message for f in errors)


def test_the_demo_books_are_all_read_without_a_finding():
    content = content_module.load(DEMO)
    books = rulebooks(content)
    assert not books.findings
    ordinances = {o.id for o in content.all(content_module.Ordinance)}
    assert set(books) == ordinances
    # a rule left unknown (a partial text) is never silent about it: check names each one
    in_use = {c.ordinance for c in content.all(content_module.Cycle)}
    warned = {
        (f.ordinance, f.rule)
        for f in check(DEMO, SiteConfig(), TODAY)[1]
        if f.severity == "warning" and "待核对" in f.message
    }
    for ordinance, book in books.items():
        if ordinance in in_use:
            assert {(ordinance, r) for r in book.unknown()} <= warned, ordinance
    assert Calendars.load(content, SiteConfig())  # the books load beside the calendars


URUMQI = """乌鲁木齐市人民政府质量奖管理办法
第一条 为推动本市质量发展，制定本办法。
第二条 乌鲁木齐市人民政府质量奖授予本市组织。
第三条 政府质量奖每五年评选一次。
第四条 评审工作不收取任何费用。
"""


def test_new_ordinance_writes_four_files_every_rule_unknown_and_never_overwrites(
    tmp_path, monkeypatch
):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    (tmp_path / "tests" / "cases").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "urumqi.txt"
    source.write_text(URUMQI, "utf-8")
    args = ["new", "ordinance", "urumqi-2025", "--text", str(source), "--content", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    folder = root / "ordinances"
    record = yaml.safe_load((folder / "urumqi-2025.yml").read_text("utf-8"))
    assert record["jurisdiction"] == "urumqi" and record["jurisdiction_name"] == "乌鲁木齐市"
    assert {"effective", "office"} <= set(record["unverified"])
    book = yaml.safe_load((folder / "urumqi-2025.rules.yml").read_text("utf-8"))
    assert all(set(rule) == {"unknown"} for rule in book["rules"].values())
    assert yaml.safe_load((tmp_path / "tests" / "cases" / "urumqi-2025.yml").read_text()) == []
    assert "**第四条**" in (folder / "urumqi-2025.md").read_text("utf-8")
    content = content_module.load(root)
    assert not [f for f in content.findings if f.severity == "error"]
    assert set(rulebooks(content)["urumqi-2025"].unknown()) == set(book["rules"])
    again = CliRunner().invoke(main, args)
    assert again.exit_code != 0 and "已存在" in again.output


def test_new_ordinance_writes_all_its_files_or_none(tmp_path, monkeypatch):
    """A file that appears while the others are written (another clerk, a sync tool): nothing
    of the new ordinance is left behind, and nothing is overwritten."""
    import os

    from qaward_site import bulk

    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    source = tmp_path / "urumqi.txt"
    source.write_text(URUMQI, "utf-8")
    before = sorted(p.name for p in (root / "ordinances").iterdir())
    real_link, linked = os.link, []

    def link(src, dst):
        if linked:  # the second file: someone else wrote it a moment ago
            Path(dst).write_text("别人的文件", "utf-8")
        linked.append(dst)
        real_link(src, dst)

    monkeypatch.setattr(bulk.os, "link", link)
    args = ["new", "ordinance", "urumqi-2025", "--text", str(source), "--content", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "已存在：没有写入任何文件" in result.output, result.output
    left = sorted(p.name for p in (root / "ordinances").iterdir())
    assert left == sorted([*before, Path(linked[1]).name])  # only the other clerk's file
    assert Path(linked[1]).read_text("utf-8") == "别人的文件"


def test_new_ordinance_like_another_keeps_its_figures_and_drops_its_articles(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    source = tmp_path / "urumqi.txt"
    source.write_text(URUMQI, "utf-8")
    result = CliRunner().invoke(
        main,
        ["new", "ordinance", "urumqi-2025", "--text", str(source), "--like", "xinjiang-2023"]
        + ["--content", str(root)],
    )
    assert result.exit_code == 0, result.output
    path = root / "ordinances" / "urumqi-2025.rules.yml"
    rules = yaml.safe_load(path.read_text("utf-8"))["rules"]
    assert rules["quota"]["levels"] == {"award": 5, "nomination": 10}
    assert "article" not in rules["quota"] and "unknown" in rules["quota"]
    assert all(c["article"] == "待核对" for c in rules["clean-record"]["conditions"])
    book = rulebooks(content_module.load(root))["urumqi-2025"]
    assert book.state("quota") == "unknown" and book.stated("quota") is None
    assert book.figure("quota").draft.levels == {"award": 5, "nomination": 10}
    # stating it: delete the unknown line and cite this text's article
    text = path.read_text("utf-8").replace(
        "  quota:\n    unknown: 数值沿用 xinjiang-2023，条款待按本办法核对\n",
        "  quota:\n    article: 第三条\n",
    )
    path.write_text(text, "utf-8")
    assert rulebooks(content_module.load(root))["urumqi-2025"].stated("quota").levels["award"] == 5


@pytest.mark.parametrize(
    "text, problem",
    [
        ("说明\n第四条 转载时加注。\n第一条 甲。\n第二条 乙。\n", "第一个条文是第四条"),
        ("第一条 甲。\n第二条 乙。\n第四条 丁。\n", "第二条之后是第四条"),
        ("第一条 甲。\n第二条 乙。\n第二条 乙。\n", "第二条出现了不止一次"),
    ],
)
def test_import_ordinance_refuses_broken_numbering_saying_where(tmp_path, text, problem):
    source = tmp_path / "x.txt"
    source.write_text("某市政府质量奖管理办法\n" + text, "utf-8")
    result = CliRunner().invoke(main, ["import-ordinance", str(source)])
    assert result.exit_code != 0 and problem in result.output


def test_the_benchmark_prints_the_rulebook_figure():
    from qaward_site.dev.bench import rulebook_figure

    figure = rulebook_figure(runs=3)
    assert figure.startswith(f"rulebooks: {len(list(DEMO.glob('ordinances/*.rules.yml')))} read in")


def test_new_ordinance_refuses_a_missing_content_folder_or_text(tmp_path):
    source = tmp_path / "urumqi.txt"
    source.write_text(URUMQI, "utf-8")
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(
        main, ["new", "ordinance", "urumqi-2025", "--text", str(source), "--content", str(missing)]
    )
    assert result.exit_code != 0 and "不存在" in result.output and not missing.exists()
    result = CliRunner().invoke(
        main, ["new", "ordinance", "urumqi-2025", "--text", str(tmp_path / "no.txt")]
        + ["--content", str(DEMO)],
    )
    assert result.exit_code != 0 and "文件不存在" in result.output


def test_the_ordinances_own_words_come_from_its_files_not_from_python(sixth, monkeypatch):
    """Who may apply, what the award is called, 表彰 or 表扬, and the text's own sentences are the
    ordinance's content: change them in its files and the check's tables and the desk follow."""
    from qaward_site.rules import facts

    rows = {r["rule"]: r for r in rule_table(content_module.load(sixth), "yining-2025")}
    assert "基层一线班组" in rows["applicant-type"]["summary"]
    xinjiang = {r["rule"]: r for r in rule_table(content_module.load(sixth), "xinjiang-2023")}
    assert "班组" not in xinjiang["applicant-type"]["summary"]  # its 第二条 names none

    edit_rule(sixth, "testcity-2025", "applicant-type", applicants="在本市依法登记注册的组织")
    edit_rule(sixth, "testcity-2025", "decision-after-publicity", article="第四条", form="表扬")
    content = content_module.load(sixth)
    rows = {r["rule"]: r for r in rule_table(content, "testcity-2025")}
    assert rows["applicant-type"]["summary"] == "可申报：在本市依法登记注册的组织"
    assert rows["decision-after-publicity"]["summary"].startswith("只表扬")
    ordinance = content.records["testcity-2025"]
    assert facts.decision_name(content, ordinance) == "表扬决定"
    assert facts.decision_name(content, content.records["yining-2025"]) == "表彰决定"

    monkeypatch.chdir(sixth.parent)
    again = CliRunner().invoke(main, ["new", "decision", "--cycle", "testcity-2026"])
    assert again.exit_code != 0 and "已有表扬决定" in again.output, again.output
    drafted = CliRunner().invoke(
        main,
        ["new", "cycle", "--ordinance", "testcity-2025", "--year", "2031", "--call", "2031-03-03"],
    )
    assert drafted.exit_code == 0, drafted.output
    cycle = yaml.safe_load((sixth / "cycles" / "testcity-2031" / "cycle.yml").read_text("utf-8"))
    assert cycle["title"] == "2031年度测试市人民政府质量奖（市质量奖）"

    # a form the vocabulary lacks is a rulebook error, like any other figure
    edit_rule(sixth, "testcity-2025", "decision-after-publicity", form="表奖")
    assert [f for f in findings_of(sixth) if f.rule == "rulebook" and "表奖" in f.message]


def test_an_ordinances_own_sentences_are_in_its_rulebook(sixth):
    from qaward_site.rules import facts

    guide = lambda: facts.objection_guide(  # noqa: E731
        content := content_module.load(sixth), content.records["daqing-2018"]
    )
    said = " ".join(s.text for s in guide().next_steps)
    assert "视为承认异议内容" in said and "联席会议" in said
    edit_rule(sixth, "daqing-2018", "objection-effect", evidence_note="逾期不提供证明材料的，视为放弃异议。")
    said = " ".join(s.text for s in guide().next_steps)
    assert "逾期不提供证明材料的，视为放弃异议。" in said and "视为承认异议内容" not in said
    # and nowhere in the package's Python
    package = DEMO.parent / "qaward_site"
    for path in package.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "视为承认异议内容" not in text and "基层一线班组" not in text, path
