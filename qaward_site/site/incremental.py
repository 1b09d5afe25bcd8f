"""Rebuilding after a small change: only what changed is rendered, indexed and re-verified.

The build's cache (cachedir: in the user's cache folder) keeps the Markdown of the last build, the state it was built
from, and each page's links. A rebuild writes only pages whose Markdown changed, so mkdocs'
dirty mode renders only those; the staging site is a hard-link clone of the published one, and
every file mkdocs writes gets a new inode first, so the published site is never touched. A change
of day, settings, templates or code means a full build. The cache's record of the published
site (its state, keys and links) changes only after a build has been swapped into place; the
docs a rebuild writes before that are listed first (JOURNAL), so that one that fails or is
interrupted leaves the next a rebuild, not a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import mkdocs.utils

from qaward_site import __version__, cachedir
from qaward_site.bulk import Background
from qaward_site.records.content import Memo
from qaward_site.site.output import (
    MARKER,
    delete_in_background,
    is_our_folder,
    unclaimed,
)

STATE = "state.json"
PARTS = "search-parts.json"
# sealed pickles (cachedir): JSON of links alone was 0.4 s to write and 0.25 s to read back at
# 20,000 pages, the pickle 0.06 and 0.05
LINKS = "links.pickle"
PAGES = "pages.pickle"  # each docs file's input key and the digest of the bytes it gave
PINYIN = "pinyin.pickle"  # each name's pinyin (search.pinyin_of), 0.13 ms a name to make again
JOURNAL = "docs-journal.json"  # docs files written or removed since the last swap (Journal)
_FORMAT = 1  # of the pickles: a file of another form is not read


PACKAGE = Path(__file__).resolve().parent.parent
_UNREAD = object()


def fingerprint(*roots: Path) -> str:
    """A digest of every file under roots: the templates and the package's code."""
    h = hashlib.sha256(__version__.encode())
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def tool_versions() -> dict[str, str]:
    """A new mkdocs, theme or pagefind changes pages that no record touched (pydantic: the
    parsed records kept between builds)."""
    names = ("mkdocs", "mkdocs-material", "pagefind", "pydantic")
    return {name: metadata.version(name) for name in names}


