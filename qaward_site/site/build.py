"""`qaward build`: checked records → a verified static site, swapped into place at the end.

    check → pages (model, Markdown, exports) → mkdocs → search → verify (privacy, links, no
    outside requests) → swap

Each stage is a function of one `Build`; `Reuse` (incremental.py) alone decides what a rebuild
takes from the last one. Nothing is written to the output folder until every stage has passed: a
failed build leaves the previous site as it was, byte for byte. The same records and the same
build day give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from qaward_site import vocabulary
from qaward_site.bulk import (
    Background,
    collector_paused,
    collector_thawed,
    in_parallel,
    signals_held,
)
from qaward_site.errors import BuildError, ConfigError, ShrinkRefused
from qaward_site.findings import Finding, sort_findings
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import Content, load
from qaward_site.rules import published
from qaward_site.rules.check import rules_of
from qaward_site.rules.state import Organisation, SiteModel, gather
from qaward_site.site import exports, mkdocs_build, name_index, output, search, urls, verify
from qaward_site.site.incremental import (
    PACKAGE,
    Cache,
    DocsWriter,
    Reuse,
    files_under,
    fingerprint,
    inodes,
    output_of,
    store,
    tool_versions,
    write_in_site,
)
from qaward_site.site.inputs import Inputs
from qaward_site.site.pages import pages, shared_context, shared_inputs
from qaward_site.site.render import Page, environment, render_page, template_files, template_roots

Report = Callable[[str], None]
RENDER_PARALLEL_FROM = 2000  # pages; below this, starting worker processes costs more than it saves
# what a build must not drop without being told: a lost cycle, notice or sanction would make a
# published notice vanish or a revoked award look valid again
GUARDED_SECTIONS = ("cycles", "notices", "sanctions")


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    seconds: float
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    incremental: bool = False
    rendered: int = 0  # pages whose Markdown was rendered (a rebuild keeps the others')


class CheckFailed(BuildError):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors = sum(f.is_error for f in findings)
        super().__init__(f"检查发现 {errors} 个错误：没有发布任何内容（原有网站保持不变）")


@dataclass
class Build:
    """What the stages share: the inputs, then what each stage leaves for the next."""

    content_dir: Path
    out: Path
    config: SiteConfig
    today: date
    roots: list[Path]  # template folders, a site's own first
    allow_shrink: bool
    cache: Cache
    staging: Path
    state: dict  # what a rebuild must share with the last build
    reuse: Reuse
    report: Report
    published_from: Path  # the site whose record of what it published this build must honour
    content: Content | None = None
    ledger: published.Ledger | None = None
    findings: list[Finding] = field(default_factory=list)
    model: SiteModel | None = None
    private: list[verify.Private] = field(default_factory=list)
    private_digest: str = ""
    site_pages: list[Page] = field(default_factory=list)
    parts: search.Parts | None = None
    build_id: str = ""
    tree: dict[str, int] = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    page_keys: dict = field(default_factory=dict)  # each page's input key (site/inputs.py)
    rendered: int = 0  # pages rendered; the others kept their Markdown
    checked: verify.Checked | None = None  # pages verified where mkdocs wrote them
    indexing: search.Indexing | None = None  # pagefind, running while the site is verified
    rules: Background | None = None  # the rules, running while the pages are written
    names: Background | None = None  # the name index, made beside the pages and mkdocs
    # each part's files to write into the site (None: the clone's kept)
    name_files: dict[str, dict[str, bytes]] | None = None
    spelt: dict[str, str] | None = None  # names' pinyin, kept between builds (None: as it was)
    docs: DocsWriter | None = None  # what the pages stage left in the docs folder
    kept_names: tuple = ()  # the name index's keys, files kept and their pinyin (_names_kept)
    to_index: set[str] | None = None  # the search index's parts to make again (None: all)
    warm: search.Warm | None = None  # pagefind, started before mkdocs, for the first of them

    @property
    def site(self) -> Path:
        return self.staging / "site"


def check_records(b: Build) -> None:
    """Load the records and start their rules: the rules run in a process of their own while
    the pages are written (rules_checked waits for them before mkdocs). Content that already
    fails to load, or a published fact changed without a correction, is checked here whole."""
    b.content = load(b.content_dir, b.cache.records_memo())
    # an unmounted folder or a wrong --content: said first, before what it would drop
    if not b.content.records and not b.allow_shrink:
        raise ShrinkRefused(
            f"内容目录 {b.content_dir} 中没有任何记录：不生成空网站（是否写错了 --content，"
            "或目录未挂载？）。确需如此，请加 --allow-shrink"
        )
    # a published fact changes only by a dated correction (rules/published.py); --allow-shrink
    # does not bypass it: a withdrawal is a correction too
    b.ledger, b.findings = published.review(
        output.published_ledger(b.published_from),
        b.content,
        Calendars.load(b.content, b.config),
        b.today,
        str(b.published_from / urls.PUBLISHED),
    )
    arguments = (b.content, b.content_dir, b.config, b.today)
    if any(f.is_error for f in b.findings + b.content.findings):
        _judge(b, rules_of(*arguments))
    else:
        b.rules = Background(rules_of, *arguments)


def rules_checked(b: Build) -> None:
    if b.rules is not None:
        rules, b.rules = b.rules, None
        _judge(b, rules.result())


def _judge(b: Build, findings: list[Finding]) -> None:
    # what the check only warns of, the public page cannot do without: a decision's 文号, title
    findings = [
        replace(f, severity="error")
        if f.rule == "decision-after-publicity" and "网站公布决定时须写明" in f.message
        else f
        for f in findings
    ]
    b.findings = sort_findings(findings + b.findings)
    if any(f.is_error for f in b.findings):
        raise CheckFailed(b.findings)


def write_pages(b: Build) -> None:
    """The site's Markdown, assets, exports and mkdocs.yml, into the cache's docs folder, while
    the rules run; what they find stops the build here, before mkdocs."""
    try:
        # tens of thousands of pages, contexts and keys, and no cycles among them: the collector
        # would scan the records again and again (pages() 0.85 s with it at 20,000, 0.2 without)
        with collector_paused():
            _write_pages(b)
    except Exception:
        rules_checked(b)  # a failure the rules explain is theirs to tell
        raise
    rules_checked(b)


def _write_pages(b: Build) -> None:
    b.model = gather(b.content, b.config, b.today)
    b.model.published = b.ledger
    b.private = verify.private_values(b.content)
    b.private_digest = _digest(sorted(p.value for p in b.private))
    b.site_pages = pages(b.model)
    if not b.allow_shrink:
        _refuse_shrink(b.out, {output_of(p.path) for p in b.site_pages})
    b.reuse.start_docs()
    spelt = b.cache.pinyin()
    # each docs file the last build wrote: [the key of its inputs, the digest of its bytes]
    before, digests = b.reuse.page_keys(), Inputs(inline=(Page, Organisation))
    present = (
        {rel for rel, _ in files_under(b.cache.docs)} | b.reuse.docs_removed() if before else None
    )
    b.kept_names = _names_kept(b, before, spelt)
    b.parts = search.Parts.plan(
        [output_of(p.path) for p in b.site_pages if p.search], b.config.search_part_pages
    )
    b.report(f"生成页面：{len(b.site_pages)} 页" + ("（增量）" if b.reuse.active else ""))
    docs = b.cache.docs
    writer = DocsWriter(docs)
    env, shared = environment(b.roots), shared_context(b.model)
    env.bytecode_cache = mkdocs_build.Compiled(b.cache.compiled / "pages")
    shared |= {
        "findable_of": lambda names: search.findable(names, spelt),
        "hidden_words": search.hidden_words,
        "search_parts": b.parts.merged,
        "names_index": name_index.FOLDER,
        "names_parts": name_index.PARTS,
    }

    _render_pages(b, writer, env, shared, before, present, digests)
    for rel, path in template_files(b.roots, "assets").items():
        writer.write(f"assets/{rel}", path.read_bytes())
    writer.write("assets/vocabulary.js", vocabulary.for_browser())
    exports.write_exports(b.model, writer.write, b.config.site_url)
    writer.write(urls.SITEMAP, exports.sitemap(b.site_pages, b.config.site_url))
    b.reuse.before_mkdocs(writer.remove_stale(present, b.reuse.note_removing))
    writer.written |= b.reuse.unsure(writer.kept)
    b.docs = writer
    theme = mkdocs_build.theme_overrides(b.roots, b.staging / "overrides")
    mkdocs_yml = mkdocs_build.mkdocs_yml(env, b.config, docs, theme)
    (b.staging / "mkdocs.yml").write_text(mkdocs_yml, "utf-8")
    b.cache.mkdocs_yml.write_text(mkdocs_yml, "utf-8")


def _render_pages(b: Build, writer: DocsWriter, env, shared: dict, before, present, digests):
    """Each page's Markdown: a page whose inputs are those of the last build keeps its own
    (site/inputs.py). On a rebuild the keys are made here, not in the workers: each would copy
    the records it reads into its own memory (the fork shares them until they are touched),
    which cost more than it saved; on a full build each is made beside its page's rendering."""
    values = {k: v for k, v in shared.items() if not callable(v)}  # search_parts among them
    common = digests.key(shared_inputs(b.model), values)
    if before:
        changed = []
        for p in b.site_pages:
            key = common and digests.key(common, p)
            kept = _kept(before, present, p.path, key)
            if kept:
                b.page_keys[p.path] = kept
            else:
                changed.append((p, key))
    else:
        changed = [(p, None) for p in b.site_pages]

    def render(batch: list[tuple[Page, str | None]]) -> list:
        out = []
        for p, key in batch:
            key = key if before else common and digests.key(common, p)
            out.append((*store(writer.docs, p.path, render_page(env, p, shared)), key))
        return out

    b.reuse.note_writing(p.path for p, _ in changed)
    written = set()
    for rel, digest, wrote, key in in_parallel(render, changed, RENDER_PARALLEL_FROM):
        b.page_keys[rel] = [key, digest.hex()]
        if wrote:
            written.add(rel)
    b.rendered = len(changed)
    for p in b.site_pages:  # in the pages' order: the build's digest is that of its files
        writer.record(p.path, bytes.fromhex(b.page_keys[p.path][1]), p.path in written)
    b.page_keys = {rel: kept for rel, kept in b.page_keys.items() if kept[0]}


