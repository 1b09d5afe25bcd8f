"""`qaward build`: checked records → a verified static site, swapped into place at the end.

    check → model → pages + exports (Markdown/data) → mkdocs build → search index → verify
    (privacy, links, no outside requests) → swap

Nothing is written to the output folder until every step has passed: a failed build leaves the
previous site as it was, byte for byte. The same records and the same build day give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from qaward_site.bulk import collector_paused, in_parallel
from qaward_site.check import check
from qaward_site.config import SiteConfig
from qaward_site.content import Memo
from qaward_site.errors import BuildError, ShrinkRefused
from qaward_site.findings import Finding
from qaward_site.site import exports, output, search, verify
from qaward_site.site import incremental as incremental_
from qaward_site.site.incremental import Cache, output_of
from qaward_site.site.model import gather
from qaward_site.site.pages import NAV, pages, shared_context
from qaward_site.site.render import TEMPLATES, environment, render_page

Report = Callable[[str], None]
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    seconds: float
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    incremental: bool = False


class _Stages:
    """Times each stage of the build and tells the user which one is running."""

    def __init__(self, report: Report):
        self.report, self.timings = report, {}
        self._name, self._start = None, 0.0

    def __call__(self, name: str, message: str) -> None:
        self.done()
        self.report(message)
        self._name, self._start = name, time.perf_counter()

    def done(self) -> None:
        if self._name:
            self.timings[self._name] = time.perf_counter() - self._start
            self._name = None


class CheckFailed(BuildError):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors = sum(f.is_error for f in findings)
        super().__init__(f"检查发现 {errors} 个错误：没有发布任何内容（原有网站保持不变）")


def build(
    content_dir: Path,
    out: Path,
    config: SiteConfig,
    today: date,
    report: Report = lambda _: None,
    keep_docs: Path | None = None,
    incremental: bool = True,
    allow_shrink: bool = False,
    project: Path | None = None,
) -> BuildResult:
    out = output.check_target(out, content_dir, project or Path.cwd())
    cache = Cache.of_output(out)
    with output.locked(cache.lock, out):
        output.remove_stale(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        return _build(
            content_dir, out, cache, config, today, report, keep_docs, incremental, allow_shrink
        )


def _build(
    content_dir: Path,
    out: Path,
    cache: Cache,
    config: SiteConfig,
    today: date,
    report: Report,
    keep_docs: Path | None,
    incremental: bool,
    allow_shrink: bool,
) -> BuildResult:
    started = time.perf_counter()
    stage = _Stages(report)
    if not config.site_url:
        report("注意：site_config.yml 没有 site_url，sitemap.xml 将是空的")
    state = {
        "today": today.isoformat(),
        "config": config.model_dump_json(),
        "code": incremental_.fingerprint(TEMPLATES, PACKAGE),
        "tools": incremental_.tool_versions(),
    }
    reuse = incremental and out.is_dir() and cache.usable_for(state, out)
    staging = Path(tempfile.mkdtemp(prefix=output.building_prefix(out), dir=out.parent))
    site = staging / "site"
    clone = incremental_.Clone(out, site) if reuse else None  # while the records are checked
    try:
        stage("check", "检查记录")
        memo = Memo(cache.records, state["code"] + json.dumps(state["tools"]))
        content, findings = check(content_dir, config, today, memo)
        if any(f.is_error for f in findings):
            raise CheckFailed(findings)
        if not content.records and not allow_shrink:
            raise ShrinkRefused(
                f"内容目录 {content_dir} 中没有任何记录：不生成空网站（是否写错了 --content，"
                "或目录未挂载？）。确需如此，请加 --allow-shrink"
            )

        stage("pages", "整理数据")
        with collector_paused():
            model = gather(content, config, today)
        private = verify.private_values(content)
        private_digest = _digest(sorted(p.value for p in private))
        privacy_known = reuse and cache.state_value("private") == private_digest
        site_pages = pages(model)
        if not allow_shrink:
            _refuse_shrink(out, {output_of(p.path) for p in site_pages})
        cache.invalidate() if reuse else cache.reset()
        parts = search.Parts.plan(
            [output_of(p.path) for p in site_pages if p.search], config.search_part_pages
        )
        report(f"生成页面：{len(site_pages)} 页" + ("（增量）" if reuse else ""))
        writer = incremental_.DocsWriter(cache.docs)
        env, shared = environment(), shared_context(model)
        shared |= {
            "findable_of": search.findable,
            "hidden_words": search.hidden_words,
            "search_parts": parts.merged,
        }

        def render(batch: list) -> list:
            return [
                incremental_.store(cache.docs, p.path, render_page(env, p, shared)) for p in batch
            ]

        with collector_paused():
            for written in in_parallel(render, site_pages, RENDER_PARALLEL_FROM):
                writer.record(*written)
        writer.copy_tree(TEMPLATES / "assets", "assets")
        exports.write_exports(model, writer.write, config.site_url)
        stale = writer.remove_stale()
        (staging / "mkdocs.yml").write_text(_mkdocs_yml(env, config, cache.docs), "utf-8")

        stage("mkdocs", "mkdocs 构建")
        if clone:
            clone.finish([output_of(d) for d in stale])
        with incremental_.fresh_inodes():
            _mkdocs_build(staging / "mkdocs.yml", site, _build_epoch(today), dirty=reuse)
        build_id = _digest([json.dumps(state, sort_keys=True), writer.digest()])
        marker = site / output.MARKER
        marker.unlink(missing_ok=True)
        marker.write_text(build_id + "\n", "utf-8")

        stage("search", "建立搜索索引")
        published = incremental_.inodes(out) if reuse else {}
        only = None
        if reuse:
            rebuilt = incremental_.new_files(incremental_.inodes(site), published)
            only = parts.touched_by(rebuilt) | parts.differing_from(cache.parts())
            only |= {n for n in parts.names if not (site / search.INDEX / n).is_dir()}
        search.index(site, parts, only, staging / "search-parts")

        stage("verify", "核查：隐私、链接、外部请求")
        tree = incremental_.inodes(site)
        changed = incremental_.new_files(tree, published) if reuse else None
        with collector_paused():
            problems, links = _verify(
                site,
                set(tree),
                private,
                config.site_url,
                changed,
                cache.links() if reuse else {},
                full_privacy=not privacy_known,
            )
        if problems:
            raise BuildError(
                "网站核查未通过，没有发布（原有网站保持不变）：\n  " + "\n  ".join(problems[:50])
            )

        if keep_docs is not None:  # the benchmark builds its baseline from the same Markdown
            shutil.rmtree(keep_docs, ignore_errors=True)
            shutil.copytree(cache.docs, keep_docs)
        stage("swap", "替换网站")
        output.swap(site, out)
        cache.save({**state, "private": private_digest}, build_id, links, parts.part_of)
        stage.done()
        return BuildResult(
            out,
            len(site_pages),
            len(tree),
            time.perf_counter() - started,
            findings,
            stage.timings,
            incremental=reuse,
        )
    finally:
        if clone:
            clone.abandon()
        shutil.rmtree(staging, ignore_errors=True)


# what a build must not drop without being told: a lost cycle, notice or sanction would make a
# published notice vanish or a revoked award look valid again
GUARDED_SECTIONS = ("cycles", "notices", "sanctions")


def _refuse_shrink(out: Path, new_pages: set[str]) -> None:
    lost = sorted(output.published_pages(out, GUARDED_SECTIONS) - new_pages)
    if lost:
        names = "\n  ".join(p.removesuffix("/index.html") for p in lost[:20])
        more = f"\n  ……等共 {len(lost)} 页" if len(lost) > 20 else ""
        raise ShrinkRefused(
            f"新网站将不再包含已发布的 {len(lost)} 个页面（记录被删除，或 --content 指错了目录？）："
            f"\n  {names}{more}\n没有发布任何内容。确需删除这些页面，请加 --allow-shrink"
        )


RENDER_PARALLEL_FROM = 2000  # pages; below this, starting worker processes costs more than it saves


def _digest(values: list[str]) -> str:
    return hashlib.sha256("\n".join(values).encode()).hexdigest()


def _verify(
    site: Path,
    files: set[str],
    private,
    site_url: str | None,
    changed: list[str] | None,
    links: dict,
    full_privacy: bool,
) -> tuple[list[str], dict]:
    """The privacy scan and the link scan, side by side on the machine's two cores. After an
    incremental build only new files are read: the rest is the published site, verified before
    (all of it again when the set of private values changed)."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        only = None if full_privacy or changed is None else [site / rel for rel in changed]
        privacy = pool.submit(verify.scan_private, site, private, only)
        if changed is None:
            links = verify.parse_pages(site)
            css = None
        else:
            links = {rel: page for rel, page in links.items() if rel in files}
            links.update(
                verify.parse_pages(site, [site / r for r in changed if r.endswith(".html")])
            )
            css = [site / rel for rel in changed if rel.endswith(".css")]
        problems = verify.scan_links(site, site_url, links, css, files)
        return privacy.result() + problems, links


def _mkdocs_yml(env, config: SiteConfig, docs: Path) -> str:
    footer = {
        "sponsor": config.sponsor,
        "contact": config.contact,
        "site_code": config.site_code,
        "icp": config.icp,
        "police_record": config.police_record,
    }
    return env.get_template("mkdocs.yml.j2").render(
        config=config,
        nav=NAV,
        footer=footer,
        docs_dir=str(docs),
        custom_dir=str(TEMPLATES / "overrides"),
    )


def _build_epoch(today: date) -> str:
    """The sitemap's dates come from the build day, an input of the build like the records."""
    return str(int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()))


def _mkdocs_build(config_file: Path, site: Path, epoch: str, dirty: bool = False) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        mkdocs_config = load_config(str(config_file), site_dir=str(site))
        mkdocs_build(mkdocs_config, dirty=dirty)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs 构建失败：{exc}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