@dataclass
class Cache:
    root: Path
    state: dict = field(default_factory=dict)
    _read_back: dict = field(default_factory=dict, repr=False)  # file → the values read from it

    @classmethod
    def of_output(cls, out: Path) -> Cache:
        return cls(cachedir.private_folder(cachedir.for_output(out)))

    @property
    def lock(self) -> Path:
        return self.root / "build.lock"

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

    @property
    def mkdocs_yml(self) -> Path:
        """The last build's mkdocs.yml, beside its docs: what a bare `mkdocs build` of the same
        project reads (the benchmark's anchor)."""
        return self.root / "mkdocs.yml"

    @property
    def records(self) -> Path:
        """Parsed records (content.Memo): they depend on the files and the code only, so they
        outlive a reset."""
        return self.root / "records"

    def records_memo(self) -> Memo:
        """The records parsed by the last build or check of this site: `qaward check` and
        `qaward build` share them (a second check of 50,000 records reads none again), and a
        process that builds again keeps them in memory (`qaward serve`)."""
        return Memo(self.records, fingerprint(PACKAGE) + metadata.version("pydantic"), live=True)

    @property
    def compiled(self) -> Path:
        """The theme's templates compiled (mkdocs_build.Compiled), for this mkdocs, theme and Jinja:
        the environment they are compiled in is theirs. A reset leaves them."""
        versions = {**tool_versions(), "jinja2": metadata.version("jinja2")}
        return (
            self.root / "compiled" / hashlib.sha256(json.dumps(versions).encode()).hexdigest()[:16]
        )

    @property
    def spare(self) -> Path:
        """The site the last rebuild replaced, pruned to the files the published one shares
        (Clone starts from it): hard links to the published site's files, which need its file
        system, in a folder only this user can enter. Reuse decides its fate; a reset leaves it."""
        return self.root / "spare"

    def remove_stale_spares(self) -> None:
        """Spares put aside or half-copied by a build whose delete was cut short."""
        for path in unclaimed(self.root.glob(f"{self.spare.name}-*")):
            delete_in_background(path)

    def reset(self) -> None:
        """A full build's: everything made from the last build's pages goes; what depends on
        the files and the code alone (the records, the compiled templates) and the spare
        (Reuse decides its fate) stay."""
        kept = (self.records, self.lock, self.root / "compiled", self.spare)
        if self.root.is_dir():
            for path in self.root.iterdir():
                if path not in kept and not path.name.startswith(self.spare.name + "-"):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        self.docs.mkdir(parents=True)

    def save(
        self, state: dict, build_id: str, links: dict, parts: dict[str, str], pages: dict
    ) -> None:
        self._write(LINKS, links, lambda: _shared(links, self._read_back.get(LINKS, {})))
        self._write(PARTS, parts)
        self._write(PAGES, pages)
        (self.root / STATE).write_text(json.dumps({**state, "build": build_id}), "utf-8")
        # the docs are again those of the published site (a failure just before this leaves the
        # journal: the next build renders some pages it need not, never fewer)
        (self.root / JOURNAL).unlink(missing_ok=True)

    def journal(self) -> Journal | None:
        """What rebuilds not swapped in wrote or removed (None: a journal that cannot be read)."""
        try:
            saved = json.loads((self.root / JOURNAL).read_text("utf-8"))
            return Journal(set(saved["pages"]), set(saved["removed"]), bool(saved["others"]))
        except FileNotFoundError:
            return Journal()
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_journal(self, journal: Journal) -> None:
        """On disk before the docs it lists are touched: written whole, then renamed into place
        (a journal cut short would list too few)."""
        partial = self.root / (JOURNAL + ".partial")
        text = json.dumps(
            {
                "pages": sorted(journal.pages),
                "removed": sorted(journal.removed),
                "others": journal.others,
            },
            ensure_ascii=False,
        )
        with open(partial, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, self.root / JOURNAL)

    def _write(self, name: str, values, form: Callable | None = None) -> None:
        """values (as form() gives them), unless the file holds them as this build read them: a
        rebuild changes few, and the links alone are 8 MB at 20,000 pages."""
        if self._read_back.get(name, _UNREAD) == values and (self.root / name).is_file():
            return
        values = form() if form else values
        if name.endswith(".json"):
            (self.root / name).write_text(json.dumps(values, ensure_ascii=False), "utf-8")
        else:
            cachedir.dump(self.root / name, _FORMAT, values, keep=True)

    def pinyin(self) -> dict[str, str]:
        spelt = self._read_back[PINYIN] = self._read(PINYIN, {})
        return spelt

    def save_pinyin(self, spelt: dict[str, str]) -> None:
        self._write(PINYIN, spelt)

    def state_value(self, key: str):
        return self._read(STATE, {}).get(key)

    def links(self) -> dict:
        """Each page's ids, links and loads, as the last build's verification found them."""
        links = self._read_back[LINKS] = self._read(LINKS, {})
        return links

    def parts(self) -> dict[str, str]:
        """Which search index part each page was in."""
        parts = self._read_back[PARTS] = self._read(PARTS, {})
        return parts

    def pages(self) -> dict[str, list[str]]:
        """Each docs file made from keyed inputs (a page's Markdown, the name index's files):
        [input key, digest of its bytes] (site/inputs.py)."""
        pages = self._read_back[PAGES] = self._read(PAGES, {})
        return pages

    def _read(self, name: str, default: dict) -> dict:
        if name.endswith(".json"):
            try:
                value = json.loads((self.root / name).read_text("utf-8"))
            except (OSError, ValueError):
                return default
            return value if isinstance(value, dict) else default
        value = cachedir.load(self.root / name, _FORMAT, keep=True)  # never changed: below
        return value if isinstance(value, dict) else default


