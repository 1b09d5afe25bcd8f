"""Rule cases, OpenFisca-style: tests/cases/<ordinance>.yml lists cases, each starting from the
demo cycles of that programme, changing a few records, and naming the rule ids it expects.

    - rule: quota                    # the rule the case is about
      name: 质量奖 3 个               # what it shows
      base: [yining-2026]            # demo cycles copied in (default: all of the programme)
      records:                       # a record with an existing id is patched (dotted paths
        - id: yining-2026-decision   # reach into lists); a new id is a new record
          awards.2.level: award
      remove: [yining-2026-obj-01]   # records taken out
      today: 2026-11-22              # the day the check runs (default 2026-11-22)
      expect: [quota]                # every error rule id the check must report, and no other
      article: 第三条                 # optional: the article the findings for `rule` cite
"""

from __future__ import annotations

import copy
import shutil
import warnings
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import DEMO

from qaward_site.records import content as content_module
from qaward_site.records.config import SiteConfig
from qaward_site.rules.books import rulebooks
from qaward_site.rules.check import check
from qaward_site.rules.registry import registered
from qaward_site.vocabulary import TYPE_NAMES

CASES = Path(__file__).parent / "cases"
TODAY = date(2026, 11, 22)
DEMO_CONTENT = content_module.load(DEMO)


def load_cases():
    for path in sorted(CASES.glob("*.yml")):
        ordinance = path.stem
        for i, case in enumerate(yaml.safe_load(path.read_text("utf-8"))):
            yield pytest.param(ordinance, case, id=f"{ordinance}:{case['rule']}:{i}:{case['name']}")


def programme_cycles(ordinance: str) -> list[str]:
    jurisdiction = DEMO_CONTENT.records[ordinance].jurisdiction
    return [c.id for c in DEMO_CONTENT.cycles(jurisdiction)]


def set_path(record: dict, dotted: str, value) -> None:
    parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    target = record
    for part in parts[:-1]:
        target = target[part]
    if value is None and isinstance(target, dict):
        target.pop(parts[-1], None)
    elif isinstance(target, list) and parts[-1] == len(target):
        target.append(value)
    else:
        target[parts[-1]] = value


def build(tmp_path: Path, ordinance: str, case: dict) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEMO / "ordinances", root / "ordinances")
    shutil.copytree(DEMO / "calendar", root / "calendar")
    for cycle_id in case.get("base", programme_cycles(ordinance)):
        shutil.copytree(DEMO / "cycles" / cycle_id, root / "cycles" / cycle_id)
    files = {p: yaml.safe_load(p.read_text("utf-8")) for p in root.rglob("*.yml")}
    # a rulebook's id may be left out: it is <ordinance>-rules (cases patch figures by that id)
    by_id = {data.get("id") or f"{data['ordinance']}-rules": path for path, data in files.items()}
    for record_id in case.get("remove", []):
        by_id.pop(record_id).unlink()
    for patch in case.get("records", []):
        patch = copy.deepcopy(patch)
        record_id = patch.pop("id")
        if record_id in by_id:
            path, data = by_id[record_id], files[by_id[record_id]]
        else:
            path, data = root / "cases" / f"{record_id}.yml", {"id": record_id}
        for key, value in patch.items():
            set_path(data, key, value)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


@pytest.mark.parametrize(("ordinance", "case"), list(load_cases()))
def test_rule_case(tmp_path, ordinance, case):
    root = build(tmp_path, ordinance, case)
    config = SiteConfig.model_validate(case.get("config", {}))
    _, findings = check(root, config, today=case.get("today", TODAY))
    errors = sorted({f.rule for f in findings if f.is_error})
    shown = "\n".join(f.as_text() for f in findings)
    assert errors == sorted(case["expect"]), shown
    for warning in case.get("warnings", []):
        assert any(f.rule == warning and not f.is_error for f in findings), shown
    about = [f for f in findings if f.rule == case["rule"]]
    if case.get("article"):
        # what breaks cites the case's article (a reminder on the same rule may cite a part)
        breaking = [f for f in about if f.is_error] or about
        assert breaking and all(f.article == case["article"] for f in breaking), shown
    for f in about:
        assert f.ordinance == ordinance and f.file and f.line >= 1, shown
    for text in case.get("message", []):
        assert any(text in f.message for f in about), shown


def test_every_applying_rule_has_a_breaking_and_a_clean_case():
    cases: dict[tuple[str, str], list[dict]] = {}
    for param in load_cases():
        ordinance, case = param.values
        cases.setdefault((ordinance, case["rule"]), []).append(case)
    missing = []
    for ordinance, book in rulebooks(DEMO_CONTENT).items():
        checked = [r for r in registered().values() if r.check and book.stated(r.id)]
        if not (CASES / f"{ordinance}.yml").exists():
            if checked:
                missing.append(f"{ordinance}: states {len(checked)} checked rules, no tests/cases/{ordinance}.yml")
            else:  # nothing stated yet (every rule unknown or silent): nothing to break
                warnings.warn(f"{ordinance}: no tests/cases/{ordinance}.yml yet", stacklevel=1)
            continue
        for rule in checked:
            mine = cases.get((ordinance, rule.id), [])
            figure = book.figure(rule.id)
            admits_all = rule.id == "applicant-type" and set(figure.types) == set(TYPE_NAMES)
            # daqing 第二十四条: the 联席会议 decides what an upheld objection means: nothing breaks
            decided_elsewhere = rule.id == "objection-effect" and not figure.upheld_removes
            # 原则上 quotas on every level there is: exceeding one is a warning, nothing breaks
            decided_elsewhere |= (
                rule.id == "quota"
                and figure.in_principle
                and set(figure.levels) == {"award", "nomination"}
            )
            if not any(rule.id in c["expect"] for c in mine) and not (
                admits_all or decided_elsewhere
            ):
                missing.append(f"{ordinance} {rule.id}: no breaking case")
            if not any(rule.id not in c["expect"] for c in mine):
                missing.append(f"{ordinance} {rule.id}: no clean case")
    assert not missing, "\n".join(missing)
