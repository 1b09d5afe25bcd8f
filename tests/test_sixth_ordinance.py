"""A sixth ordinance is one new rule module plus its content records: no engine change."""

import shutil
import sys
import textwrap
from datetime import date

import pytest
import yaml
from helpers import DEMO

from qaward_site import content as content_module
from qaward_site.calendars import Calendars
from qaward_site.config import SiteConfig
from qaward_site.rules import ordinances
from qaward_site.rules.engine import run
from qaward_site.rules.table import rule_table

MODULE = """
from qaward_site.rules.params import Quota, RuleBook
from qaward_site.rules.ordinances.yining_2025 import RULEBOOK as YINING

RULEBOOK = RuleBook("testcity-2026", YINING.figures | {
    "quota": Quota("第六条", levels={"award": 1}),
})
"""


@pytest.fixture
def sixth(tmp_path, monkeypatch):
    extra = tmp_path / "modules"
    extra.mkdir()
    (extra / "testcity_2026.py").write_text(textwrap.dedent(MODULE), "utf-8")
    monkeypatch.setattr(ordinances, "__path__", [*ordinances.__path__, str(extra)])
    ordinances.rulebooks.cache_clear()
    yield
    ordinances.rulebooks.cache_clear()


def test_a_new_module_and_its_records_are_all_it_takes(sixth, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO / "ordinances", root / "ordinances")
    shutil.copytree(DEMO / "calendar", root / "calendar")
    shutil.copytree(DEMO / "cycles" / "yining-2026", root / "cycles" / "yining-2026")
    record = yaml.safe_load((root / "ordinances" / "yining-2025.yml").read_text("utf-8"))
    record.update(
        id="testcity-2026",
        jurisdiction="testcity",
        jurisdiction_name="测试市",
        effective=date(2026, 1, 1),
        expires=None,
        text="yining-2025.md",
    )
    (root / "ordinances" / "testcity-2026.yml").write_text(
        yaml.safe_dump(record, allow_unicode=True), "utf-8"
    )
    (root / "ordinances" / "yining-2025.yml").unlink()
    cycle = root / "cycles" / "yining-2026" / "cycle.yml"
    cycle.write_text(
        cycle.read_text("utf-8").replace("ordinance: yining-2025", "ordinance: testcity-2026"),
        "utf-8",
    )

    content = content_module.load(root)
    findings = run(content, Calendars.load(content, SiteConfig()), date(2026, 11, 22))
    quota = [f for f in findings if f.rule == "quota"]
    assert quota and all(f.ordinance == "testcity-2026" and f.article == "第六条" for f in quota)
    assert {f.rule for f in findings} == {"quota"}
    assert any(r["ordinance"] == "testcity-2026" for r in rule_table(content))


@pytest.mark.parametrize(
    "body, problem",
    [
        ('YINING.figures | {"quota": Quota("第六条", levle={"award": 1})}', "levle"),
        ('{k: v for k, v in YINING.figures.items() if k != "prize"}', "没有写明规则 prize"),
        ('YINING.figures | {"prize": Quota("第六条", levels={})}', "应写作 Prize"),
        ('YINING.figures | {"bonus": Silent()}', "未知的规则 bonus"),
        ('YINING.figures | {"quota": Quota("第六条", levels={"award": "许多"})}', "levels"),
    ],
)
def test_an_ordinance_must_state_every_rule_with_its_typed_figures(
    tmp_path, monkeypatch, body, problem
):
    extra = tmp_path / "modules"
    extra.mkdir()
    (extra / "broken_2026.py").write_text(
        "from qaward_site.rules.params import Quota, RuleBook, Silent\n"
        "from qaward_site.rules.ordinances.yining_2025 import RULEBOOK as YINING\n"
        f'RULEBOOK = RuleBook("broken-2026", {body})\n',
        "utf-8",
    )
    monkeypatch.setattr(ordinances, "__path__", [*ordinances.__path__, str(extra)])
    ordinances.rulebooks.cache_clear()
    try:
        with pytest.raises(ordinances.RuleBookError, match=problem):
            ordinances.rulebooks()
    finally:
        ordinances.rulebooks.cache_clear()
        sys.modules.pop("qaward_site.rules.ordinances.broken_2026", None)