@dataclass
class Journal:
    """The docs files a rebuild has written or removed and no swap has published since: their
    bytes may not be those of their published pages. The next rebuild renders these pages
    again, whatever their keys, and gives mkdocs every one it keeps, whatever bytes it finds;
    the files that are not pages (assets, exports: a few dozen) all of them (`others`)."""

    pages: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    others: bool = False

    def lists(self, rel: str) -> bool:
        """A page (docs file) to render again."""
        return rel in self.pages or rel in self.removed

    def suspect(self, rel: str) -> bool:
        """A docs file to give mkdocs whatever its bytes."""
        return self.lists(rel) or (self.others and not rel.endswith(".md"))


def _shared(links: dict[str, dict], read: dict[str, dict]) -> dict[str, dict]:
    """links with each string written once: the theme's thirty links are the same on 20,000
    pages (34 MB pickled apart, 8 MB so). The pages read back from the last build share theirs
    already (a pickle writes an object once); those found again by this build are made to share
    within themselves, which a full build is (0.2 s at 20,000 pages)."""
    strings: dict = {}
    one = strings.setdefault
    out = {}
    for rel, page in links.items():
        if read.get(rel) is page:
            out[rel] = page
            continue
        out[rel] = {
            **page,
            "ids": [one(i, i) for i in page["ids"]],
            "loads": [one(u, u) for u in page["loads"]],
            "links": [one(link, link) for link in map(tuple, page["links"])],
        }
    return out


class DocsWriter:
    """Writes the docs folder, touching only files whose bytes change (mkdocs' dirty mode
    compares modification times), and removes what is no longer generated."""

    def __init__(self, docs: Path):
        self.docs = docs
        self.kept: set[str] = set()
        self.written: set[str] = set()  # of kept, those whose bytes this build wrote
        self._digest = hashlib.sha256()

    def digest(self) -> str:
        """Of everything written, in order: the same inputs give the same digest."""
        return self._digest.hexdigest()

    def write(self, rel: str, data: str | bytes) -> None:
        self.record(*store(self.docs, rel, data))

    def record(self, rel: str, digest: bytes, wrote: bool = False) -> None:
        """What store() did, possibly in another process."""
        self.kept.add(rel)
        if wrote:
            self.written.add(rel)
        self.count(rel, digest)

    def count(self, rel: str, digest: bytes) -> None:
        """A file of the build's own that is written into the site, not the docs folder."""
        self._digest.update(rel.encode() + b"\0" + digest)

    def remove_stale(
        self, present: set[str] | None, noting: Callable[[list[str]], None]
    ) -> list[str]:
        """present: the files the folder held before this build wrote (else walked now), and
        those a build not swapped in removed; noting(stale) is told them first."""
        before = inodes(self.docs) if present is None else present
        stale = sorted(rel for rel in before if rel not in self.kept)
        noting(stale)
        for rel in stale:
            (self.docs / rel).unlink(missing_ok=True)
        return stale


