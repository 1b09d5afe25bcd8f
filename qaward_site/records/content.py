"""Load the content folder: every record, validated, with its references resolved.

load → (YAML with positions) → schema per kind → unique ids → references → ordinance texts.
Every problem becomes a Finding; loading never stops at the first one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from qaward_site import cachedir, ordinance_text
from qaward_site.bulk import collector_paused, in_parallel
from qaward_site.errors import ContentUnreadable, printable
from qaward_site.findings import Finding
from qaward_site.formats import CONTROL
from qaward_site.records import (
    KINDS,
    Applicant,
    Cycle,
    Decision,
    Disqualification,
    Notice,
    Objection,
    Ordinance,
    Record,
    Revocation,
    party_key,
)
from qaward_site.records.references import check_references, reference_paths
from qaward_site.records.validation import validate
from qaward_site.records.yamlsource import Document, read_document

R = TypeVar("R", bound=Record)
SUFFIXES = (".yml", ".yaml")
CALENDAR_FILE = re.compile(r"calendar/([a-z]+)-(\d{4})\.ya?ml")


@dataclass
class Content:
    root: Path
    records: dict[str, Record] = field(default_factory=dict)
    texts: dict[str, ordinance_text.OrdinanceText] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    _by_kind: dict[type, list[Record]] = field(default_factory=lambda: defaultdict(list))
    _listed: dict[str, list[tuple[Notice, int]]] = field(default_factory=lambda: defaultdict(list))
    _children: dict[tuple[str, str, str], list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _sanctioned: dict[tuple[str, str], list[Revocation | Disqualification]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, record: Record) -> None:
        self.records[record.id] = record
        self._by_kind[type(record)].append(record)

    def all(self, kind: type[R]) -> list[R]:
        return self._by_kind.get(kind, [])  # type: ignore[return-value]

    def get(self, record_id: str, kind: type[R]) -> R | None:
        record = self.records.get(record_id)
        return record if isinstance(record, kind) else None

    def of(self, kind: type[R], field_name: str, parent_id: str) -> list[R]:
        """Records of kind whose field_name names parent_id (applicants of a cycle, …)."""
        return self._children.get((kind.__name__, field_name, parent_id), [])  # type: ignore

    # the questions every layer asks, answered once
    def ordinance_of(self, cycle: Cycle) -> Ordinance | None:
        return self.get(cycle.ordinance, Ordinance)

    def cycle_of(self, record: Applicant | Notice | Decision) -> Cycle | None:
        return self.get(record.cycle, Cycle)

    def applicants(self, cycle: Cycle) -> list[Applicant]:
        return self.of(Applicant, "cycle", cycle.id)

    def notices(self, cycle: Cycle) -> list[Notice]:
        return sorted(self.of(Notice, "cycle", cycle.id), key=lambda n: (n.start, n.id))

    def decisions(self, cycle: Cycle) -> list[Decision]:
        return self.of(Decision, "cycle", cycle.id)

    def objections(self, notice: Notice) -> list[Objection]:
        return self.of(Objection, "notice", notice.id)

    def revocations(self, applicant: Applicant) -> list[Revocation]:
        return self.of(Revocation, "applicant", applicant.id)

    def disqualifications(self, applicant: Applicant) -> list[Disqualification]:
        return self.of(Disqualification, "applicant", applicant.id)

    def sanctions(self, applicant: Applicant) -> list[Revocation | Disqualification]:
        """The revocations, then the disqualifications, in any programme and cycle, of the party
        applicant is (records.party_key)."""
        key = party_key(applicant)
        return self._sanctioned.get(key, []) if key is not None else []

    def listings(self, applicant: Applicant) -> list[tuple[Notice, int]]:
        """The notices that list applicant, each with the index of its entry."""
        return self._listed.get(applicant.id, [])

    def cycles(self, jurisdiction: str | None = None) -> list[Cycle]:
        cycles = self.all(Cycle)
        if jurisdiction is not None:
            cycles = [
                c
                for c in cycles
                if (o := self.ordinance_of(c)) is not None and o.jurisdiction == jurisdiction
            ]
        return sorted(cycles, key=lambda c: (c.year, c.id))

    def _index_children(self) -> None:
        for record in [*self.all(Revocation), *self.all(Disqualification)]:
            sanctioned = self.get(record.applicant, Applicant)
            key = party_key(sanctioned) if sanctioned is not None else None
            if key is not None:
                self._sanctioned[key].append(record)
        for notice in self.all(Notice):
            for i, entry in enumerate(notice.entries):
                self._listed[entry.applicant].append((notice, i))
        for record in self.records.values():
            for path, _ref, target in reference_paths(record):
                # "cycle" for a top-level field, "entries.applicant" for a listed one
                name = ".".join(p for p in path if isinstance(p, str))
                bucket = self._children[(type(record).__name__, name, target)]
                if not bucket or bucket[-1] is not record:
                    bucket.append(record)


def record_files(root: Path, findings: list[Finding] | None = None) -> list[Path]:
    """Every record file under root. What cannot be one is a finding, never a silent skip: a
    symbolic link (it may lead out of the folder, or nowhere), a pipe, socket or device named
    like a record (reading it would block), a folder that cannot be read (its records would
    be missing: a revocation skipped is an award shown as valid)."""
    return [Path(name) for name in _record_names(root, findings)]


def _record_names(root: Path, findings: list[Finding] | None) -> list[str]:
    """record_files as names: 20,000 Paths made and stat'ed cost a rebuild 0.1-0.2 s."""
    files: list[str] = []

    def refuse(path: str, message: str) -> None:
        if findings is not None:
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            findings.append(Finding(rel, 1, 1, "error", "content", message))

    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            refuse(folder, f"目录无法读取（{exc.strerror or exc}）：其中的记录都没有检查")
            continue
        for entry in entries:
            record_like = entry.name.endswith(SUFFIXES)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                if record_like or _is_dir_or_broken(entry.path):
                    refuse(entry.path, "是符号链接：记录和目录须直接放在内容目录中，未读取")
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("_"):
                    folders.append(entry.path)
            elif record_like and not entry.is_file(follow_symlinks=False):
                refuse(entry.path, "不是普通文件（命名管道、套接字或设备）：未读取")
            elif record_like:
                files.append(entry.path)
    return sorted(files, key=_as_parts)  # as Paths sort: part by part


