"""`qaward build`: checked records → a verified static site, swapped into place at the end.

    check → model → pages + exports (Markdown/data) → mkdocs build → search index → verify
    (privacy, links, no outside requests) → swap

Nothing is written to the output folder until every step has passed: a failed build leaves the
previous site as it was, byte for byte. The same records and the same build day give the same bytes.
"""

from __future__ import annotations

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

from qaward_site.check import check
from qaward_site.config import SiteConfig
from qaward_site.errors import BuildError
from qaward_site.findings import Finding
from qaward_site.site import exports, search, verify
from qaward_site.site.model import gather
from qaward_site.site.pages import NAV, pages, shared_context
from qaward_site.site.render import TEMPLATES, environment, render_page

Report = Callable[[str], None]


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    seconds: float
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


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
    progress=None,
) -> BuildResult:
    started = time.perf_counter()
    stage = _Stages(report)
    if not config.site_url:
        report("注意：site_config.yml 没有 site_url，sitemap.xml 将是空的")
    stage("check", "检查记录")
    content, findings = check(content_dir, config, today)
    if any(f.is_error for f in findings):
        raise CheckFailed(findings)

    stage("pages", "整理数据")
    model = gather(content, config, today)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        docs = staging / "docs"
        site_pages = pages(model)
        report(f"生成页面：{len(site_pages)} 页")
        env, shared = environment(), shared_context(model)
        shared["pinyin_of"] = search.pinyin_of
        for page in progress(site_pages) if progress else site_pages:
            path = docs / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_page(env, page, shared), "utf-8")
        shutil.copytree(TEMPLATES / "assets", docs / "assets")
        shutil.copytree(TEMPLATES / "overrides", staging / "overrides")
        exports.write_exports(model, docs, config.site_url)
        (staging / "mkdocs.yml").write_text(_mkdocs_yml(env, config), "utf-8")

        stage("mkdocs", "mkdocs 构建")
        site = staging / "site"
        _mkdocs_build(staging / "mkdocs.yml", site, _build_epoch(content_dir, today))

        stage("search", "建立搜索索引")
        search.index(site)

        stage("verify", "核查：隐私、链接、外部请求")
        problems = _verify(site, content, config.site_url)
        if problems:
            raise BuildError(
                "网站核查未通过，没有发布（原有网站保持不变）：\n  " + "\n  ".join(problems[:50])
            )

        files = sum(1 for p in site.rglob("*") if p.is_file())
        stage("swap", "替换网站")
        _swap(site, out)
        stage.done()
        return BuildResult(
            out, len(site_pages), files, time.perf_counter() - started, findings, stage.timings
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _verify(site: Path, content, site_url: str | None) -> list[str]:
    """The privacy scan and the link scan, side by side on the machine's two cores."""
    private = verify.private_values(content)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        privacy = pool.submit(verify.scan_private, site, private)
        problems = verify.scan_links(site, site_url)
        return privacy.result() + problems


def _mkdocs_yml(env, config: SiteConfig) -> str:
    footer = {
        "sponsor": config.sponsor,
        "contact": config.contact,
        "site_code": config.site_code,
        "icp": config.icp,
        "police_record": config.police_record,
    }
    return env.get_template("mkdocs.yml.j2").render(config=config, nav=NAV, footer=footer)


def _build_epoch(content_dir: Path, today: date) -> str:
    """The sitemap's dates come from the build day, an input of the build like the records."""
    return str(int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()))


def _mkdocs_build(config_file: Path, site: Path, epoch: str) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        mkdocs_config = load_config(str(config_file), site_dir=str(site))
        mkdocs_build(mkdocs_config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs 构建失败：{exc}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _swap(new: Path, out: Path) -> None:
    """Put the new site in place: two renames on one file system, never a half-written folder."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        os.replace(out, old)
    os.replace(new, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