def store(docs: Path, rel: str, data: str | bytes) -> tuple[str, bytes, bool]:
    """Write one docs file unless it already holds these bytes (mkdocs' dirty mode then leaves
    its page alone): (rel, digest, whether it was written)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = docs / rel
    digest = hashlib.sha256(raw).digest()
    try:
        if path.read_bytes() == raw:
            return rel, digest, False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return rel, digest, True


def output_of(doc: str) -> str:
    """Where mkdocs writes a docs file (with directory URLs)."""
    if not doc.endswith(".md"):
        return doc
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


class Clone:
    """A hard-link copy of the published site to build over, made while the records are checked
    and the pages rendered: from the spare (Cache.spare: the site the last rebuild replaced,
    holding only files the published one shares), brought up to the published site by linking
    what it lacks; else by `cp -al` (at 20,000 pages 0.9 s of the kernel's time, mostly making
    20,000 folders, and as much again to delete the old site after the swap). Either way in a
    process of its own."""

    def __init__(self, published: Path, staging: Path, spare: Path | None = None):
        self.published, self.staging, self.spare = published, staging, spare
        self._process: subprocess.Popen | None = None
        self._spare: Background | None = None
        if spare is not None and is_our_folder(spare):
            with contextlib.suppress(OSError):
                os.replace(spare, staging)
                self._spare = Background(bring_up, published, staging)
        if self._spare is None:
            self._copy()

    def _copy(self) -> None:
        self._process = link_copy(self.published, self.staging, stderr=subprocess.PIPE)

    def finish(self, removed: list[str]) -> dict[str, int]:
        """Wait for the copy, then take out the files that will go: the published site's
        inodes (site-relative path → inode)."""
        published = None
        if self._spare is not None:
            spare, self._spare = self._spare, None
            published = spare.result()
            if published is None:  # the spare could not be brought up: copied after all
                put_aside(self.staging, self.spare)
                self._copy()
        if self._process is not None:
            _, error = self._process.communicate()
            if self._process.returncode != 0:
                raise OSError(f"cp -al failed: {error.decode(errors='replace').strip()}")
            published = inodes(self.published)
        staging = self.staging
        for rel in removed:
            with contextlib.suppress(FileNotFoundError):
                (staging / rel).unlink()
            _remove_empty(staging, (staging / rel).parent)
        return published

    def abandon(self) -> None:
        if self._spare is not None:
            self._spare.stop()
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()


def link_copy(source: Path, target: Path, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """`cp -al`: target made a hard-link copy of source, in a process of its own."""
    return subprocess.Popen(
        ["cp", "-al", str(source), str(target)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def bring_up(published: Path, staging: Path) -> dict[str, int] | None:
    """Make staging (the spare) a hard-link copy of published: what is not the published file
    at its path (a stale page, a link, anything) is removed first, then what is missing is
    linked. The published site's inodes, or None where staging could not be made so."""
    try:
        want = inodes(published)
        emptied, have = set(), set()
        for rel, entry in files_under(staging):
            if want.get(rel) == entry.inode():
                have.add(rel)
            else:
                os.unlink(entry.path)
                emptied.add(os.path.dirname(rel))
        for folder in sorted(emptied, key=len, reverse=True):
            _remove_empty(staging, staging / folder)
        for rel in want.keys() - have:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(published / rel, target, follow_symlinks=False)
        return want
    except OSError:
        return None


def keep_as_spare(old: Path, old_inodes: dict[str, int], new: dict[str, int]) -> bool:
    """Prune the replaced site (old) to the files the new one shares with it (new: the new
    site's inodes), so that it never holds a page the published site no longer does; False
    (delete it instead) where that is most of it, or it cannot be pruned."""
    gone = [rel for rel, inode in old_inodes.items() if new.get(rel) != inode]
    if len(gone) * 2 > len(old_inodes):
        return False
    try:
        for rel in gone:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(old / rel)
        for folder in sorted({os.path.dirname(rel) for rel in gone}, key=len, reverse=True):
            _remove_empty(old, old / folder)
    except OSError:
        return False
    return True


def put_aside(folder: Path, spare: Path) -> None:
    """Out of the way at once (beside the spare: on its file system, in the cache), deleted in
    the background; Reuse deletes what a delete cut short left."""
    aside = spare.with_name(f"{spare.name}-old-{os.getpid()}-{time.time_ns()}")
    os.replace(folder, aside)
    delete_in_background(aside)


def _same_device(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def _remove_empty(root: Path, folder: Path) -> None:
    """Remove folder and the folders above it (up to root) while they are empty."""
    while (
        folder != root and folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir())
    ):
        folder.rmdir()
        folder = folder.parent


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


def write_in_site(site: Path, folder: str, files: dict[str, bytes]) -> None:
    """Make site/folder hold exactly these files (folder-relative path → bytes), in a staging
    site that may be a hard-link clone of the published one: a file already holding its bytes is
    left as it is (the published site's own, not verified again), any other is replaced by a new
    one, never written through its link; what else the folder holds is removed. Whatever the
    clone holds in its place (a link elsewhere, a file) is removed, not followed."""
    root = site / folder
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        root.unlink()
    root.mkdir(parents=True, exist_ok=True)
    present = {rel: entry for rel, entry in files_under(root)}
    for rel, entry in present.items():
        if rel not in files:
            os.unlink(entry.path)
    for rel, raw in files.items():
        path = root / rel
        entry = present.get(rel)
        if entry is not None:
            if not entry.is_symlink() and path.read_bytes() == raw:
                continue
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


