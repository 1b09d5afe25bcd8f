"""Validate a Document against a pydantic model, and say what is wrong in Chinese, in place."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from qaward_site.records.fielddocs import field_doc
from qaward_site.records.yamlsource import Document


@dataclass
class Issue:
    message: str
    line: int
    column: int
    field: str = ""  # the field it is about, as the file spells it (credit_code, objector.name)


def validate(model: type[BaseModel], doc: Document) -> tuple[BaseModel | None, list[Issue]]:
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        return None, [explain(model, doc, err) for err in exc.errors(include_url=False)]


def explain(model: type, doc: Document, err: dict, loc: tuple | None = None) -> Issue:
    """One of pydantic's errors in Chinese at its place; `doc` is anything with `position`
    (a record's file, or a part of it), `model` a pydantic model or dataclass."""
    if loc is None:
        loc = tuple(part for part in err["loc"] if isinstance(part, (str, int)))
    kind = err["type"]
    name = loc[-1] if loc else ""
    where = _named(model, loc)
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        return Issue(f"缺少必填字段 {where}", line, col, _code(loc))
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        line, col = doc.position(loc, key=True)
        known = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(name), known, n=1)
        hint = f"（是不是 '{guess[0]}'？）" if guess else f"（可用字段：{', '.join(known)}）"
        return Issue(f"未知字段 '{_code(loc)}'{hint}", line, col, _code(loc))
    line, col = doc.position(loc)
    if kind.startswith("qaward_"):
        message = err["msg"]
    elif kind.startswith("date_"):
        message = f"日期 {err.get('input')} 不存在"
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        message = f"'{err.get('input')}' 不是有效的值，应为 {expected}"
    elif kind in ("string_type", "str_type"):
        message = "应为文字"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"应为整数，而不是 {err.get('input')!r}"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"应为 true 或 false，而不是 {err.get('input')!r}"
    elif kind == "value_error":  # a validator's own words, without pydantic's prefix
        message = str(err.get("ctx", {}).get("error", err["msg"]))
    elif kind == "list_type":
        message = "应为列表（- 开头的若干项，或 [a, b]）"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = "应为映射（若干个 键: 值）"
    else:
        message = err["msg"]
    return Issue(f"{where}: {message}" if where else message, line, col, _code(loc))


def _code(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _named(model: type, loc: tuple) -> str:
    """A field as the clerk knows it and as the file spells it: 公示标题（title）."""
    code = _code(loc)
    names = [str(p) for p in loc if not isinstance(p, int)]
    if not names:
        return code
    owner = _model_at(model, loc[:-1])
    doc = field_doc(owner.__name__, names[-1]) if owner is not None else None
    return f"{doc[0]}（{code}）" if doc and doc[0] else code


def _model_at(model: type, loc: tuple) -> type | None:
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = _fields(current).get(part)
        current = _model_in(field.annotation) if field is not None else None
        if current is None:
            return None
    return current


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at loc inside model, for a 'did you mean' hint."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = _fields(current).get(part)
        if field is None:
            return []
        inner = _model_in(field.annotation)
        if inner is None:
            return []
        current = inner
    return sorted(_fields(current))


def _fields(model: type) -> dict:
    return getattr(model, "__pydantic_fields__", None) or {}


def _model_in(annotation) -> type | None:
    if isinstance(annotation, type) and _fields(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