def _kept(before: dict, present: set[str] | None, rel: str, key: str | None) -> list | None:
    """The last build's [key, digest] of a docs file, if its inputs are those of this build
    (key) and the file is there to keep."""
    kept = before.get(rel)
    return kept if key and kept and kept[0] == key and rel in present else None


def _names_kept(b: Build, before: dict, spelt: dict[str, str]) -> tuple:
    """The name index is made of the pages' titles, addresses and names alone, each of its
    parts (name_index.PARTS) apart: a rebuild that changed none of a part's keeps the published
    site's files of it (making the organisations' is 0.8 s of a core at 20,000 pages); the
    others are made while the pages are written and mkdocs runs. (each part's key, the files
    kept, the pinyin of the names in the parts kept)"""
    parts = name_index.entries_of(b.site_pages)
    keys = name_index.keys(parts)
    kept, made, on_site = {}, [], None
    last: dict[str, dict] = {part: {} for part in parts}  # each part's files, as last built
    for rel, k in before.items():
        if rel.startswith(name_index.FOLDER):
            last.setdefault(rel[len(name_index.FOLDER) :].partition("/")[0] + "/", {})[rel] = k
    for part in parts:
        mine = last[part]
        # kept if made of the same entries and the published site holds every file (listed
        # only then: a retitle makes its part again)
        if mine and all(k[0] == keys[part] for k in mine.values()):
            on_site = _names_on_site(b.out) if on_site is None else on_site
            if mine.keys() <= on_site:
                kept |= mine
                continue
        made.append(part)
    if not made:  # the pinyin kept as it was (b.spelt None): none to carry over
        return keys, kept, {}
    b.names = Background(name_index.made, parts, spelt, made)
    names = {n for part in parts.keys() - set(made) for e in parts[part] for n in e.names}
    return keys, kept, {n: spelt[n] for n in names if n in spelt}