def files_under(root: Path, skip: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every file under root, as (root-relative path, its directory entry), but those in the
    folder root/skip: walked with scandir and plain strings (as Paths, 40,000 files cost 0.5 s
    more)."""
    cut = len(str(root)) + 1
    folders = [str(root)]
    skipped = os.path.join(str(root), skip) if skip else None
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path != skipped:
                        folders.append(entry.path)
                else:
                    yield entry.path[cut:], entry


def inodes(root: Path, skip: str = "") -> dict[str, int]:
    """Every file under root (site-relative path → inode), but those in root/skip, from the
    directory entries alone: no file is opened or stat'ed."""
    return {rel: entry.inode() for rel, entry in files_under(root, skip)}


def new_files(staging: dict[str, int], published: dict[str, int]) -> list[str]:
    """Files of the staging site that are not the published site's own (hard-linked) files."""
    return sorted(rel for rel, inode in staging.items() if published.get(rel) != inode)


class Reuse:
    """Decides, once, what this build may take from the last one, and answers every stage's
    question about it: a rebuild over the published site (same day, settings, templates, code
    and tools, and a cache that belongs to that site), or a full build."""

    def __init__(self, cache: Cache, out: Path, state: dict, wanted: bool, site: Path):
        self.cache, self.out, self.site = cache, out, site
        self.active = wanted and out.is_dir() and cache.usable_for(state, out)
        # the docs rebuilds not swapped in left written over (`left`), and those and this one's
        # as the journal lists them until this one is swapped in; a journal that cannot be read
        # leaves unknown which docs files are their published pages': a full build
        left = cache.journal() if self.active else Journal()
        self.active = self.active and left is not None
        self.left = left if left is not None else Journal()
        self._journal = Journal(set(self.left.pages), set(self.left.removed), self.left.others)
        self._copy: tuple[subprocess.Popen, Path] | None = None  # the next rebuild's spare
        # hard links and renames need the site's file system: else no spare, cp -al each time
        self._spare = cache.spare if wanted and _same_device(cache.root, out.parent) else None
        cache.remove_stale_spares()
        # the published site cloned while the records are checked
        self.clone = Clone(out, site, self._spare) if self.active else None
        if not self.active and is_our_folder(cache.spare):  # of a site not started from
            put_aside(cache.spare, cache.spare)
        self._published: dict[str, int] = {}
        self._private = cache.state_value("private") if self.active else None

    def privacy_known(self, private_digest: str) -> bool:
        """Was the published site scanned for exactly these private values?"""
        return self.active and self._private == private_digest

    def start_docs(self) -> None:
        """Keep the last build's Markdown to write over (each file listed in the journal before
        it is touched: note_writing, note_removing), or start from none."""
        if not self.active:
            self.cache.reset()

    def note_writing(self, pages: Iterable[str]) -> None:
        """Before pages (docs files) are rendered, and the files that are not pages written."""
        if self.active:
            self._journal.pages |= set(pages)
            self._journal.others = True
            self.cache.write_journal(self._journal)

    def note_removing(self, stale: Iterable[str]) -> None:
        if self.active:
            self._journal.removed |= set(stale)
            self.cache.write_journal(self._journal)

    def unsure(self, kept: Iterable[str]) -> set[str]:
        """Of the docs files this build keeps, those a rebuild not swapped in may have left
        other than their published pages: mkdocs is given them whatever their bytes (this
        build's own it is given where their bytes changed)."""
        left = self.left
        if not self.active or not (left.pages or left.removed or left.others):
            return set()
        return {rel for rel in kept if left.suspect(rel)}

    def before_mkdocs(self, stale_docs: list[str]) -> None:
        if self.clone:
            self._published = self.clone.finish([output_of(d) for d in stale_docs])

    def site_done(self) -> None:
        """The staging site is final (pagefind has written): a full build links a copy of it
        meanwhile, the spare the next rebuild starts from (a full build's old site shares
        nothing with the new one: it is deleted)."""
        if self.active or self._spare is None:
            return
        copy = self._spare.with_name(f"{self._spare.name}-new-{os.getpid()}-{time.time_ns()}")
        self._copy = link_copy(self.site, copy), copy

    def swapped(self) -> None:
        """After the swap: the full build's copy becomes the spare."""
        if self._copy is None:
            return
        (process, copy), self._copy = self._copy, None
        if process.wait() == 0 and self._become_spare(copy):
            return
        if os.path.lexists(copy):
            delete_in_background(copy)

    def _become_spare(self, folder: Path) -> bool:
        """folder made the spare, where there is none; never fails the build (it is done after
        the swap, or after a failure)."""
        if self._spare is None or os.path.lexists(self._spare):
            return False
        try:
            os.replace(folder, self._spare)
        except OSError:
            return False
        return True

    def spare(self, tree: dict[str, int]) -> Callable[[Path], bool] | None:
        """What the swap does with the site it replaces, tree being the new site's inodes: a
        rebuild's shares most of its files with the new one and is kept as the next one's spare
        (Clone); a full build's shares none."""
        if not self.active or self._spare is None:
            return None

        def keep(old: Path) -> bool:  # pruned only where there is no spare yet
            return (
                not os.path.lexists(self._spare)
                and keep_as_spare(old, self._published, tree)
                and self._become_spare(old)
            )

        return keep

    def parts_to_index(self, parts, rebuilt: Iterable[str] | None) -> set[str] | None:
        """The search index parts to build again (None: all); rebuilt: the new site's files
        that are not the published site's."""
        if not self.active:
            return None
        only = parts.touched_by(rebuilt) | parts.differing_from(self.cache.parts())
        return only | {n for n in parts.names if not (self.site / "pagefind" / n).is_dir()}

    def published_files(self) -> Collection[str] | None:
        """The published site's files, as the clone found them (None: not a rebuild)."""
        return self._published.keys() if self.active else None

    def changed(self, tree: dict[str, int]) -> list[str] | None:
        """The files of the new site that are not the published site's (None: all of them)."""
        return new_files(tree, self._published) if self.active else None

    def links(self) -> dict:
        return self.cache.links() if self.active else {}

    def removed(self, tree: dict[str, int], outside: str) -> set[str] | None:
        """The published site's files the new one (tree) no longer has, those under outside
        aside (None: not a rebuild)."""
        if not self.active:
            return None
        return {rel for rel in self._published if rel not in tree and not rel.startswith(outside)}

    def page_keys(self) -> dict[str, list[str]]:
        """The last build's page keys, where its Markdown is there to keep (else none): a
        page the journal lists is rendered again."""
        if not self.active:
            return {}
        keys = self.cache.pages()
        if self.left.pages or self.left.removed:
            keys = {rel: k for rel, k in keys.items() if not self.left.lists(rel)}
        return keys

    def docs_removed(self) -> set[str]:
        """Docs files a rebuild not swapped in removed: stale still, if this build keeps none."""
        return self.left.removed if self.active else set()

    def abandon(self) -> None:
        """After the build, whatever its end. A rebuild that failed (a finding, a page that
        failed verification, Ctrl-C) leaves its staging site as the spare: the published site
        with some of this build's files over it, which the next rebuild brings back to the
        published site (bring_up) rather than linking 20,000 folders anew after a clerk's
        mistake."""
        if self.clone:
            self.clone.abandon()
            if is_our_folder(self.site):
                self._become_spare(self.site)
        if self._copy is not None:
            (process, copy), self._copy = self._copy, None
            process.kill()
            process.wait()
            if os.path.lexists(copy):
                delete_in_background(copy)
