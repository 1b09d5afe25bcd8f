"""The house: the folders are the layers and imports only point down; no import cycle; no
function over 80 lines; each rule concept has one home; the wheel's package list is the folder
list; README's Layout names every folder its docstring describes."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "qaward_site"
# lower first: a module may import from its own layer and the layers before it
LAYERS = ["(leaves)", "calendar", "records", "rules", "desk", "site", "cli", "dev"]


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(path: Path) -> set[str]:
    """Every qaward_site module a file names in an import, at any depth (inside functions and
    TYPE_CHECKING blocks too: an arrow is an arrow)."""
    found = set()
    known = modules()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("qaward_site")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qaward_site"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "(leaves)"


def test_imports_only_point_down_and_nothing_below_reaches_the_site():
    wrong = []
    for name, path in modules().items():
        if name in ("qaward_site", "qaward_site.__main__", "qaward_site._moved"):
            continue
        mine = LAYERS.index(layer(name))
        for target in imports(path):
            if target == "qaward_site":
                continue
            theirs = LAYERS.index(layer(target))
            if theirs > mine:
                wrong.append(f"{name} → {target}")
            if layer(target) == "site" and layer(name) not in ("site", "cli", "dev"):
                wrong.append(f"{name} → {target} (only cli/ reaches the site)")
    assert not wrong, wrong


def test_no_import_cycle():
    graph = {name: imports(path) - {"qaward_site"} for name, path in modules().items()}
    # a package imports its face's re-exports: records/__init__ → records.models is one room
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, trail + [nxt]):
                return True
        state[node] = 2
        return False

    for name in graph:
        if state.get(name) is None and visit(name, [name]):
            break
    assert not cycle, " → ".join(cycle)


def test_no_function_over_80_lines():
    long = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            functions = ast.FunctionDef | ast.AsyncFunctionDef
            if isinstance(node, functions) and node.end_lineno - node.lineno + 1 > 80:
                long.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1}")
    assert not long, long


def test_the_wheel_ships_every_layer_folder_and_the_top_level_templates():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")
    }
    assert set(project["packages"]) == folders | {"qaward_site.templates"}
    assert project["package-dir"] == {"qaward_site.templates": "templates"}
    assert (ROOT / "templates" / "pages" / "home.md.j2").is_file()
    assert not (PACKAGE / "templates").exists(), "templates/ lives at the top, once"


def test_readme_layout_and_each_folders_docstring_say_the_same():
    readme = (ROOT / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout") :]
    layout = layout[: layout.index("\n## ", 3)]
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        folder = init.parent.name
        assert f"`qaward_site/{folder}/`" in layout, folder
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and len(doc) > 80, f"{folder}/__init__.py says what it holds"
        if folder in LAYERS:
            # every module the docstring names is a module of that folder
            named = set(re.findall(r"`(\w+)`", doc))
            files = {p.stem for p in init.parent.glob("*.py")} | {
                p.name for p in init.parent.iterdir() if p.is_dir()
            }
            assert named <= files | {"qaward", "qaward_site"} | set(LAYERS), (folder, named - files)


def test_each_rule_concept_has_one_home():
    source = {name: path.read_text("utf-8") for name, path in modules().items()}

    def homes(pattern: str) -> set[str]:
        return {name for name, text in source.items() if re.search(pattern, text)}

    # "the figure if stated": only the books and the params tell the three states apart
    assert homes(r"isinstance\([^)]*\b(Silent|Unknown|Figure)\b") <= {
        "qaward_site.rules.params",
        "qaward_site.rules.books",
    }
    # a publicity period's requirement, length and earliest end (PublicityPeriod)
    assert homes(r"不少于") == {"qaward_site.rules.params"}
    assert homes(r"days=need - 1") == {"qaward_site.rules.params"}
    # the interval between cycles, one reading for the check and `new cycle`
    assert homes(r"def too_close") == {"qaward_site.rules.params"}
    assert homes(r"too_close\(") >= {"qaward_site.rules.catalog.force", "qaward_site.desk.drafts"}
    # an objection's timed steps (ObjectionDeadlines.steps) for the check, agenda and drafts
    assert homes(r"add_workdays\([^)]*(forward|report|accept)_workdays") == set()
    assert homes(r"\.steps\(\)") >= {
        "qaward_site.rules.catalog.objections",
        "qaward_site.desk.agenda",
        "qaward_site.desk.drafts",
    }
    # a notice's state on a day (NoticeFacts.state); the browser computes it again from dates
    assert homes(r"notice\.start <= today|today < self\.notice\.start") == {
        "qaward_site.rules.facts"
    }
    # where an applicant stands (steps, reached, objections open): rules.progress, not a rule's
    # own module the desk would reach into
    assert homes(r"def (steps_of|reached|objections_on|open_on)\(") == {"qaward_site.rules.progress"}
    assert not homes(r"from qaward_site\.rules\.catalog\.procedure import")
    # the stage, level and kind codes: the vocabulary's tables, nowhere written out again
    assert homes(r"\"recommendation_publicity\",\s*\"acceptance_publicity\"") == {
        "qaward_site.vocabulary"
    }


def test_former_module_names_still_import_as_the_same_module():
    import importlib

    from qaward_site._moved import FORMER_NAMES

    for old, new in FORMER_NAMES.items():
        assert importlib.import_module(old) is importlib.import_module(new), old


def test_a_checkout_builds_from_its_top_level_templates():
    """In a checkout (an editable install) the build reads templates/ itself, so an edit there
    shows on the next build; the wheel carries a copy inside the package (test_package)."""
    from qaward_site.site.render import TEMPLATES

    assert TEMPLATES == ROOT / "templates"
