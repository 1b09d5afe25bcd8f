"""The records as JSON Schema (draft-07), for an editor that validates a record while it is typed
(`qaward schema`): made from the pydantic models of records.py, the field types' own schemas
(fieldtypes.JSON_SCHEMAS) and the clerk's words for each field (fielddocs).

An editor reads YAML 1.2: a plain 2026 is a number, a quoted "2026" text, `True` a boolean. The
schemas accept exactly what `qaward check` accepts as a record of its kind, but for what JSON
Schema cannot say: BEYOND_SCHEMA (comparisons between fields, days of a calendar year), and the
checksums and impossible dates, written as formats an editor may not check. References between
records, and every rule of the ordinances, are `qaward check`'s.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator

from qaward_site.records import KINDS, WITHHOLDABLE, Applicant, CalendarYear, Stage
from qaward_site.records.fielddocs import ENUM_NAMES, field_doc
from qaward_site.records.fieldtypes import JSON_SCHEMAS, TEXT_SCHEMA, Ref, one_or_many
from qaward_site.vocabulary import PUBLICITY_STAGES

DRAFT = "http://json-schema.org/draft-07/schema#"
STAMP = "由 qaward schema 生成，请勿手改：重新运行 qaward schema 即可更新"
BEYOND_SCHEMA = {
    "qaward_order": "结束日早于开始日、发布日晚于开始日",
    "qaward_calendar": "日历中的日期不在该年，或放假日、调休日与星期不符",
}
RECORD_FILE = "record.schema.json"
NULL = {"type": "null"}
NOT_NULL = {"not": NULL}
# a calendar file's name (calendar/<layer>-<year>.yml) gives these: the file need not
CALENDAR_FROM_NAME = ("kind", "id", "layer", "year")


def model_schema(model: type[BaseModel]) -> dict:
    properties: dict[str, dict] = {}
    required: list[str] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if field.metadata:
            annotation = Annotated[(annotation, *field.metadata)]
        schema = field_schema(annotation, (model.__name__, name))
        title, description = field_doc(model.__name__, name) or ("", "")
        schema = schema | {"title": title} | ({"description": description} if description else {})
        if field.is_required():
            required.append(name)
        elif field.default not in (None, [], ()):
            schema["default"] = field.default
        properties[name] = schema
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema | _across_fields(model, properties)


def field_schema(annotation, where: tuple[str, str]) -> dict:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *meta = get_args(annotation)
        schema = None
        for item in meta:
            func = getattr(item, "func", None) if isinstance(item, BeforeValidator) else None
            if func in JSON_SCHEMAS:
                schema = dict(JSON_SCHEMAS[func])
            elif func is one_or_many:
                many = field_schema(inner, where)
                schema = {"anyOf": [many["items"], many]}
        schema = schema or field_schema(inner, where)
        refs = [kind for item in meta if isinstance(item, Ref) for kind in item.kinds]
        if refs:
            schema["description"] = f"{'或'.join(refs)} 记录的编号"
        return schema
    if origin in (Union, UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        schemas = [field_schema(a, where) for a in options]
        if len(options) < len(get_args(annotation)):
            schemas.append(NULL)
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is Literal:
        values = list(get_args(annotation))
        schema: dict = {"enum": values}
        names = ENUM_NAMES.get(where)
        if names:
            schema["enumDescriptions"] = [names.get(v, "") for v in values]
        return schema
    if origin is list:
        (item,) = get_args(annotation)
        return {"type": "array", "items": field_schema(item, where)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_schema(annotation)
    if annotation is str:
        return dict(TEXT_SCHEMA)
    raise TypeError(f"no JSON Schema for {annotation!r} ({where})")  # a new field type: add it


def _across_fields(model: type[BaseModel], properties: dict) -> dict:
    """The model validators of records.py that JSON Schema can say."""
    if model is Stage:  # a publicity stage has start and end, a review stage its date
        publicity = {"properties": {"stage": {"enum": sorted(PUBLICITY_STAGES)}}}
        return {
            "if": publicity,
            "then": _present("start", "end"),
            "else": _present("date"),
        }
    if model is Applicant:
        properties["confidential"]["items"] = {"enum": sorted(WITHHOLDABLE)}
        return {
            "if": {"properties": {"type": {"const": "organization"}}},
            "then": {"anyOf": [_present("credit_code"), _present("parent_credit_code")]},
            "else": _present("id_number"),
        }
    if model is CalendarYear:  # the notice's title, document and date may stand at the top
        source = properties["source"]["anyOf"][0]["properties"]
        for name in ("title", "document", "date"):
            title, description = field_doc("CalendarYear", name)
            properties[name] = source[name] | {"title": title, "description": description}
        flat = ("title", "document", "date")
        return {
            "dependencies": {
                "source": {"not": {"anyOf": [{"required": [n]} for n in flat]}},
                "document": ["title"],
                "date": ["title"],
            }
        }
    return {}


def _present(*names: str) -> dict:
    return {"required": list(names), "properties": {n: NOT_NULL for n in names}}


def kind_schemas() -> dict[str, dict]:
    # a rulebook's rules are typed by the rule classes themselves, not by its record model
    kinds = {
        kind: rulebook_schema() if kind == "rulebook" else model_schema(model)
        for kind, model in KINDS.items()
    }
    return kinds


def rulebook_schema() -> dict:
    """A rulebook file: every registered rule id, each stated (its class's figures), silent or
    unknown — from the same classes the check validates against, with each figure's meaning."""
    from pydantic import TypeAdapter

    from qaward_site.records.fielddocs import FIGURE_DOCS
    from qaward_site.rules.registry import registered

    definitions: dict[str, dict] = {}
    rules: dict[str, dict] = {}
    for rule_id, rule in registered().items():
        stated = TypeAdapter(rule.params).json_schema(ref_template="#/definitions/{model}")
        definitions |= stated.pop("$defs", {})
        state = {
            "type": "object",
            "additionalProperties": False,
            "properties": {"article": {"type": "string", "title": "条款"}},
        }
        rules[rule_id] = {
            "title": rule.title,
            "type": "object",
            "oneOf": [
                _explained(stated, FIGURE_DOCS) | {"title": f"{rule.title}：办法的规定"},
                _state(state, "silent", "办法未作规定：这条规则不适用；写明办法怎么说"),
                _state(state, "unknown", "待核对：尚未按全文核对（文本不全等），写明原因")
                | {"additionalProperties": True},
            ],
        }
    for definition in definitions.values():
        _explained(definition, FIGURE_DOCS)
    # nested classes (a clean-record condition) inline: the schema is also embedded under the
    # record schema's definitions, where a root-relative $ref would point elsewhere
    rules = _inlined(rules, definitions)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "ordinance"],
        "properties": {
            "kind": {"const": "rulebook", "title": "记录类型"},
            "id": {"type": "string", "title": "编号", "description": "可不写：默认为 <办法编号>-rules"},
            "ordinance": {"type": "string", "title": "办法", "description": "所属办法的编号"},
            "rules": {
                "type": "object",
                "title": "规则",
                "description": "未列出的规则为待核对",
                "properties": rules,
                "additionalProperties": False,
            },
        },
    }


