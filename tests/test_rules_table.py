"""`qaward rules` and the rule modules: every citation points at real text, every rule is listed."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main
from qaward_site.records import content as content_module
from qaward_site.rules.books import rulebooks
from qaward_site.rules.params import Figure
from qaward_site.rules.registry import registered

RULE_IDS = {
    "ordinance-in-force",
    "cycle-interval",
    "quota",
    "applicant-type",
    "operating-years",
    "clean-record",
    "publicity-period",
    "stage-order",
    "decision-after-publicity",
    "objection-form",
    "objection-deadlines",
    "objection-effect",
    "reapplication",
    "prize",
    "false-materials",
    "fraud-revocation",
    "post-award-revocation",
    "title-use",
    "records-retention",
}
CONTENT = content_module.load(DEMO)
BOOKS = rulebooks(CONTENT)


def test_every_rule_of_rules_md_is_registered():
    assert set(registered()) == RULE_IDS


@pytest.mark.parametrize("ordinance", sorted(BOOKS))
def test_every_citation_resolves_to_the_ordinance_text(ordinance):
    text = CONTENT.texts[ordinance]
    for rule_id, figure in BOOKS[ordinance].figures.items():
        citations = [figure.article]
        if isinstance(figure, Figure):
            citations += list(figure.articles.values())
        for citation in filter(None, citations):
            found = {article.label for article, _, _ in text.resolve(citation)}
            named = set(re.findall(r"第[一二三四五六七八九十百零]+条", citation))
            assert named and named <= found, f"{ordinance} {rule_id}: {citation} → {found}"


def test_citation_ranges_and_items():
    text = CONTENT.texts["daqing-2018"]
    assert [a.number for a, _, _ in text.resolve("第十三条至第十九条")] == list(range(13, 20))
    [(_, paras, _)] = CONTENT.texts["xinjiang-2023"].resolve("第十一条（八）")
    assert "公示时间不少于5个工作日" in paras[0].text


def test_rules_command_text_and_silence():
    result = CliRunner().invoke(
        main, ["rules", "--ordinance", "wuwei-2022", "--content", str(DEMO)]
    )
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()[2:]}
    assert "不适用" in lines["objection-form"] and "第二十一条" not in lines["objection-form"]
    assert "15万元" in lines["prize"] and "[第十二条]" in lines["prize"]


def test_rules_command_json_has_figures_and_article_text():
    result = CliRunner().invoke(main, ["rules", "--format", "json", "--content", str(DEMO)])
    rows = json.loads(result.output)
    assert {r["ordinance"] for r in rows} == set(BOOKS)
    assert {r["state"] for r in rows} <= {"stated", "silent", "unknown"}
    quota = next(r for r in rows if r["ordinance"] == "yining-2025" and r["rule"] == "quota")
    assert quota["figures"] == {"levels": {"award": 2, "nomination": 5}}
    assert quota["text"][0]["anchor"] == "art-3" and "不超过2个组织" in quota["text"][0]["text"]
    prize = next(r for r in rows if r["ordinance"] == "panzhihua-2022" and r["rule"] == "prize")
    assert prize["applies"] is False and prize["summary"] and prize["state"] == "silent"


def test_rules_command_unknown_ordinance():
    result = CliRunner().invoke(main, ["rules", "--ordinance", "nowhere-2030"])
    assert result.exit_code == 2 and "yining-2025" in result.output


def test_figures_are_not_repeated_in_the_catalog():
    """The catalog reads every number from the rule modules: none of their figures is a literal
    in catalog.py (a sixth ordinance needs no engine change)."""
    import inspect

    from qaward_site.rules import catalog

    folder = Path(inspect.getfile(catalog)).parent
    source = "\n".join(p.read_text("utf-8") for p in sorted(folder.glob("*.py")))
    literals = {int(n) for n in re.findall(r"(?<![\w.])(\d+)(?![\w.])", source)}
    assert literals <= {0, 1, 10000}, literals


def summary(ordinance: str, rule: str) -> str:
    from qaward_site.rules.table import rule_table

    return next(r["summary"] for r in rule_table(CONTENT, ordinance) if r["rule"] == rule)


def test_summaries_say_what_each_article_says():
    """The words come from the figures (grade, seriousness, what a ban bars), never a shared
    phrase that adds 重大 or 严重 where the article does not."""
    daqing = summary("daqing-2018", "post-award-revocation")  # 第三十二条: any accident, any violation
    assert "重大" not in daqing and "严重" not in daqing and "违法、违纪、违规行为" in daqing
    assert "较大以上" in summary("panzhihua-2022", "post-award-revocation")  # 第二十七条
    assert "重大以上" in summary("yining-2025", "post-award-revocation")  # 第二十五条
    assert "责任事故" in summary("yining-2025", "clean-record")  # 第八条（五）
    assert "责任事故" not in summary("xinjiang-2023", "clean-record")
    for ordinance in ("yining-2025", "xinjiang-2023", "wuwei-2022"):
        assert "不得出售、出租证书、奖牌" in summary(ordinance, "title-use"), ordinance
    for ordinance in ("daqing-2018", "panzhihua-2022"):
        assert "出售" not in summary(ordinance, "title-use"), ordinance
    assert summary("panzhihua-2022", "decision-after-publicity").startswith("只表扬")
    assert "不得参加评审" in summary("wuwei-2022", "post-award-revocation")  # 第十八条
