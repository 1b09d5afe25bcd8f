"""The content folder set up for an editor that checks a record while it is typed: the schemas in
<content>/.schema (qaward schema), a first line naming the schema in every record qaward writes
(read by yaml-language-server: VS Code, Neovim, Helix, Zed…), and VS Code's workspace settings
mapping the content folder's files to it."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

from qaward_site.desk.schema import RECORD_FILE
from qaward_site.records.yamlsource import dump_record, parse

SCHEMA_DIR = ".schema"  # a dot folder: the loader never reads it as records
MODELINE = "# yaml-language-server: $schema="
VSCODE_EXTENSION = "redhat.vscode-yaml"


def schema_file(content: Path) -> Path:
    return content / SCHEMA_DIR / RECORD_FILE


def record_text(path: Path, text: str, content: Path) -> str:
    """text as it goes into path: first the line naming the schema, when the content folder has
    one (a rewritten record keeps its line, moved if the schema moved)."""
    if text.startswith(MODELINE):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    schema = schema_file(content)
    if not schema.is_file():
        return text
    rel = os.path.relpath(schema.resolve(), path.parent.resolve()).replace(os.sep, "/")
    return f"{MODELINE}{rel}\n{text}"


def keep_modeline(path: Path, text: str) -> str:
    """text to replace path's record with, keeping the line naming its schema."""
    try:
        with path.open(encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return text
    return first + text if first.startswith(MODELINE) else text


def vscode_settings(project: Path, schema: Path, content: Path) -> tuple[Path, str | None]:
    """Map the content folder's records to schema in project/.vscode/settings.json, keeping every
    other setting. Returns (the settings file, None) when written, or (it, the JSON to add by hand)
    when it could not be merged safely (comments in it, not an object, a link)."""
    settings = project / ".vscode" / "settings.json"
    where = _relative(schema, project)
    root = _relative(content, project)
    globs = [f"{root}/**/*.yml", f"{root}/**/*.yaml"]
    entry = {"yaml.schemas": {where: globs}}
    snippet = json.dumps(entry, ensure_ascii=False, indent=2)
    data: dict = {}
    folder = settings.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return settings, snippet  # a linked .vscode leads anywhere: never write through it
    if settings.is_symlink() or (settings.exists() and not settings.is_file()):
        return settings, snippet
    if settings.exists():
        try:
            # a key written twice would be merged away: that file is left as it is
            data = json.loads(settings.read_text("utf-8"), object_pairs_hook=_no_duplicates)
        except (ValueError, UnicodeDecodeError):  # VS Code allows comments: never drop them
            return settings, snippet
        if not isinstance(data, dict) or not isinstance(data.get("yaml.schemas", {}), dict):
            return settings, snippet
    schemas = dict(data.get("yaml.schemas", {}))
    # the same globs mapped to an older place of the schema would validate twice
    schemas = {k: v for k, v in schemas.items() if v != globs} | {where: globs}
    data["yaml.schemas"] = schemas
    settings.parent.mkdir(exist_ok=True)
    settings.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    extensions = settings.parent / "extensions.json"
    if not extensions.exists() and not extensions.is_symlink():
        extensions.write_text(
            json.dumps({"recommendations": [VSCODE_EXTENSION]}, indent=2) + "\n", "utf-8"
        )
    return settings, None


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _v in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def append_stage(text: str, record: dict) -> str | None:
    """The applicant file's text with record's last stage appended as one line of its `stages`
    list, every other line kept byte for byte (comments, quotes, order); None where the file's
    shape does not allow it safely (the caller then writes the whole record)."""
    entry = record["stages"][-1]
    flow = "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in entry.items()) + "}"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = next(
        (i for i, line in enumerate(lines) if re.match(r"stages:\s*(\[\s*\])?\s*(#.*)?$", line)),
        None,
    )
    if at is None:
        lines.append(f"stages:\n- {flow}\n")
    elif "[" in lines[at].split("#")[0]:
        lines[at] = f"stages:\n- {flow}\n"
    else:
        last, indent = at, ""
        for j in range(at + 1, len(lines)):
            line = lines[j]
            if line.strip() == "" or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace() and not line.startswith("-"):
                break  # the next top-level key
            if line.lstrip().startswith("- ") and last == at:
                indent = line[: len(line) - len(line.lstrip())]
            last = j
        lines.insert(last + 1, f"{indent}- {flow}\n")
    new = "".join(lines)
    # the new text must read, by the check's own reader, exactly as the whole record would
    ours, _ = parse(new)
    whole, _ = parse(dump_record(record))
    if ours is None or whole is None or ours.value != whole.value:
        return None
    return new


def set_fields(text: str, changes: dict) -> str | None:
    """The record file's text with each field of changes (top-level; None removes it) written
    as one line — changed in place, or added at the end — every other line kept byte for byte
    (comments, quotes, order); None where the file's shape does not allow it safely (a block
    value, a key twice): the caller then writes the whole record."""
    old, _ = parse(text)
    if old is None or not isinstance(old.value, dict):
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key, after in changes.items():
        at = [i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}:(\s|$)", line)]
        if len(at) > 1 or (at and _block(lines, at[0])):
            return None
        if after is None:
            if at:
                del lines[at[0]]
            continue
        line = f"{key}: {_flow(after)}\n"
        if at:
            lines[at[0]] = line
        else:
            lines.append(line)
    new = "".join(lines)
    # the new text must read, by the check's own reader, as the old one with the changes made
    ours, _ = parse(new)
    wanted, _ = parse(dump_record({k: v for k, v in changes.items() if v is not None}))
    expected = {k: v for k, v in old.value.items() if k not in changes}
    expected |= wanted.value if wanted is not None and isinstance(wanted.value, dict) else {}
    if ours is None or ours.value != expected:
        return None
    return new


def _block(lines: list[str], at: int) -> bool:
    """Does the value of the key on line `at` run on to the lines after it?"""
    value = lines[at].split(":", 1)[1].strip()
    if value in ("", "|", ">", "|-", ">-", "|+", ">+") or value.startswith(("&", "!")):
        return True
    following = next((line for line in lines[at + 1 :] if line.strip()), "")
    return following[:1].isspace() or following.startswith("- ")


def _flow(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _plain(value)


def _plain(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return (
        text
        if re.fullmatch(r"[A-Za-z0-9_\-\u4e00-\u9fff]+", text)
        else json.dumps(text, ensure_ascii=False)
    )
