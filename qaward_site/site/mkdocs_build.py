"""The mkdocs stage: mkdocs.yml from its template, the theme's overrides (the package's, or
merged with a site's own), and the run itself, with the sitemap dated by the build day.

mkdocs renders one page after another on one core. Each page's HTML depends on its own Markdown,
the navigation and the configuration only, so the run is split: every process loads the whole
project (files, navigation) and renders its share of the pages, the first also the theme's own
files (sitemap, 404, assets). The bytes are those of a run in one process
(tests/test_mkdocs_parts.py).

A rebuild does not load the whole project: mkdocs is given the files it writes (`Changed`), and
any other is made when a page links to it. Nothing mkdocs writes depends on the whole set of
pages: the navigation is fixed (pages.NAV), the sitemap is ours (exports.sitemap: the theme's is
empty), and the 404 page, made of the navigation and settings alone, is the cloned site's (the
same bytes as a full build: tests/test_incremental.py)."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePath

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File, Files, set_exclusions

from qaward_site import cachedir
from qaward_site.bulk import in_parallel, workers
from qaward_site.errors import BuildError
from qaward_site.records.config import SiteConfig
from qaward_site.site import nav_once, urls
from qaward_site.site.incremental import files_under, fresh_inodes, output_of
from qaward_site.site.pages import NAV
from qaward_site.site.raw_html import RawBlocks
from qaward_site.site.render import TEMPLATES, template_files
from qaward_site.site.verify import CSP


def theme_overrides(roots: list[Path], staging: Path) -> Path:
    """The theme's override folder: the package's, or merged with a site's own."""
    if len(roots) == 1 or not (roots[0] / "overrides").is_dir():
        return TEMPLATES / "overrides"
    for rel, path in template_files(roots, "overrides").items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staging / rel)
    return staging


def mkdocs_yml(env, config: SiteConfig, docs: Path, theme: Path) -> str:
    footer = {
        "sponsor": config.sponsor,
        "contact": config.contact,
        "site_code": config.site_code,
        "icp": config.icp,
        "police_record": config.police_record,
        "police_code": "".join(c for c in config.police_record if c.isdigit()),
        "icp_number": any(c.isdigit() for c in config.icp),  # a number to look up, not a remark
        "organizer": config.organizer,
        "site_mark_image": config.site_mark_image,
        "site_mark_link": config.site_mark_link,
        "links": {
            "data": urls.DATA,
            "feed": urls.FEED,
            "search": urls.SEARCH,
            "site_map": urls.SITE_MAP,
            "contact": urls.CONTACT,
            "privacy": urls.PRIVACY,
            "corrections": urls.CORRECTIONS,
        },
        "csp": CSP,
    }
    return env.get_template("mkdocs.yml.j2").render(
        config=config,
        nav=NAV,
        footer=footer,
        docs_dir=str(docs),
        custom_dir=str(theme),
    )


def build_epoch(today: date) -> str:
    """The sitemap's dates come from the build day, an input of the build like the records."""
    return str(int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()))


PARALLEL_FROM = 300  # pages to render; below this, a second process costs more than it saves


