"""Search: pagefind over the built pages, in parts, with names also findable by pinyin.

Measured here (notes/toolchain.md): mkdocs-material's lunr index misses words inside jieba's
tokens (公司 in 有限公司) and is downloaded whole (25 MB at 5,000 pages); pagefind segments
Chinese finely and loads its index in small fragments (45 KB to start).

Pagefind cannot update an index: it reads every page again (about 0.6 ms a page here). So the
index is kept in parts of up to `search_part_pages` pages: a section with more than a quarter of
that (the organisations) has parts of its own, its pages spread over them by a hash of each
page's path; the rest share the part "main". A
rebuild re-indexes only the parts whose pages changed; the browser merges the parts
(pagefind's mergeIndex) and ranks their results together.

The browser asks pagefind second: titles and names are answered first by name_index.py, which
weighs a few kilobytes where pagefind's start weighs hundreds at 20,000 pages.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import math
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from qaward_site.errors import BuildError

INDEX = "pagefind"  # in the site: one folder per part, the UI and its WebAssembly in "main"
MAIN = "main"
# what only the primary part needs: the merged parts use its API and WebAssembly
_API_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*")
_UI_FILES = ("pagefind-*ui.*", "pagefind-highlight.js")  # ours is in assets/search.js


@cache
def pinyin_of(name: str) -> str:
    """'大庆石化' → 'daqingshihua qingshihua shihua hua dqsh qsh sh': every run of syllables to
    the end of the name, in full and as initials. Pagefind matches word prefixes, so any part of a
    name can be typed in pinyin (shihua, jingmi) or initials (dq, jm), as in Chinese."""
    syllables = [s for s in _pinyin()(name, errors="ignore") if s.isascii() and s.isalpha()]
    full = ["".join(syllables[i:]) for i in range(len(syllables))]
    initials = ["".join(s[0] for s in syllables[i:]) for i in range(len(syllables) - 1)]
    return " ".join(full + initials)


# Pagefind cuts Chinese into words at build time (jieba) and the browser cuts the query with
# its own segmenter (ICU): they disagree often enough that 16 of the demo's 67 pages were not
# found by their own title (大庆市|政府 indexed, 大庆|市政府 asked). So titles and names are
# also indexed as keys that no segmenter cuts: every run of KEY_CHARS characters from each
# position, each character spelt as letters. assets/search.js cuts a query the same way, so any
# part of a title or name is found, like Ctrl-F. KEY_CHARS bounds how many keys there are.
KEY_CHARS = 4
KEY_MARK = "qq"  # no pinyin starts so: a key never answers a pinyin query
_RUN = re.compile(r"[^\W_]+")  # letters and digits (of any script)


# a Chinese character (CJK ideographs, their extension A, compatibility ideographs, and the
# planes beyond): HAN.search(run) says whether a run holds one
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0010ffff]")


def _runs(text: str) -> list[str]:
    """The runs of letters and digits of text, full-width folded and in lower case."""
    return _RUN.findall(unicodedata.normalize("NFKC", text).lower())


def _letters(n: int, width: int) -> str:
    """n in base 26, as width letters a–z."""
    out = []
    for _ in range(width):
        n, digit = divmod(n, 26)
        out.append(chr(97 + digit))
    return "".join(reversed(out))


@cache  # a few thousand characters spell every name: once each (a third of keys_of's time)
def _spelt(char: str) -> str:
    """A character as five letters (26⁵ covers every code point)."""
    return _letters(ord(char), 5)


@cache
def keys_of(text: str) -> str:
    """The keys of every run of letters and digits holding a Chinese character: one word per
    position, spelling the KEY_CHARS characters from there."""
    words = []
    for run in _runs(text):
        if HAN.search(run):
            for i in range(len(run)):
                words.append(KEY_MARK + "".join(_spelt(c) for c in run[i : i + KEY_CHARS]))
    return " ".join(dict.fromkeys(words))


# A page titled exactly as the query should come first, but a short query ("公示") has more
# key matches than a first screen of results, and pagefind's scores do not put the page so
# titled among them. So each title is also indexed as one word of its own, a hash of the title
# without spaces and punctuation; assets/search.js asks for it beside the keys.
TITLE_MARK = "qt"  # no pinyin starts so either


def fnv(text: str) -> int:
    """FNV-1a (32 bits) of text's code points (assets/search.js: fnv)."""
    n = 0x811C9DC5
    for char in text:
        n = ((n ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return n


def title_word(title: str) -> str:
    """The title's own word: fnv of its letters and digits, as 7 letters."""
    return TITLE_MARK + _letters(fnv("".join(_runs(title))), 7)


def title_keys(title: str) -> str:
    """What makes a title findable: its keys and its own word."""
    return f"{keys_of(title)} {title_word(title)}".strip()


def hidden_words(words: str, weight: int = 1) -> Markup:
    """Words for the index alone: a block pagefind reads and no one sees (weight 7 ranks it as
    a heading)."""
    weighted = Markup(' data-pagefind-weight="{}"').format(weight) if weight != 1 else ""
    return Markup('<div class="qa-keys" hidden{}>{}</div>').format(weighted, words)


def findable(names: Iterable[str], spelt: dict[str, str] | None = None) -> str:
    """What makes names findable beyond their words: pinyin (as spelt before, if it was),
    initials and keys."""
    spelt = spelt or {}
    return " ".join(f"{spelt.get(n) or pinyin_of(n)} {keys_of(n)}" for n in names)


# What a page is, by the first folder of its address: the label before a result's title and
# the kind the search page filters by (its buttons: KIND_FILTERS). The only table of them.
# (A programme's name holds no "、": it separates a page's programmes in its metadata.)
KIND_FILTERS = {
    "notice": "公示",
    "organization": "获奖与申报单位",
    "cycle": "评选届次",
    "sanction": "撤销与取消",
    "ordinance": "办法与规则",
}
_SECTIONS = {
    "notices": ("notice", "公示"),
    "objections": ("notice", "异议指南"),
    "organizations": ("organization", "单位"),
    "cycles": ("cycle", "评选届次"),
    "programmes": ("cycle", "评选"),
    "awards": ("cycle", "获奖名单"),
    "decisions": ("cycle", "决定"),
    "sanctions": ("sanction", "撤销与取消"),
    "ordinances": ("ordinance", "办法"),
    "rules": ("ordinance", "规则"),
}
OTHER = ("other", "其他")
# the same table for the browser, which reads a page's section from its address ("" for others)
SECTIONS_FOR_BROWSER = {**{s: list(v) for s, v in _SECTIONS.items()}, "": list(OTHER)}


def kind_of(path: str) -> tuple[str, str]:
    """(filter, label) of the page at path (its Markdown or HTML file, site-relative)."""
    return _SECTIONS.get(_section(path), OTHER)


def filter_marks(path: str, programmes: Iterable[str]) -> Markup:
    """What the search filters a page by and labels it with: its kind, its label and the
    programmes it belongs to, as pagefind metadata (read with the result, nothing shown). Not
    pagefind's own filters: their files differ from one build to the next (measured, pagefind
    1.5), and the same records must give the same site. Each value is an element's text, so
    no record's text stands in a tag."""
    kind, label = kind_of(path)
    names = "、".join(dict.fromkeys(programmes))
    return Markup(
        '<div class="qa-keys" hidden><span data-pagefind-meta="kind">{}</span>'
        '<span data-pagefind-meta="label">{}</span>'
        '<span data-pagefind-meta="programmes">{}</span></div>'
    ).format(kind, label, names)


@dataclass(frozen=True)
class Parts:
    """Which part of the index each searchable page (its HTML file, site-relative) is in."""

    part_of: dict[str, str]

    @classmethod
    def plan(cls, pages: Iterable[str], per_part: int) -> Parts:
        pages = sorted(pages)
        sizes = Counter(_section(p) for p in pages)
        # a section of more than a quarter part has parts of its own: a change elsewhere does
        # not re-index it; fewer, larger parts mean fewer requests for each word searched (two
        # parts where one would do were measured: more CPU in all, no quicker a build, and
        # another index file for the browser to fetch for every word)
        split = {s: math.ceil(n / per_part) for s, n in sizes.items() if s and n > per_part / 4}

        def part(page: str) -> str:
            n = split.get(_section(page))
            if not n:
                return MAIN
            # a stable hash: a page stays in its part from one build to the next
            return f"{_section(page)}-{zlib.crc32(page.encode()) % n + 1}-of-{n}"

        return cls({p: part(p) for p in pages})

    @property
    def names(self) -> list[str]:
        """Every part with pages, the main part first (it is the primary index)."""
        return sorted(set(self.part_of.values()), key=lambda name: (name != MAIN, name))

    @property
    def merged(self) -> list[str]:
        return [n for n in self.names if n != MAIN]

    def members(self) -> dict[str, list[str]]:
        out = defaultdict(list)
        for page, name in self.part_of.items():
            out[name].append(page)
        return out

    def differing_from(self, previous: dict[str, str]) -> set[str]:
        """Parts that gained or lost pages since the plan `previous` (a part_of)."""
        before = Parts(previous).members()
        return {n for n, pages in self.members().items() if set(pages) != set(before.get(n, ()))}

    def touched_by(self, changed: Iterable[str]) -> set[str]:
        return {self.part_of[p] for p in changed if p in self.part_of}


def _section(page: str) -> str:
    head, sep, _ = page.partition("/")
    return head if sep else ""


def index(
    site: Path, parts: Parts, only: set[str] | None, work: Path, warm: Warm | None = None
) -> Indexing:
    """Start indexing every part (or only those named), each a pagefind process reading a folder
    of hard links to its pages and nothing else; parts no longer planned are removed. Pagefind
    runs on one core: the build verifies the rest of the site meanwhile, then waits. warm: a
    pagefind service started earlier, given the first part (the main one, where it is named)."""
    root, planned = site / INDEX, set(parts.names)
    if root.is_dir():
        for old in root.iterdir():
            if old.name not in planned or only is None or old.name in only:
                shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    members = parts.members()
    runs: list[_Run] = []
    try:
        for name in parts.names:
            if only is None or name in only:
                runs.append(_start_part(site, name, members[name], work / name, warm))
                warm = None
    except BaseException:
        Indexing(site, runs).stop()  # the parts already started
        if warm is not None:
            warm.stop()
        raise
    if warm is not None:  # no part to give it
        warm.stop()
    return Indexing(site, runs)


@dataclass
class _Run:
    name: str
    process: subprocess.Popen
    shadow: Path
    log: Path
    service: Warm | None = None  # the part is the service's (else the process's alone)


class Indexing:
    """The pagefind processes of one build."""

    def __init__(self, site: Path, runs: list[_Run]):
        self.site, self.runs = site, runs

    def wait(self) -> None:
        failed = []
        for run in self.runs:
            if run.service is not None:
                try:
                    run.service.finish()
                except BuildError as exc:
                    failed.append(f"pagefind 建立搜索索引（{run.name}）失败：{exc}")
            run.process.wait()
            shutil.rmtree(run.shadow, ignore_errors=True)
            if run.process.returncode != 0 and run.service is None:
                failed.append(
                    f"pagefind 建立搜索索引（{run.name}）失败：\n{run.log.read_text('utf-8', 'replace')}"
                )
            out = self.site / INDEX / run.name
            for pattern in _UI_FILES + (_API_FILES if run.name != MAIN else ()):
                for path in out.glob(pattern):
                    path.unlink()
        self.runs = []
        if failed:
            raise BuildError(failed[0])

    def stop(self) -> None:
        """A build that fails meanwhile leaves no pagefind writing into its staging folder."""
        for run in self.runs:
            if run.service is not None:
                run.service.stop()
            else:
                run.process.kill()
                run.process.wait()
        self.runs = []


# what pagefind is told of our pages, as a command and as a service alike
_SELECTOR, _LANGUAGE = "article.md-content__inner", "zh"
_SERVICE_CONFIG = {"root_selector": _SELECTOR, "force_language": _LANGUAGE}
# a page in Chinese, for the service to load its segmenter's dictionary on
_WARM_PAGE = (
    f'<html lang="{_LANGUAGE}"><body><article class="md-content__inner">'
    "<h1>公示</h1><p>政府质量奖评选</p></article></body></html>"
)


class Warm:
    """Pagefind as a service (`pagefind --service`), started while mkdocs runs: a pagefind
    process spends its first 0.3 s loading the Chinese segmenter's dictionary (measured: 0.28-0.38
    s for one page in Chinese, 0.01 s in English), and a rebuild waits for the index of its main
    part at the end. The service loads it on a page of its own meanwhile, then indexes one part
    and hands its files over, which are written here: the command's files, byte for byte
    (measured on the 20,000-page site's 112 pages outside the organisations). Not the service's
    own WriteFiles: it answers before its writes are done (tokio's files, never flushed), and a
    service stopped then leaves them cut short. It answers one request after another, in order."""

    def __init__(self, log: Path):
        self.log = log
        self._sent = 0
        self._unread = bytearray()
        self._waiting: list[int] = []
        self._output: Path | None = None
        with log.open("wb") as output:
            self.process = _popen(
                [*_pagefind(), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=output,
            )
        # the first index of a service is number 0; the answers are read past in _receive
        try:
            self._send({"type": "NewIndex", "config": _SERVICE_CONFIG})
            self._send({"type": "AddFile", "index_id": 0, "url": "/", "file_contents": _WARM_PAGE})
        except BaseException:
            self.stop()
            raise

    def index(self, folder: Path, output: Path) -> None:
        """Index the pages in folder, for output; finish() waits for it and writes the files."""
        answer = self._receive(self._send({"type": "NewIndex", "config": _SERVICE_CONFIG}))
        index_id = answer["index_id"]
        self._output = output
        self._waiting = [
            self._send({"type": "AddDir", "index_id": index_id, "path": str(folder)}),
            self._send({"type": "GetFiles", "index_id": index_id}),
        ]

    def finish(self) -> None:
        """Wait for the part given to index(), write its files, and end the service."""
        try:
            answers = [self._receive(n) for n in self._waiting]
        finally:
            self.stop()
        for file in answers[-1]["files"]:
            rel = Path(file["path"])
            if rel.is_absolute() or ".." in rel.parts:
                raise BuildError(f"pagefind 服务给出的文件路径不在索引目录内：{rel}")
            path = self._output / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))

    def stop(self) -> None:
        """End the service. Not by ending its input, as it would end: a process forked meanwhile
        (the build's workers) holds that pipe open too."""
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        try:
            self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            self.process.stdin.flush()
        except OSError:
            raise self._gone() from None
        return self._sent

    def _receive(self, wanted: int) -> dict:
        """The answer to message `wanted`, those before it read past (the warm-up's)."""
        while True:
            end = self._unread.find(b",")
            while end < 0:
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise self._gone()
                searched = len(self._unread)  # holds no ',': only the chunk is searched
                self._unread += chunk
                end = self._unread.find(b",", searched)
            answer = json.loads(base64.b64decode(self._unread[:end]))
            del self._unread[: end + 1]
            if answer.get("message_id") != wanted:
                continue  # the warm-up's: whatever it was, the part's index is another
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                raise BuildError(f"pagefind 服务报错：{payload.get('message')}\n{self._logged()}")
            return payload

    def _gone(self) -> BuildError:
        return BuildError(f"pagefind 服务意外退出：\n{self._logged().rstrip()}\n{_REINSTALL}")

    def _logged(self) -> str:
        return self.log.read_text("utf-8", "replace") if self.log.is_file() else ""


def _start_part(
    site: Path, name: str, pages: list[str], shadow: Path, warm: Warm | None = None
) -> _Run:
    for page in pages:
        link = shadow / page
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / page, link)
    output = site / INDEX / name
    if warm is not None:
        warm.index(shadow, output)
        return _Run(name, warm.process, shadow, warm.log, warm)
    log = shadow.with_suffix(".log")
    program = [
        *_pagefind(),
        "--site",
        str(shadow),
        "--output-path",
        str(output),
        "--root-selector",
        _SELECTOR,
        "--force-language",
        _LANGUAGE,
    ]
    with log.open("wb") as output_file:  # a file, not a pipe: nobody reads while it runs
        process = _popen(program, stdout=output_file, stderr=subprocess.STDOUT)
    return _Run(name, process, shadow, log)


