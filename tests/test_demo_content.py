"""The shipped demo content is clean, and holds what the issue asks of it."""

import json
from collections import Counter
from datetime import date

from click.testing import CliRunner
from helpers import DEMO

from qaward_site import content as content_module
from qaward_site.cli import main
from qaward_site.records import (
    Applicant,
    Cycle,
    Decision,
    Disqualification,
    Notice,
    Objection,
    Ordinance,
    Revocation,
)


def test_demo_content_checks_clean():
    result = CliRunner().invoke(main, ["check", "--content", str(DEMO), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_demo_content_covers_every_programme_and_case():
    content = content_module.load(DEMO)
    ordinances = {o.id for o in content.all(Ordinance)}
    assert ordinances == {
        "yining-2025",
        "xinjiang-2023",
        "wuwei-2022",
        "panzhihua-2022",
        "daqing-2018",
    }
    decided = {content.get(d.cycle, Cycle).ordinance for d in content.all(Decision)}
    assert decided == ordinances, "each programme has at least one complete cycle"
    assert content.all(Revocation) and content.all(Disqualification)
    assert any(o.objector.type != "anonymous" for o in content.all(Objection))
    individuals = [a for a in content.all(Applicant) if a.type == "individual"]
    assert individuals and all(a.cycle.startswith("panzhihua") for a in individuals)
    late_2026 = [n for n in content.all(Notice) if n.start <= date(2026, 11, 20) <= n.end]
    assert late_2026, "a notice is open in late 2026 for an objector to act on"
    assert Counter(type(r).__name__ for r in content.records.values())["Notice"] >= 8