def _as_parts(name: str) -> list[str]:
    return name.split(os.sep)


def _is_dir_or_broken(path: str) -> bool:
    try:
        return os.path.isdir(path) or not os.path.exists(path)
    except OSError:
        return True


def load(root: Path, memo: Memo | None = None) -> Content:
    with collector_paused():
        return _load(root, memo)


def _load(root: Path, memo: Memo | None) -> Content:
    if not root.exists():
        raise ContentUnreadable(
            f"内容目录 {root.absolute()} 不存在：请在项目目录（有 content/ 和 site_config.yml 的"
            f"目录）中运行（当前目录 {Path.cwd()}），或用 --content 指定内容目录"
        )
    if not root.is_dir():
        raise ContentUnreadable(f"{root} 不是目录")
    if not os.access(root, os.R_OK | os.X_OK):
        raise ContentUnreadable(f"没有权限读取内容目录 {root}")
    content = Content(root)
    first_seen: dict[str, Record] = {}
    names = _record_names(root, content.findings)
    loaded = memo.load(root, names) if memo else _load_records(root, list(map(Path, names)))
    for record, findings in loaded:
        content.findings += findings
        if record is None:
            continue
        rel = record.file
        if record.id in first_seen:
            other = first_seen[record.id]
            line, col = record.where("id")
            content.findings.append(
                Finding(
                    rel,
                    line,
                    col,
                    "error",
                    "schema",
                    f"编号 {record.id} 重复：{other.file} 第 {other.where('id')[0]} 行已使用",
                    record=record.id,
                )
            )
            continue
        first_seen[record.id] = record
        content.add(record)
    _check_former_ids(content, first_seen)
    check_references(content)
    content._index_children()
    _load_texts(content)
    return content


def _check_former_ids(content: Content, records: dict[str, Record]) -> None:
    """A former id answers at its old address: it may name no other record, nor two notices."""
    claimed: dict[str, Record] = {}
    for notice in content.all(Notice):
        for i, old in enumerate(notice.former_ids):
            other = records.get(old) or claimed.get(old)
            if other is not None and other is not notice:
                line, col = notice.where("former_ids", i)
                content.findings.append(
                    Finding(
                        notice.file,
                        line,
                        col,
                        "error",
                        "schema",
                        f"曾用编号 {old} 已是 {other.file} 的编号：两个网址会相撞",
                        record=notice.id,
                    )
                )
            claimed.setdefault(old, notice)


# a file's times are of its filesystem's clock: FAT keeps two seconds, a share's server may be
# a little ahead of this one's
RACY_NS = 3_000_000_000

PARALLEL_FROM = 4000  # below this many files, starting worker processes costs more than it saves


def _load_records(root: Path, paths: list[Path]) -> list[tuple[Record | None, list[Finding]]]:
    """(record or None, findings) per file, in file order. A large tree is parsed on all cores;
    the records are made here from the plain values the workers send back, while they parse
    on: a pydantic model costs three times as much to pickle and unpickle as its values (a third
    of the time of checking 50,000 records went to that)."""
    return in_parallel(
        lambda batch: [_load_record(root, p) for p in batch], paths, PARALLEL_FROM, _make_record
    )