def run(
    config_file: Path,
    site: Path,
    today: date,
    dirty: bool = False,
    after: Callable[[list[Path]], object] | None = None,
    compiled: Path | None = None,
    changed: Changed | None = None,
) -> list:
    """mkdocs into site; dirty: only pages whose Markdown changed, over a hard-link clone of the
    published site (fresh_inodes keeps every write off the published files). after, if given, is
    called with the HTML files of the pages each process rendered, in that process, while they
    are fresh in the page cache (the verification of pages, spread with them); its results are
    returned. compiled: where the theme's templates are kept compiled (Compiled). changed: the
    files to write, where the caller knows them (Changed.written); else as mkdocs finds them."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = build_epoch(today)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        mkdocs_config = load_config(str(config_file), site_dir=str(site))
        # what makes our run quicker than a bare mkdocs build, the same bytes
        mkdocs_config.markdown_extensions.append(RawBlocks())
        nav_once.install(mkdocs_config.theme)
        if compiled is not None:
            _keep_compiled(mkdocs_config.theme, compiled)
        if changed is None:
            changed = Changed.found(Path(mkdocs_config.docs_dir), site, dirty)
        only = changed if dirty else None
        pages = changed.pages
        count = workers()  # one share for each of in_parallel's processes
        if count > 1 and len(pages) >= PARALLEL_FROM:
            return _in_parts(mkdocs_config, site, dirty, shares(pages, count), after, only)
        with fresh_inodes(), _given(only), _one_markdown():
            mkdocs_build(mkdocs_config, dirty=dirty)
        return [after([site / output_of(p) for p in pages])] if after else []
    except MkDocsException as exc:
        raise BuildError(f"mkdocs 构建失败：{exc}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class Compiled(jinja2.BytecodeCache):
    """Templates as Jinja compiled them, kept between builds: the theme's (compiling its 35 is
    0.13–0.25 s of every mkdocs process, measured at 20,000 pages) and the pages'. Jinja checks
    each against its template's source; a file is loaded only if this user's builds sealed it
    (cachedir: compiled code is code), and one that cannot be written is compiled again."""

    def __init__(self, folder: Path):
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = cachedir.read_sealed(self.folder / bucket.key)
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # two processes writing the same one, a full disk
            cachedir.write_sealed(self.folder / bucket.key, bucket.bytecode_to_string())


def _keep_compiled(theme, folder: Path) -> None:
    """The theme's Jinja environment with its templates kept compiled in folder."""
    get_env = theme.get_env

    def env_kept_compiled() -> jinja2.Environment:
        env = get_env()
        env.bytecode_cache = Compiled(folder)
        return env

    theme.get_env = env_kept_compiled


@dataclass
class Changed:
    """The docs files a run writes: all, or in a dirty run those whose output is missing or
    older than the file, as mkdocs decides. A page left out is never rendered (each process
    renders its share only): the test is mkdocs' own."""

    pages: dict[str, int]  # Markdown pages to render (docs-relative) → size in bytes
    others: list[str]  # other files to copy
    known: set[str]  # every docs file

    @classmethod
    def found(cls, docs: Path, site: Path, dirty: bool) -> Changed:
        found = cls({}, [], set())
        site_dir = str(site)
        for rel, entry in files_under(docs):
            found.known.add(rel)
            stat = entry.stat()
            if dirty:
                try:
                    if os.stat(os.path.join(site_dir, output_of(rel))).st_mtime >= stat.st_mtime:
                        continue
                except FileNotFoundError:
                    pass
            if rel.endswith(".md"):
                found.pages[rel] = stat.st_size
            else:
                found.others.append(rel)
        return found

    @classmethod
    def written(cls, docs: Path, files: set[str], written: set[str], published: Collection[str]):
        """A rebuild's, without a stat of 40,000 files (0.2 s at 20,000 pages): of the docs
        files, those this build wrote, and those whose page the published site lacks. That is
        what found() finds over a clone of the published site: every other docs file is the one
        its published page was made from, or among `written` (Reuse.unsure: left by a rebuild
        that failed)."""
        found = cls({}, [], set(files))
        for rel in sorted(files):
            if rel in written or output_of(rel) not in published:
                if rel.endswith(".md"):
                    found.pages[rel] = (docs / rel).stat().st_size
                else:
                    found.others.append(rel)
        return found


@contextlib.contextmanager
def _given(changed: Changed | None):
    """While mkdocs runs: its files are those changed, and the theme's own pages (404) are the
    cloned site's. None: mkdocs as it is."""
    import mkdocs.commands.build as mkdocs_build

    if changed is None:
        yield
        return
    saved = mkdocs_build.get_files, mkdocs_build._build_theme_template
    mkdocs_build.get_files = lambda config: _Given(config, changed)
    mkdocs_build._build_theme_template = lambda *args, **kwargs: None
    try:
        yield
    finally:
        mkdocs_build.get_files, mkdocs_build._build_theme_template = saved


@contextlib.contextmanager
def _one_markdown():
    """mkdocs makes a Markdown converter for every page, loading each extension again (a tenth
    of its time on a page, measured at 20,000): one converter, reset between pages as
    Python-Markdown asks, gives the same HTML (mkdocs registers its own steps on it again for
    each page, by name, replacing the last page's)."""
    import markdown

    made = markdown.Markdown
    converters: dict[tuple, markdown.Markdown] = {}

    def converter(**settings) -> markdown.Markdown:
        key = (id(settings.get("extensions")), repr(settings.get("extension_configs")))
        if key in converters:
            return converters[key].reset()
        converters[key] = made(**settings)
        return converters[key]

    markdown.Markdown = converter
    try:
        yield
    finally:
        markdown.Markdown = made


