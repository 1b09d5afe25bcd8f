"""The JSON Schema an editor validates records with (qaward schema) against the pydantic models
`qaward check` validates them with: a record is valid under the schema exactly when the model
accepts it — on every demo record, every record of every rule case, and a corpus of spellings
written into every field of every kind — save for what schema.BEYOND_SCHEMA names."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO, ROOT
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError
from test_rule_cases import build as build_case
from test_rule_cases import load_cases

from qaward_site.cli import main
from qaward_site.desk.schema import BEYOND_SCHEMA, STAMP, record_schema, schema_files
from qaward_site.records import KINDS
from qaward_site.records.content import CALENDAR_FILE
from qaward_site.records.fielddocs import field_doc
from qaward_site.records.fieldtypes import FORMATS
from qaward_site.records.yamlsource import dump_record, read_document

# --- the editor's reading: YAML 1.2 core schema (yaml-language-server's default) ---------------

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _scalar(node: yaml.ScalarNode):
    text = node.value
    if node.style:  # quoted or block: text
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if re.match(r"^0o[0-7]+$", text):
        return int(text[2:], 8)
    if re.match(r"^0x[0-9a-fA-F]+$", text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    return text


def _value(node):
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_value(n) for n in node.value]
    return {k.value: _value(v) for k, v in node.value}


def editor_view(text: str):
    return _value(yaml.compose(text, Loader=yaml.SafeLoader))


# --- the two judges ---------------------------------------------------------------------------

_checker = jsonschema.FormatChecker()


def _our_format(validate):
    def check(instance) -> bool:
        if not isinstance(instance, (str, int)) or isinstance(instance, bool):
            return True
        try:
            validate(str(instance))
        except PydanticCustomError:
            return False
        return True

    return check


for _name, _validate in FORMATS.items():
    _checker.checks(_name)(_our_format(_validate))
VALIDATOR = jsonschema.Draft7Validator(record_schema(), format_checker=_checker)


def schema_errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(editor_view(text))]


def model_errors(path: Path, rel: str) -> set[str] | None:
    """The error types the models give for the file as `qaward check` reads it (None: valid)."""
    doc, problems, _ = read_document(path)
    assert doc is not None and not problems, (rel, problems)
    value = doc.value
    calendar = CALENDAR_FILE.fullmatch(rel)
    if calendar and isinstance(value, dict):
        layer, year = calendar.groups()
        value = {"kind": "calendar", "id": f"calendar-{layer}-{year}", "layer": layer}
        value = value | {"year": year} | doc.value
    if not isinstance(value, dict) or not isinstance(value.get("kind"), str):
        return {"kind"}
    if value["kind"] not in KINDS:
        return {"kind"}
    try:
        KINDS[value["kind"]].model_validate(value)
    except ValidationError as exc:
        return {e["type"] for e in exc.errors()}
    return None


def agree(path: Path, rel: str) -> None:
    text = path.read_text("utf-8")
    by_schema = schema_errors(text)
    by_model = model_errors(path, rel)
    if by_model is None:
        assert not by_schema, f"{rel}: check accepts, the schema refuses: {by_schema}\n{text}"
    elif not by_schema:
        assert by_model <= set(BEYOND_SCHEMA), (
            f"{rel}: check refuses ({by_model}), the schema accepts\n{text}"
        )


def records_under(root: Path):
    for path in sorted(root.rglob("*.y*ml")):
        rel = path.relative_to(root).as_posix()
        if not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path, rel


# --- the corpus -------------------------------------------------------------------------------


def test_the_schema_is_draft_07_and_covers_every_kind():
    jsonschema.Draft7Validator.check_schema(record_schema())
    assert set(record_schema()["definitions"]) == set(KINDS)


def test_every_demo_record_is_judged_alike():
    files = list(records_under(DEMO))
    assert len(files) > 40
    for path, rel in files:
        agree(path, rel)
        assert model_errors(path, rel) is None and not schema_errors(path.read_text("utf-8"))


@pytest.mark.parametrize("ordinance,case", list(load_cases()))
def test_every_rule_case_record_is_judged_alike(tmp_path, ordinance, case):
    root = build_case(tmp_path, ordinance, case)
    for path, rel in records_under(root):
        agree(path, rel)


# what a clerk might write into any field: each is checked in every field of every kind
SPELLINGS = [
    "2026", "'2026'", "007", "2_026", "-1", "1.5", "0", "''", "'  '", "~", "null", "'null'",
    "true", "True", "FALSE", "'true'", "'True'", "yes", "no", "on",
    "2026-03-02", "'2026-03-02'", "' 2026-03-02 '", "2026-02-30", "2026-3-2", "20260302",
    "'２０２６-０３-０２'", "abc", "yining-2026", "Yining", "a_b", "-a", "伊宁", "[a, b]", "[]",
    "[2026-03-02]", "[sector]", "[prize_money, plaque]", "{a: 1}", "{}", "{title: 通知}",
    "91654002G8LTQ5H1DU", "91654002G8LTQ5H1DV", "510402198408220543", "510402198408220544",
    "organization", "individual", "anonymous", "award", "nomination", "passed", "returned",
    "major_accident", "larger", "fraud", "upheld", "pending", "proposal_publicity",
    "material_review", "national", "[national, xinjiang]", "xinjiang", "ordinance", "calendar",
    "'x' ",
]  # fmt: skip
SAMPLES = [
    "ordinances/yining-2025.yml",
    "cycles/yining-2026/cycle.yml",
    "cycles/yining-2026/applicants/001.yml",
    "cycles/panzhihua-2023/applicants/004.yml",
    "cycles/yining-2026/notices/yining-2026-proposal.yml",
    "cycles/yining-2026/objections/yining-2026-obj-01.yml",
    "cycles/yining-2026/yining-2026-decision.yml",
    "calendar/xinjiang-2025.yml",
]
SLOT = "qawardslot"


def _paths(value, prefix=()):
    """Every field of a record, and of the first item of each list of mappings in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        yield from _paths(value[0], (*prefix, 0))