def _names_on_site(out: Path) -> set[str]:
    """The name index's files in the published site: its own files, no link followed."""
    published = out / name_index.FOLDER
    if not published.is_dir() or published.is_symlink():
        return set()
    return {
        name_index.FOLDER + rel
        for rel, entry in files_under(published)
        if entry.is_file(follow_symlinks=False)
    }


def _write_names(b: Build, writer: DocsWriter, keys: dict, kept: dict, spelt_kept: dict) -> None:
    """The name index's files are the build's like its pages (its digest, their keys), but are
    written into the site after mkdocs (run_mkdocs), not into docs for mkdocs to copy: a part
    made again may change most of its files (ids follow the titles' order), and making them
    goes on while mkdocs runs."""
    files = dict(kept)  # path in the site → [its part's key, the digest of its bytes]
    if b.names is not None:
        names, b.names = b.names, None
        made, now = names.result()
        b.spelt = spelt_kept | now
        b.name_files = {}
        for rel, text in made.items():
            part, _, inside = rel.partition("/")
            raw = text.encode("utf-8")
            b.name_files.setdefault(part + "/", {})[inside] = raw
            files[name_index.FOLDER + rel] = [keys[part + "/"], hashlib.sha256(raw).hexdigest()]
    for rel in sorted(files):  # kept or made, in one order: the build's digest is of its files
        writer.count(rel, bytes.fromhex(files[rel][1]))
        b.page_keys[rel] = files[rel]


