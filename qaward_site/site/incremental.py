"""Rebuilding after a small change: only what changed is rendered, indexed and re-verified.

The cache beside the output folder keeps the Markdown of the last build, the state it was built
from, and each page's links. A rebuild writes only pages whose Markdown changed, so mkdocs'
dirty mode renders only those; the staging site is a hard-link clone of the published one, and
every file mkdocs writes gets a new inode first, so the published site is never touched. A change
of day, settings, templates or code means a full build. The cache counts only after a build has
been swapped into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs.utils

from qaward_site import __version__

STATE = "state.json"
LINKS = "links.json"
MARKER = ".qaward-build"  # in the site: which build it is, so a cache never outlives its site


def fingerprint(*roots: Path) -> str:
    """A digest of every file under roots: the templates and the package's code."""
    h = hashlib.sha256(__version__.encode())
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


@dataclass
class Cache:
    root: Path
    state: dict = field(default_factory=dict)

    @classmethod
    def beside(cls, out: Path) -> Cache:
        return cls(out.parent / f".{out.name}.qaward-cache")

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def usable_for(self, state: dict, out: Path) -> bool:
        """Was the published site built from this cache, under the same day, settings and code?"""
        try:
            saved = json.loads((self.root / STATE).read_text("utf-8"))
            built = (out / MARKER).read_text("utf-8").strip()
        except (OSError, ValueError):
            return False
        same = {k: v for k, v in saved.items() if k not in ("build", "private")} == state
        return same and saved.get("build") == built and self.docs.is_dir()

    def invalidate(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.root / STATE).unlink()

    def reset(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.docs.mkdir(parents=True)

    def save(self, state: dict, build_id: str, links: dict) -> None:
        (self.root / LINKS).write_text(json.dumps(links, ensure_ascii=False), "utf-8")
        (self.root / STATE).write_text(json.dumps({**state, "build": build_id}), "utf-8")

    def state_value(self, key: str):
        try:
            return json.loads((self.root / STATE).read_text("utf-8")).get(key)
        except (OSError, ValueError):
            return None

    def links(self) -> dict:
        try:
            return json.loads((self.root / LINKS).read_text("utf-8"))
        except (OSError, ValueError):
            return {}


class DocsWriter:
    """Writes the docs folder, touching only files whose bytes change (mkdocs' dirty mode
    compares modification times), and removes what is no longer generated."""

    def __init__(self, docs: Path):
        self.docs = docs
        self.kept: set[str] = set()
        self.changed: list[str] = []
        self._digest = hashlib.sha256()

    def digest(self) -> str:
        """Of everything written, in order: the same inputs give the same digest."""
        return self._digest.hexdigest()

    def write(self, rel: str, data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = self.docs / rel
        self.kept.add(rel)
        self._digest.update(rel.encode() + b"\0" + raw)
        try:
            if path.read_bytes() == raw:
                return
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        self.changed.append(rel)

    def copy_tree(self, source: Path, prefix: str) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                self.write(f"{prefix}/{path.relative_to(source).as_posix()}", path.read_bytes())

    def remove_stale(self) -> list[str]:
        stale = []
        for path in sorted(self.docs.rglob("*")):
            rel = path.relative_to(self.docs).as_posix()
            if path.is_file() and rel not in self.kept:
                path.unlink()
                stale.append(rel)
        return stale


def output_of(doc: str) -> str:
    """Where mkdocs writes a docs file (with directory URLs)."""
    if not doc.endswith(".md"):
        return doc
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def clone(published: Path, staging: Path, removed: list[str]) -> None:
    """A hard-link copy of the published site to build over, without the files that will go."""
    shutil.copytree(published, staging, copy_function=os.link)
    for rel in [*removed, "sitemap.xml.gz"]:  # mkdocs writes the .gz with open(): unlink first
        with contextlib.suppress(FileNotFoundError):
            (staging / rel).unlink()
        folder = (staging / rel).parent
        while folder != staging and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    shutil.rmtree(staging / "pagefind", ignore_errors=True)


@contextlib.contextmanager
def fresh_inodes():
    """While mkdocs writes, every file it writes is unlinked first: a hard-linked file shared
    with the published site is replaced, never overwritten in place."""
    write_file, copy_file = mkdocs.utils.write_file, mkdocs.utils.copy_file

    def unlink_then(original):
        def wrapped(first, output_path: str) -> None:
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                os.unlink(output_path)
            original(first, output_path)

        return wrapped

    mkdocs.utils.write_file = unlink_then(write_file)
    mkdocs.utils.copy_file = unlink_then(copy_file)
    try:
        yield
    finally:
        mkdocs.utils.write_file, mkdocs.utils.copy_file = write_file, copy_file


def new_files(staging: Path, published: Path) -> list[Path]:
    """Files of the staging site that are not the published site's own (hard-linked) files."""
    out = []
    for path in staging.rglob("*"):
        if not path.is_file():
            continue
        try:
            same = os.path.samefile(path, published / path.relative_to(staging))
        except FileNotFoundError:
            same = False
        if not same:
            out.append(path)
    return sorted(out)