def _popen(program: list[str], **kwargs) -> subprocess.Popen:
    try:
        return subprocess.Popen(program, **kwargs)
    except OSError as exc:
        why = _CANNOT_RUN.get(exc.errno, exc.strerror or str(exc))
        raise BuildError(f"无法启动 pagefind（{program[0]}）：{why}。{_REINSTALL}") from None


_REINSTALL = "请重新安装本工具及其依赖（pip install .），或检查环境变量 PAGEFIND_BINARY_PATH"


@cache
def _pinyin() -> Callable:
    """pypinyin, loaded when a name is first spelt: its dictionaries are 0.3 s of every command
    otherwise, and a rebuild spells only names it has not spelt before (Cache.pinyin)."""
    from pypinyin import lazy_pinyin, load_phrases_dict

    # phrases pypinyin reads wrongly in place names: 长寿区 alone, and after 市 (市长 won in
    # 重庆市长寿区: zhangshou)
    load_phrases_dict(
        {
            "长寿区": [["cháng"], ["shòu"], ["qū"]],
            "市长寿区": [["shì"], ["cháng"], ["shòu"], ["qū"]],
            "单县": [["shàn"], ["xiàn"]],
        }
    )
    return lazy_pinyin


_CANNOT_RUN = {
    errno.ENOENT: "程序不存在",
    errno.EACCES: "没有执行权限",
    errno.ENOEXEC: "不是可执行的程序",
}


@cache
def _pagefind() -> list[str]:
    """The pagefind program, as its Python package finds it ($PAGEFIND_BINARY_PATH, then the
    binary packages): run directly, not through `python -m pagefind`, which starts Python only
    to start it (0.1-0.3 s of each part, of a rebuild's 0.7 s in the main one)."""
    from pagefind.service import get_executable

    program = get_executable()
    return [str(program)] if program is not None else [sys.executable, "-m", "pagefind"]