def run_mkdocs(b: Build) -> None:
    def verify_pages(paths: list[Path]) -> verify.Checked:
        with collector_paused():
            return verify.check_pages(b.site, b.private, paths)

    published = b.reuse.published_files()
    changed, given = None, None
    if published is not None:
        changed = mkdocs_build.Changed.written(b.cache.docs, b.docs.kept, b.docs.written, published)
        given = [output_of(page) for page in changed.pages]
    # the search index's parts are known from the pages mkdocs is given: pagefind loads its
    # dictionary while mkdocs writes them
    b.to_index = b.reuse.parts_to_index(b.parts, given)
    if b.to_index is None or b.to_index:
        b.warm = search.Warm(b.staging / "search-service.log")
    checked = mkdocs_build.run(
        b.staging / "mkdocs.yml",
        b.site,
        b.today,
        dirty=b.reuse.active,
        after=verify_pages,
        compiled=b.cache.compiled,
        changed=changed,
    )
    b.checked = verify.Checked.merged(checked)


def index_search(b: Build) -> None:
    """Started here, waited for in verify_site: pagefind indexes the pages on one core while the
    name index and the build's stamp are written, and the rest of the site verified, on the
    other."""
    work, only = b.staging / "search-parts", b.to_index
    # started on the pages mkdocs was given, not after a walk of the site (0.2-0.3 s at 20,000
    # pages): the walk (pagefind's own folder aside) goes on meanwhile, and trusts nothing
    b.indexing = search.index(b.site, b.parts, only, work, b.warm)
    b.warm = None  # the indexing's now (stopped twice if it failed to start: harmless)
    b.tree = inodes(b.site, skip=search.INDEX)  # the site as mkdocs left it
    if only is not None:
        # a page found written anew that mkdocs was not given to write: its part indexed too
        missed = b.reuse.parts_to_index(b.parts, b.reuse.changed(b.tree)) - only
        if missed:
            b.indexing.runs += search.index(b.site, b.parts, missed, work).runs
    # the name index, made while the pages were written and mkdocs ran: waited for only now
    _write_names(b, b.docs, *b.kept_names)
    b.build_id = _digest([json.dumps(b.state, sort_keys=True), b.docs.digest()])
    if b.name_files is not None:  # parts made again: else the clone holds the published ones
        written = b.name_files
        if written.keys() == set(name_index.PARTS):  # the folder holds these alone
            written = {"": {part + r: raw for part, f in written.items() for r, raw in f.items()}}
        for part, files in written.items():
            folder = name_index.FOLDER + part
            write_in_site(b.site, folder, files)
            # what the clone held there (a link in its place among them) is gone: listed anew
            b.tree = {r: n for r, n in b.tree.items() if not (r + "/").startswith(folder)}
            b.tree |= {folder + r: n for r, n in inodes(b.site / folder).items()}
    marker = b.site / output.MARKER
    marker.unlink(missing_ok=True)  # a hard link to the published site's stamp
    marker.write_text(b.build_id + "\n", "utf-8")
    b.tree[output.MARKER] = marker.stat().st_ino  # what the verification starts from


def verify_site(b: Build) -> None:
    in_index = search.INDEX + "/"
    before = {rel: n for rel, n in b.tree.items() if not rel.startswith(in_index)}
    full_privacy = not b.reuse.privacy_known(b.private_digest)

    def indexed() -> tuple[set[str], list[str]]:
        b.indexing.wait()
        b.reuse.site_done()
        # pagefind alone has written to the site since it was walked: its folder is walked again
        folder = b.site / search.INDEX
        index = {in_index + rel: n for rel, n in inodes(folder).items()} if folder.is_dir() else {}
        b.tree = before | index
        changed = b.reuse.changed(index)
        return set(b.tree), sorted(index if changed is None or full_privacy else changed)

    try:
        with collector_paused():
            problems, b.links = verify.verify_site(
                b.site,
                set(before),
                b.private,
                b.config.site_url,
                b.reuse.changed(before),
                b.reuse.links(),
                full_privacy=full_privacy,
                checked=b.checked,
                index=(in_index, indexed),
                removed=b.reuse.removed(before, in_index),
            )
    finally:
        b.indexing.stop()
    if problems:
        raise BuildError(
            "网站核查未通过，没有发布（原有网站保持不变）：\n  " + "\n  ".join(problems[:50])
        )


