import json
import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner

from qaward_site.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
# the PDF-extracted texts the importer read, kept beside its output for provenance
SEEDS = DEMO / "ordinances" / "source"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

# A minimal valid programme: the yining ordinance, one cycle, one applicant.
CYCLE = """\
kind: cycle
id: yining-2026
ordinance: yining-2025
year: 2026
call_published: 2026-03-02
office_contact:
  name: 伊宁市食品安全暨质量强市委员会办公室
  address: 伊宁市斯大林街128号
  phone: 0999-8021156
"""
APPLICANT = """\
kind: applicant
id: yining-2026-001
cycle: yining-2026
type: organization
name: 伊宁市天山乳业有限责任公司
credit_code: 91654002G8LTQ5H1DU
established: 2011-05-18
legal_person: true
"""


def edit_rule(root: Path, ordinance: str, rule: str, **figures) -> None:
    """Change figures of one rule in an ordinance's rulebook file (None removes a figure); a
    rule given `replace=True` gets exactly the figures given."""
    import yaml

    path = root / "ordinances" / f"{ordinance}.rules.yml"
    book = yaml.safe_load(path.read_text("utf-8"))
    entry = {} if figures.pop("replace", False) else book["rules"].get(rule, {})
    for name, value in figures.items():
        if value is None:
            entry.pop(name, None)
        else:
            entry[name] = value
    book["rules"][rule] = entry
    path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), "utf-8")


class Content:
    """A content folder in tmp_path, written file by file, checked through the real CLI."""

    def __init__(self, root: Path):
        self.root = root
        ordinances = root / "ordinances"
        ordinances.mkdir(parents=True)
        for name in ("yining-2025.yml", "yining-2025.md", "yining-2025.rules.yml"):
            shutil.copy(DEMO / "ordinances" / name, ordinances / name)
        # yining counts working days on the national and the xinjiang calendar layers
        shutil.copytree(DEMO / "calendar", root / "calendar")
        self.write("cycles/yining-2026/cycle.yml", CYCLE)
        self.write("cycles/yining-2026/applicants/001.yml", APPLICANT)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), "utf-8")
        return path

    def check(self, *extra: str):
        result = CliRunner().invoke(
            main, ["check", "--content", str(self.root), "--format", "json", *extra]
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        findings = json.loads(result.stdout) if result.stdout.strip().startswith("[") else None
        return result.exit_code, findings, result


def only(findings, **match):
    """The findings whose fields equal match; fails unless there is at least one."""
    hits = [f for f in findings if all(f.get(k) == v for k, v in match.items())]
    assert hits, f"no finding with {match} in {json.dumps(findings, ensure_ascii=False, indent=1)}"
    return hits


def run_in(root: Path, *args):
    """A command on root/content through the real CLI; never a traceback."""
    result = CliRunner().invoke(main, [*args, "--content", str(root / "content")])
    assert "Traceback" not in result.output, result.output
    return result