_THEME_FILES: dict[tuple, list[tuple[str, str]]] = {}  # _Given.add_files_from_theme


class _Given(Files):
    """The files a run writes; any other docs file is made, as get_files makes it, when a page
    links to it or the navigation names it, and is neither rendered nor copied."""

    def __init__(self, config, changed: Changed):
        self._config, self._known, self._made = config, changed.known, {}
        super().__init__(self._file(rel) for rel in (*changed.pages, *changed.others))
        set_exclusions(self, config)

    def _file(self, rel: str) -> File:
        config = self._config
        return File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)

    def add_files_from_theme(self, env, config) -> None:
        """As mkdocs adds them (a docs file of the same path first), listed once a process:
        walking the theme's 14,660 files against its patterns was 0.1 s of every rebuild
        (`qaward serve`'s too), and a theme is the same for every build of the same code (else
        a full build). Those the clone lacks are copied, as mkdocs does."""
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
        if key not in _THEME_FILES:
            listed = Files([])
            Files.add_files_from_theme(listed, env, config)
            _THEME_FILES[key] = [(f.src_uri, f.src_dir) for f in listed]
        for path, folder in _THEME_FILES[key]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    def get_file_from_path(self, path: str) -> File | None:
        file = super().get_file_from_path(path)
        uri = PurePath(path).as_posix()
        if file is None and uri in self._known:
            file = self._made.get(uri)
            if file is None:
                file = self._made[uri] = self._file(uri)
                set_exclusions([file], self._config)
        return file


# a page's cost to mkdocs, in bytes of Markdown: measured at 5,000 pages, 3.3 ms a page (the
# theme) and 0.15 ms a KB (Markdown), i.e. a page costs as much as 22 KB
PAGE_BYTES = 22_000
THEME_FILES = 100  # pages: the sitemap and 404 the first share renders as well (0.3 s at 5,000)


def shares(pages: dict[str, int], n: int) -> list[set[str]]:
    """n shares of about the same work, each page to the lightest share so far."""
    out: list[set[str]] = [set() for _ in range(n)]
    weights = [THEME_FILES * PAGE_BYTES] + [0] * (n - 1)
    for rel, size in sorted(pages.items(), key=lambda item: (-item[1], item[0])):
        lightest = weights.index(min(weights))
        out[lightest].add(rel)
        weights[lightest] += PAGE_BYTES + size
    return out


def _in_parts(
    config, site: Path, dirty: bool, parts: list[set[str]], after, only: Changed | None
) -> list:
    from mkdocs.utils import clean_directory

    if not dirty:
        clean_directory(str(site))
    # every process runs mkdocs' dirty mode over the clean (or cloned) site: it renders what is
    # missing or older, so none cleans what another has written. One share a process: run()
    # made as many shares as in_parallel has workers, so none runs here (it patches mkdocs)
    done = in_parallel(
        lambda indexes: [_render_part(i, config, site, parts, after, only) for i in indexes],
        range(len(parts)),
        at_least=2,
    )
    failed = [message for message, _ in done if message]
    if failed:
        raise BuildError(f"mkdocs 构建失败：{failed[0]}")
    return [result for _, result in done if result is not None]


def _render_part(
    index: int, config, site: Path, parts: list[set[str]], after, only: Changed | None
) -> tuple:
    """In a forked process: mkdocs over the whole project, rendering this share's pages only."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.structure.files import Files

    mine = parts[index]

    def only_mine(step):
        def wrapped(page, *args, **kwargs):
            if page.file.src_uri in mine:
                return step(page, *args, **kwargs)
            return None

        return wrapped

    mkdocs_build._populate_page = only_mine(mkdocs_build._populate_page)
    mkdocs_build._build_page = only_mine(mkdocs_build._build_page)
    if index:  # the theme's files (assets, sitemap.xml, 404.html) are the first share's
        Files.copy_static_files = lambda *args, **kwargs: None
        mkdocs_build._build_theme_template = lambda *args, **kwargs: None
        mkdocs_build._build_extra_template = lambda *args, **kwargs: None
    try:
        with fresh_inodes(), _given(only), _one_markdown():
            mkdocs_build.build(config, dirty=True)
        return None, after([site / output_of(p) for p in sorted(mine)]) if after and mine else None
    except Exception as exc:  # reported by the parent, as one build error
        return f"{type(exc).__name__}: {exc}", None
