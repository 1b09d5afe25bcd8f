"""Read one YAML record file into plain Python values, keeping where every value stands.

Like dagster's parse_yaml_with_source_positions, but built from the parser's events so that we
decide what is allowed before anything is constructed:
- anchors and aliases are refused at the first one, so an alias bomb never expands;
- every plain scalar stays the text it was written as (no YAML 1.1 `no` → False, no credit code
  turned into an int, no 2026-02-30 half-parsed into a date): the schema types them, field by field;
- duplicate keys, several documents, tags, deep nesting, oversized and non-UTF-8 files are reported
  as problems with a line and column, never as a traceback.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from qaward_site.formats import CONTROL
from qaward_site.records.plainyaml import MAX_DEPTH, NULL_WORDS, read_plain

try:  # libyaml's parser is several times faster; the nodes, events and marks are the same
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_Parser, yaml.resolver.BaseResolver):
    """Composes nodes and resolves no implicit types: every plain scalar stays a string."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind, value, implicit):  # called for every node: keep it minimal
        return _DEFAULT_TAGS[kind]


MAX_FILE_BYTES = 2 * 1024 * 1024  # a record is a few KB; anything near this is not a record

Path_ = tuple  # a path into the document: ("stages", 2, "end")


@dataclass
class Problem:
    """Why a file could not be read as one record."""

    message: str
    line: int = 1
    column: int = 1


@dataclass
class Document:
    """One record as plain values, and where each value and key stands.

    Positions come from the composed node tree, looked up only when a finding needs one: a
    file read in the plain shape keeps its text, composed the first time a position is asked
    (the streaming composer, used for pathological input, fills the tables instead)."""

    value: Any
    root: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str | None = None

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position for path: itself, else its closest ancestor."""
        if self.root is None and self.text is not None:
            text, self.text = self.text, None
            # read in the plain shape, so libyaml reads it too (tests/test_plainyaml); were it
            # ever to refuse it, the finding keeps the file's first line, never a traceback
            with contextlib.suppress(_Refused, yaml.YAMLError, RecursionError):
                self.root = _compose_nodes(text).root
        if self.root is not None:
            return _node_position(self.root, tuple(path), key)
        table = self.key_positions if key else self.positions
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _node_position(node, path: Path_, key: bool) -> tuple[int, int]:
    found = _mark(node.start_mark)
    for i, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if kv[0].value == part), None)
            if pair is None:
                return found
            if key and i == len(path) - 1:
                return _mark(pair[0].start_mark)
            node = pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return found
        found = _mark(node.start_mark)
    return found


class _Refused(Exception):
    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.problem = (
            Problem(message, mark.line + 1, mark.column + 1) if mark else Problem(message)
        )


def decode(raw: bytes) -> tuple[str | None, Problem | None, list[Problem]]:
    """Bytes to text. Returns (text, fatal problem, warnings)."""
    warnings: list[Problem] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("文件是 UTF-16 编码：请另存为 UTF-8（无 BOM）"), warnings
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(
            Problem("文件以 UTF-8 BOM 开头（记事本常见）：已忽略 BOM，建议另存为无 BOM 的 UTF-8")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（中文 Windows 的常见编码）：请用 UTF-8 另存此文件"
        except UnicodeDecodeError:
            hint = "请用 UTF-8 另存此文件"
        byte = raw[exc.start : exc.start + 1].hex()
        return (
            None,
            Problem(f"文件不是 UTF-8 编码（第一个无效字节 0x{byte}），{hint}", line, column),
            warnings,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem("文件含有 NUL 字符：这不是文本文件", line), warnings
    return text, None, warnings


def read_document(path: Path) -> tuple[Document | None, list[Problem], list[Problem]]:
    """Read path as exactly one YAML document. Returns (document, errors, warnings)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (
                None,
                [
                    Problem(
                        f"文件过大（{size / 1024 / 1024:.1f} MB，一条记录的上限为 "
                        f"{MAX_FILE_BYTES // 1024 // 1024} MB）：未读取"
                    )
                ],
                [],
            )
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(f"无法读取文件：{exc.strerror or exc}")], []
    text, fatal, warnings = decode(raw)
    if fatal:
        return None, [fatal], warnings
    doc, errors = parse(text)
    return doc, errors, warnings


# The reader refuses control characters written raw; a double-quoted escape ("\r", "\e",
# "\x1b") makes them, and the validators refuse them in one-line fields.


def parse(text: str) -> tuple[Document | None, list[Problem]]:
    """Parse text as exactly one YAML document of plain values."""
    plain = read_plain(text)  # nearly every record: no nodes built, nothing to refuse
    if plain is not None:
        return Document(plain, text=text), []
    compose = _compose_events if _may_nest_deeply(text) else _compose_nodes
    try:
        doc = compose(text)
        if "\\" in text or "\x85" in text:
            _refuse_controls(doc, doc.value, ())
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(f"YAML 错误：{exc}")]
    return doc, []