def _inlined(value, definitions: dict):
    if isinstance(value, dict):
        ref = value.get("$ref", "")
        if ref.startswith("#/definitions/"):
            return _inlined(definitions[ref.rsplit("/", 1)[-1]], definitions)
        return {k: _inlined(v, definitions) for k, v in value.items()}
    if isinstance(value, list):
        return [_inlined(v, definitions) for v in value]
    return value


def _state(base: dict, key: str, meaning: str) -> dict:
    properties = base["properties"] | {key: {"type": "string", "title": meaning}}
    return base | {"properties": properties, "required": [key], "title": meaning}


def _explained(schema: dict, docs: dict[str, tuple[str, str]]) -> dict:
    """pydantic's English titles and docstrings replaced by the clerk's words."""
    schema.pop("description", None)
    schema.pop("title", None)
    for name, prop in schema.get("properties", {}).items():
        title, description = docs.get(name, ("", ""))
        prop.pop("title", None)
        prop.pop("description", None)
        prop["title"] = title or name
        if description:
            prop["description"] = description
    return schema


def record_schema() -> dict:
    """One schema for every record file of the content folder: by its kind; a file without one
    is read as a calendar year (calendar/<layer>-<year>.yml, whose name says the rest)."""
    kinds = kind_schemas()
    calendar = dict(kinds["calendar"])
    calendar["required"] = [n for n in calendar["required"] if n not in CALENDAR_FROM_NAME]
    kinds["calendar"] = calendar
    labels = [model.label for model in KINDS.values()]
    return {
        "$schema": DRAFT,
        "$comment": STAMP,
        "title": "政府质量奖记录",
        "description": "qaward-site 的一条记录。另由 qaward check 检查："
        + "；".join(BEYOND_SCHEMA.values())
        + "；统一社会信用代码和身份证号的校验位；记录之间的引用；各办法的规定。",
        "type": "object",
        "properties": {"kind": {"enum": list(kinds), "enumDescriptions": labels}},
        "allOf": [
            {
                "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
                "then": {"$ref": f"#/definitions/{kind}"},
            }
            for kind in kinds
        ]
        + [{"if": {"not": {"required": ["kind"]}}, "then": {"$ref": "#/definitions/calendar"}}],
        "definitions": kinds,
    }


def schema_files() -> dict[str, dict]:
    """File name → schema: one for all records, and one per kind."""
    files = {RECORD_FILE: record_schema()}
    for kind, schema in kind_schemas().items():
        files[f"{kind}.schema.json"] = {
            "$schema": DRAFT,
            "$comment": STAMP,
            "title": KINDS[kind].label,
        } | schema
    return files


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


class NotOurs(Exception):
    """A file the schema would replace that `qaward schema` did not write."""


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into folder; a file of the same name that is not ours is never replaced
    (and nothing is written)."""
    files = {folder / name: dumps(schema) for name, schema in schema_files().items()}
    for path in files:
        if path.is_symlink() or (path.exists() and not _ours(path)):
            raise NotOurs(path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in files.items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written.append(path)
    return written


def _ours(path: Path) -> bool:
    try:
        return path.is_file() and json.loads(path.read_text("utf-8")).get("$comment") == STAMP
    except (OSError, ValueError, AttributeError):
        return False