def swap(b: Build) -> None:
    output.swap(b.site, b.out, b.reuse.spare(b.tree))
    b.reuse.swapped()
    state = {**b.state, "private": b.private_digest}
    with collector_paused():  # the links' 700,000 strings at 20k: the collector would scan them
        b.cache.save(state, b.build_id, b.links, b.parts.part_of, b.page_keys)
    if b.spelt is not None:
        b.cache.save_pinyin(b.spelt)


STAGES: list[tuple[str, str, Callable[[Build], None]]] = [
    ("check", "检查记录", check_records),  # loaded; the rules run on beside the pages
    ("pages", "整理数据", write_pages),
    ("mkdocs", "mkdocs 构建", run_mkdocs),
    ("search", "建立搜索索引", index_search),  # started: finished within verify
    ("verify", "核查：隐私、链接、外部请求", verify_site),  # pages mostly in the mkdocs stage
    ("swap", "替换网站", swap),
]


def build(
    content_dir: Path,
    out: Path,
    config: SiteConfig,
    today: date,
    report: Report = lambda _: None,
    incremental: bool = True,
    allow_shrink: bool = False,
    project: Path | None = None,
    published_from: Path | None = None,
) -> BuildResult:
    started = time.perf_counter()
    project = project or Path.cwd()
    out = output.check_target(out, content_dir, project)
    roots = template_roots(custom_templates(config, project))
    cache = Cache.of_output(out)
    if not config.site_url and (project / "site_config.yml").is_file() and content_dir.is_dir():
        report("注意：site_config.yml 没有 site_url，sitemap.xml 将是空的")
    with collector_thawed(), output.locked(cache.lock, out):
        output.remove_stale(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        staging, reuse, b = None, None, None
        timings: dict[str, float] = {}
        try:  # a signal (Ctrl-C, kill) from here on still removes the staging folder
            staging = Path(tempfile.mkdtemp(prefix=output.building_prefix(out), dir=out.parent))
            state = {
                "today": today.isoformat(),
                "config": config.model_dump_json(),
                "code": fingerprint(PACKAGE, *roots),
                "tools": tool_versions(),
            }
            reuse = Reuse(cache, out, state, incremental, staging / "site")
            b = Build(
                content_dir,
                out,
                config,
                today,
                roots,
                allow_shrink,
                cache,
                staging,
                state,
                reuse,
                report,
                published_from or out,
            )
            for name, message, stage in STAGES:
                report(message)
                began = time.perf_counter()
                stage(b)
                timings[name] = time.perf_counter() - began
        finally:
            with signals_held():  # a second Ctrl-C must not cut the cleaning short
                if b is not None and b.indexing is not None:
                    b.indexing.stop()
                if b is not None and b.warm is not None:
                    b.warm.stop()
                for process in (b.rules, b.names) if b is not None else ():
                    if process is not None:
                        process.stop()
                if reuse is not None:
                    reuse.abandon()
                if staging is not None:
                    shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - started
    return BuildResult(
        out, len(b.site_pages), len(b.tree), seconds, b.findings, timings, reuse.active, b.rendered
    )


def custom_templates(config: SiteConfig, project: Path) -> Path | None:
    if config.custom_dir is None:
        return None
    folder = project / config.custom_dir
    if not folder.is_dir():
        raise ConfigError(f"site_config.yml 的 custom_dir: {config.custom_dir} 不是目录")
    return folder


def _refuse_shrink(out: Path, new_pages: set[str]) -> None:
    lost = sorted(output.published_pages(out, GUARDED_SECTIONS) - new_pages)
    if lost:
        names = "\n  ".join(p.removesuffix("/index.html") for p in lost[:20])
        more = f"\n  ……等共 {len(lost)} 页" if len(lost) > 20 else ""
        raise ShrinkRefused(
            f"新网站将不再包含已发布的 {len(lost)} 个页面（记录被删除，或 --content 指错了目录？）："
            f"\n  {names}{more}\n没有发布任何内容。确需删除这些页面，请加 --allow-shrink"
        )


def _digest(values: list[str]) -> str:
    return hashlib.sha256("\n".join(values).encode()).hexdigest()