def _set(record, path, value):
    target = record
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


def _samples():
    sample_files = [*SAMPLES, *[f"{rel}" for rel in _other_kinds()]]
    for rel in sample_files:
        yield pytest.param(rel, id=rel)


def _other_kinds():
    """A demo record of each kind the samples miss (revocations, disqualifications)."""
    seen = set()
    for path, rel in records_under(DEMO):
        kind = (read_document(path)[0].value or {}).get("kind")
        if kind in ("revocation", "disqualification") and kind not in seen:
            seen.add(kind)
            yield rel


@pytest.mark.parametrize("rel", list(_samples()))
def test_every_spelling_in_every_field_is_judged_alike(tmp_path, rel):
    source = DEMO / rel
    if not source.exists():
        pytest.skip(f"{rel} is not in the demo")
    record = read_document(source)[0].value
    target = tmp_path / rel
    target.parent.mkdir(parents=True)
    tried = 0
    for path in list(_paths(record)):
        variants = [_DELETE, *SPELLINGS]
        for spelling in variants:
            changed = copy.deepcopy(record)
            _set(changed, path, _DELETE if spelling is _DELETE else SLOT)
            text = dump_record(changed)
            if spelling is not _DELETE:
                text = text.replace(SLOT, spelling)
            target.write_text(text, "utf-8")
            agree(target, rel)
            tried += 1
    for extra in ("unknown_field: 1", "titel: 错字"):
        target.write_text(dump_record(record) + extra + "\n", "utf-8")
        agree(target, rel)
        assert schema_errors(target.read_text("utf-8"))
    assert tried > 100


def test_what_the_schema_cannot_say_is_named_and_caught_by_check(tmp_path):
    """The comparisons between fields are check's alone: the schema passes them, check does not."""
    notice = DEMO / SAMPLES[4]
    text = notice.read_text("utf-8").replace("end: 2026-07-10", "end: 2026-07-01")
    target = tmp_path / "n.yml"
    target.write_text(text, "utf-8")
    assert not schema_errors(text)
    assert model_errors(target, "n.yml") == {"qaward_order"}


# --- what qaward schema writes ----------------------------------------------------------------


def test_every_field_has_a_chinese_title():
    def models(model):
        yield model
        for field in model.model_fields.values():
            for inner in _inner_models(field.annotation):
                yield from models(inner)

    missing = [
        f"{m.__name__}.{name}"
        for kind_model in KINDS.values()
        for m in models(kind_model)
        for name in m.model_fields
        if not (field_doc(m.__name__, name) or ("", ""))[0]
    ]
    assert missing == []


def _inner_models(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _inner_models(arg)


def test_the_demo_content_ships_the_current_schemas():
    """`qaward schema` was run on the demo and its output committed: a model changed without
    running it again fails here."""
    folder = DEMO / ".schema"
    for name, schema in schema_files().items():
        assert json.loads((folder / name).read_text("utf-8")) == schema, name
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["content/.schema/record.schema.json"] == [
        "content/**/*.yml",
        "content/**/*.yaml",
    ]


def _run(tmp_path, *args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_schema_command_sets_up_the_folder_and_new_records_name_the_schema(tmp_path, monkeypatch):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copytree(DEMO, tmp_path / "content", ignore=shutil.ignore_patterns(".schema"))
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}', "utf-8")
    result = _run(tmp_path, "schema")
    assert result.exit_code == 0, result.output
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["editor.tabSize"] == 2  # the office's own settings are kept
    assert "content/.schema/record.schema.json" in settings["yaml.schemas"]
    result = _run(tmp_path, "new", "cycle", "--ordinance", "yining-2025", "--year", "2028")
    assert result.exit_code == 0, result.output
    written = tmp_path / "content" / "cycles" / "yining-2028" / "cycle.yml"
    first = written.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.schema/record.schema.json"
    schema_file = (written.parent / first.split("=", 1)[1]).resolve()
    assert json.loads(schema_file.read_text("utf-8"))["$comment"] == STAMP
    assert not schema_errors(written.read_text("utf-8"))


def test_schema_command_never_replaces_what_it_did_not_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    theirs = tmp_path / "out" / "record.schema.json"
    theirs.parent.mkdir()
    theirs.write_text('{"title": "ours, not qaward\'s"}', "utf-8")
    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{\n  // a comment VS Code allows\n  "a": 1\n}\n', "utf-8")
    result = _run(tmp_path, "schema", "-o", "out")
    assert result.exit_code == 1 and "不是 qaward schema 写的" in result.output
    assert theirs.read_text("utf-8") == '{"title": "ours, not qaward\'s"}'
    assert list(theirs.parent.iterdir()) == [theirs]  # nothing else written either
    result = _run(tmp_path, "schema")
    assert result.exit_code == 0
    assert "请手工加入" in result.output and "// a comment" in settings.read_text("utf-8")
    result = _run(tmp_path, "schema", "-o", "/proc/qaward-schema")  # a folder it cannot make
    assert result.exit_code == 1 and "无法写入" in result.output