@dataclass
class Memo:
    """Records parsed by an earlier run, kept in a folder, a file for each folder of records: a
    file whose size, times and inode are unchanged (git's test for a changed file) is not read
    again, and only the folders where something changed are written again (one record edited
    at 20,000 wrote them all: 0.8 s). Only for the same code (`version`). Saves most of a
    rebuild's check after one record changed.

    A file changed within RACY_NS before it was read is parsed again next time, whatever its
    stat says (git's "racily clean" entries): a second save within the same tick of its
    filesystem's clock (whole seconds on some network shares, two on FAT), the same size, as
    a date's digit edited, leaves the same size and times, and the record read before it would
    be published for the one on disk."""

    path: Path  # the folder
    version: str
    # what was loaded is kept in this process's memory too, for its next load of the same memo:
    # `qaward serve` rebuilding on every change unpickled 20,000 records again (0.5-0.7 s)
    live: bool = False

    def load(self, root: Path, names: list[str]) -> list[tuple[Record | None, list[Finding]]]:
        """The record of each file named, and what was found wrong with it."""
        folders: dict[str, list[str]] = defaultdict(list)
        for name in names:
            folders[os.path.dirname(name)].append(name)
        shards = {folder: _shard(root, folder) for folder in folders}
        saved, keys, changed = {}, {}, set()
        trusted_before = time.time_ns() - RACY_NS
        in_memory = _LIVE.get((self.path, self.version), {}) if self.live else {}
        for folder, members in folders.items():
            for name in members:
                st = os.stat(name)
                # a racy file's key matches none: never taken from the memo (None)
                keys[name] = cachedir.same_file_key(st) if st.st_mtime_ns < trusted_before else None
            kept = {
                n: in_memory[n]
                for n in members
                if keys[n] is not None and in_memory.get(n, (None,))[0] == keys[n]
            }
            # its file neither read nor unpickled, unless memory lacks a file it may hold (a
            # racy one is parsed whatever it holds)
            if len(kept) + sum(keys[n] is None for n in members) < len(members):
                kept = self._read(shards[folder])
            for name in members:
                if name in kept:
                    saved[name] = kept[name]
            if len(kept) != len(members):  # a file removed (one added is parsed: below)
                changed.add(folder)
        missing = [n for n in names if keys[n] is None or saved.get(n, (None,))[0] != keys[n]]
        fresh = dict(zip(missing, _load_records(root, list(map(Path, missing))), strict=True))
        for folder, members in folders.items():
            if folder in changed or any(n in fresh for n in members):
                self._write(shards[folder], {n: (keys[n], _pick(n, fresh, saved)) for n in members})
        self._forget(set(shards.values()))
        loaded = [_pick(n, fresh, saved) for n in names]
        if self.live:  # one memo's, the last loaded: a process building many sites holds one
            _LIVE.clear()
            _LIVE[self.path, self.version] = {
                n: (keys[n], one) for n, one in zip(names, loaded, strict=True)
            }
        return loaded

    def _read(self, name: str) -> dict:
        files = cachedir.load(self.path / name, self.version)
        return files if isinstance(files, dict) else {}

    def _write(self, name: str, files: dict) -> None:
        # a cache that cannot be written makes the next run slower, never this one fail
        with contextlib.suppress(OSError):
            cachedir.dump(self.path / name, self.version, files)

    def _forget(self, names: set[str]) -> None:
        """The files of folders that hold no records any more."""
        with contextlib.suppress(OSError), os.scandir(self.path) as entries:
            for entry in entries:
                if entry.name not in names and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


_LIVE: dict[tuple[Path, str], dict] = {}  # Memo.live: (folder, version) → {file: (key, loaded)}


def _shard(root: Path, folder: str) -> str:
    """The memo's file for a folder of records."""
    rel = os.path.relpath(folder, root)
    return hashlib.blake2b(rel.encode(), digest_size=8).hexdigest() + ".pickle"


def _pick(name: str, fresh: dict, saved: dict):
    return fresh[name] if name in fresh else saved[name][1]


@dataclass
class _Parsed:
    """One file as plain values, ready to become a record, and what was wrong with it so far."""

    rel: str
    source: str
    model: type[Record] | None = None
    value: dict | None = None
    findings: list[Finding] = field(default_factory=list)


def _load_record(root: Path, path: Path) -> _Parsed:
    parsed = _Parsed(path.relative_to(root).as_posix(), str(path))
    try:
        _parse_record(path, parsed)
    except RecursionError:
        parsed.findings.append(
            Finding(parsed.rel, 1, 1, "error", "yaml", "嵌套过深：这不是一条记录")
        )
    return parsed