def _refuse_controls(doc: Document, value: Any, path: Path_) -> None:
    if isinstance(value, str):
        found = CONTROL.search(value)
        if found:
            line, column = doc.position(path)
            raise _Refused(
                f"文字中有控制字符 U+{ord(found.group()):04X}（不可见，会破坏网页、订阅和日历文件）："
                "请删去",
                _Mark(line, column),
            )
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _refuse_controls(doc, item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_controls(doc, key, path)
            _refuse_controls(doc, item, (*path, key))


class _Mark:
    """A position in the shape of PyYAML's marks (0-based)."""

    def __init__(self, line: int, column: int):
        self.line, self.column = line - 1, column - 1


def _empty(mark=None) -> _Refused:
    return _Refused("空文件：没有任何记录", mark)


def _compose_nodes(text: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        raise _empty()
    doc = Document(_from_node(node, set()), root=node)
    if doc.value is None:
        raise _empty(node.start_mark)
    return doc


def _may_nest_deeply(text: str) -> bool:
    """libyaml composes recursively in C: hand anything that could nest deeply to the streaming
    composer, which counts depth as it goes. Records nest two or three levels."""
    return len(text) > 65536 or text.count("[") + text.count("{") + text.count("- ") > 2000


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode


def _from_node(node, seen: set[int]) -> Any:
    if id(node) in seen:  # the composer hands back the anchored node again for an alias
        raise _Refused("不允许使用 YAML 锚点和别名（& 与 *）：请把内容直接写出", node.start_mark)
    seen.add(id(node))
    if node.tag not in _ALLOWED_TAGS:
        raise _Refused(f"不允许使用 YAML 标签 {node.tag}", node.start_mark)
    if node.__class__ is _ScalarNode:
        if not node.style and node.value in NULL_WORDS:
            return None
        return node.value
    if node.__class__ is _SequenceNode:
        return [_from_node(item, seen) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not _ScalarNode or id(key_node) in seen:
            raise _Refused("键必须是简单的文字", key_node.start_mark)
        key = key_node.value
        if key in mapping:
            first = next(k for k, _v in node.value if k.value == key)
            raise _Refused(
                f"重复的键 '{key}'（第 {first.start_mark.line + 1} 行已有）", key_node.start_mark
            )
        mapping[key] = _from_node(value_node, seen)
    return mapping


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    if "expected a single document" in str(exc.problem):
        message = "一个文件只能有一条记录：这里开始了第二个 YAML 文档"
    else:
        message = f"YAML 语法错误：{exc.problem or exc.context}"
        if exc.context and exc.problem:
            message += f"（{exc.context}）"
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem(message)
    return Problem(message, mark.line + 1, mark.column + 1)


def _compose_events(text: str) -> Document:
    """The streaming composer: slower, but bounded in depth before anything is built."""
    doc = Document(None)
    events = yaml.parse(text, Loader=_Loader)
    next(events)  # StreamStart
    start = next(events)  # DocumentStart
    if isinstance(start, yaml.StreamEndEvent):
        raise _empty()
    doc.value = _compose(events, next(events), doc, (), 0)
    next(events)  # DocumentEnd
    event = next(events)
    if not isinstance(event, yaml.StreamEndEvent):
        raise _Refused("一个文件只能有一条记录：这里开始了第二个 YAML 文档", event.start_mark)
    if doc.value is None:
        raise _empty(start.start_mark)
    return doc


def _compose(events, event, doc: Document, path: Path_, depth: int) -> Any:
    if getattr(event, "anchor", None) is not None or isinstance(event, yaml.AliasEvent):
        raise _Refused("不允许使用 YAML 锚点和别名（& 与 *）：请把内容直接写出", event.start_mark)
    if getattr(event, "tag", None) not in (None, "!"):
        raise _Refused(f"不允许使用 YAML 标签 {event.tag}", event.start_mark)
    if depth > MAX_DEPTH:
        raise _Refused(f"嵌套超过 {MAX_DEPTH} 层：这不是一条记录", event.start_mark)
    doc.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
    if isinstance(event, yaml.ScalarEvent):
        if not event.style and event.value in NULL_WORDS:
            return None
        return event.value
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        event = next(events)
        while not isinstance(event, yaml.SequenceEndEvent):
            items.append(_compose(events, event, doc, (*path, len(items)), depth + 1))
            event = next(events)
        return items
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[str, Any] = {}
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None:
                raise _Refused("键必须是简单的文字", event.start_mark)
            key = event.value
            if key in mapping:
                first = doc.key_positions[(*path, key)]
                raise _Refused(f"重复的键 '{key}'（第 {first[0]} 行已有）", event.start_mark)
            doc.key_positions[(*path, key)] = (
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
            mapping[key] = _compose(events, next(events), doc, (*path, key), depth + 1)
            event = next(events)
        return mapping
    raise _Refused(f"意外的 YAML 事件 {type(event).__name__}", event.start_mark)


# libyaml's emitter where installed (the wheels carry it): a 50,000-row import spends most of its
# time writing records, five times faster in C. Its output is the same as the Python emitter's
# for every record of the demo and the rule cases; it escapes characters beyond the BMP ("\U…"),
# which read back the same.
_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _PlainDumper(_Base):
    """Writes records the way the loader accepts them: no anchors for repeated values."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump_record(record: dict) -> str:
    return yaml.dump(record, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