def _parse_record(path: Path, parsed: _Parsed) -> None:
    rel, findings = parsed.rel, parsed.findings
    doc, errors, warnings = read_document(path)
    for p in warnings:
        findings.append(Finding(rel, p.line, p.column, "warning", "yaml", p.message))
    for p in errors:
        findings.append(Finding(rel, p.line, p.column, "error", "yaml", p.message))
    if doc is None:
        return
    if not isinstance(doc.value, dict):
        findings.append(
            Finding(rel, 1, 1, "error", "schema", "一个文件应是一条记录（若干个 键: 值）")
        )
        return
    calendar = CALENDAR_FILE.fullmatch(rel)
    if calendar:  # content/calendar/<layer>-<year>.yml: the name says what it is
        layer, year = calendar.groups()
        defaults = {
            "kind": "calendar",
            "id": f"calendar-{layer}-{year}",
            "layer": layer,
            "year": year,
        }
        doc.value = defaults | doc.value
    kind = doc.value.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        line, col = doc.position(("kind",))
        what = f"未知的记录类型 kind: {kind}" if kind is not None else "缺少 kind"
        findings.append(
            Finding(rel, line, col, "error", "schema", f"{what}（应为 {', '.join(KINDS)} 之一）")
        )
        return
    parsed.model, parsed.value = model, doc.value


def _make_record(parsed: _Parsed) -> tuple[Record | None, list[Finding]]:
    findings, model = parsed.findings, parsed.model
    if model is None:
        return None, findings
    try:
        record = model.model_validate(parsed.value)
    except ValidationError:
        # what is wrong, and where: the positions are in the file, read again (errors are rare)
        doc = read_document(Path(parsed.source))[0]
        if doc is None or doc.value != parsed.value:  # changed since: what was read, no lines
            doc = Document(parsed.value)
        record, issues = validate(model, doc)
        record_id = parsed.value.get("id") if isinstance(parsed.value.get("id"), str) else ""
        for issue in issues:
            findings.append(
                Finding(
                    parsed.rel,
                    issue.line,
                    issue.column,
                    "error",
                    "schema",
                    f"{model.label} {record_id}：{issue.message}",
                    record=record_id,
                )
            )
    if record is None:
        return None, findings
    record._file = parsed.rel
    record._source = parsed.source
    record.digest  # noqa: B018 (made now, to be kept in the memo with the record)
    return record, findings


MAX_TEXT_BYTES = 2 * 1024 * 1024  # an ordinance runs to some 30 KB


def _load_texts(content: Content) -> None:
    root = content.root.resolve()
    for ordinance in content.all(Ordinance):
        line, col = ordinance.where("text")
        name = printable(ordinance.text)
        try:
            path = _text_file(root, (content.root / ordinance.file).parent / ordinance.text)
            if isinstance(path, str):
                message = f"办法 {ordinance.id} 的全文文件 {name} {path}：未读取"
            else:
                with path.open("rb") as f:
                    raw = f.read(MAX_TEXT_BYTES + 1)
                if len(raw) > MAX_TEXT_BYTES:
                    message = f"办法 {ordinance.id} 的全文文件 {name} 超过 2 MB：未读取"
                elif CONTROL.search(markdown := raw.decode("utf-8")):
                    message = f"办法 {ordinance.id} 的全文文件 {name} 含有控制字符：请删去"
                else:
                    content.texts[ordinance.id] = ordinance_text.parse(markdown)
                    continue
        except FileNotFoundError:
            message = f"办法 {ordinance.id} 的全文文件 {name} 不存在"
        except UnicodeDecodeError:
            message = f"办法 {ordinance.id} 的全文文件 {name} 不是 UTF-8 编码"
        except OSError as exc:
            message = f"办法 {ordinance.id} 的全文文件 {name} 无法读取：{exc.strerror or exc}"
        except ValueError as exc:
            message = f"办法 {ordinance.id} 的全文文件 {name} 结构有误：{exc}"
        content.findings.append(
            Finding(ordinance.file, line, col, "error", "schema", message, record=ordinance.id)
        )


def _text_file(root: Path, path: Path) -> Path | str:
    """The file, if it is a regular file inside the content folder once every link is
    followed; otherwise why not (a text named outside the folder is never opened)."""
    resolved = path.resolve()
    if root not in resolved.parents:
        return "不在内容目录之内"
    if not resolved.exists():
        raise FileNotFoundError(path)
    if not stat.S_ISREG(resolved.stat().st_mode):
        return "不是普通文件"
    return resolved
