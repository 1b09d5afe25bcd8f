"""Benchmark: synthesise N applicant records across the five programmes and measure every stage.

    python -m qaward_site.dev.bench --applicants 5000          # N and 2N, with the growth ratio
    python -m qaward_site.dev.bench --applicants 10000 --repeat 3   # medians of three runs each
    python -m qaward_site.dev.bench --applicants 50000 --check-only

Prints figures; it is not a test. Each size runs in a fresh process so peak memory is its own.
Stages: check (load + rules), pages (model + Markdown + exports), mkdocs, search (pagefind),
verify (privacy + links), swap; then a rebuild after changing one notice (incremental), what a
browser downloads before its first search result and how long after the last key press that
result appears (Chromium, if installed), and a plain mkdocs-material build of the same Markdown
with default settings — the baseline a user would otherwise have.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from qaward_site.dev import synth
from qaward_site.site import nginx, search

DEMO = Path(__file__).resolve().parents[2] / "content"  # the checkout's demo content
TODAY = date(2026, 11, 22)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def content_for(applicants: int, workdir: Path, reuse: bool) -> tuple[Path, dict]:
    root = workdir / f"content-{applicants}"
    if reuse and (root / "counts.json").exists():
        return root, json.loads((root / "counts.json").read_text())
    counts = synth.write(root, applicants, DEMO)
    (root / "counts.json").write_text(json.dumps(counts))
    return root, counts


def measure_check(applicants: int, workdir: Path, reuse: bool) -> dict:
    from qaward_site.records.config import SiteConfig
    from qaward_site.records.content import Memo, record_files
    from qaward_site.rules.check import check

    root, counts = content_for(applicants, workdir, reuse)
    # The files are read once first, timed apart: this machine's page cache is reclaimed within
    # minutes, and reading 50,000 small files from its disk takes some 6 s whatever reads them
    # (threads and readahead measured no faster). check_s is then the tool's own time.
    started = time.perf_counter()
    for path in record_files(root):
        path.read_bytes()
    read = time.perf_counter() - started
    started = time.perf_counter()
    _, findings = check(root, SiteConfig(), TODAY)
    first = time.perf_counter() - started
    peak = peak_mb()
    # `qaward check` again, as a clerk runs it after an edit: the records it parsed are kept
    # (where the build keeps them) and only changed files are read again
    memo = Memo(workdir / "records", "bench")  # a folder: a file for each folder of records
    if memo.path.is_dir() and not memo.path.is_symlink():  # an earlier run's
        shutil.rmtree(memo.path)
    check(root, SiteConfig(), TODAY, memo)
    started = time.perf_counter()
    check(root, SiteConfig(), TODAY, memo)
    return {
        "applicants": counts["applicant"],
        "records": sum(counts.values()),
        "read_files_s": read,
        "check_s": first,
        "check_again_s": time.perf_counter() - started,
        "errors": sum(f.is_error for f in findings),
        "peak_mb": peak,
    }


IMPORT_TARGET_S, IMPORT_TARGET_MB = 20.0, 300.0  # issue 26: 50,000 real rows


def measure_import(rows: int, workdir: Path) -> dict:
    """A 申报汇总表 of `rows` organisations (an .xlsx as offices keep them, every cell real)
    imported into a new cycle of the demo content: the time and the peak memory of the import."""
    from openpyxl import Workbook
    from stdnum.cn import uscc

    from qaward_site.desk.sheets import plan_import, write_import
    from qaward_site.records import content as content_module

    root = workdir / f"import-{rows}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(DEMO, root)
    cycle = root / "cycles/yining-2027/cycle.yml"
    cycle.parent.mkdir(parents=True)
    text = (DEMO / "cycles/yining-2026/cycle.yml").read_text("utf-8")
    cycle.write_text(
        text.replace("yining-2026", "yining-2027").replace("year: 2026", "year: 2027"), "utf-8"
    )
    book = Workbook(write_only=True)
    sheet = book.create_sheet("申报汇总表")
    sheet.append(["单位名称", "统一社会信用代码", "成立日期", "所属行业", "推荐单位"])
    for i in range(rows):
        body = f"9165400{i:010d}"
        sheet.append(
            [f"伊宁市第{i}号质量示范有限公司", body + uscc.calc_check_digit(body), "2012-05-01",
             "制造业", "伊宁市工业和信息化局"]
        )  # fmt: skip
    path = workdir / f"import-{rows}.xlsx"
    book.save(path)
    started = time.perf_counter()
    content = content_module.load(root)
    added, _updated = write_import(plan_import(content, "yining-2027", path), root)
    return {
        "rows": rows,
        "added": added,
        "sheet_mb": path.stat().st_size / 1e6,
        "import_s": time.perf_counter() - started,
        "peak_mb": peak_mb(),
    }


def import_figure(rows: int, workdir: Path | None) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        f = measure_import(rows, workdir or Path(tmp))
    return (
        f"import of {f['rows']} rows ({f['sheet_mb']:.1f} MB .xlsx, {f['added']} added): "
        f"{f['import_s']:.1f} s (target ≤ {IMPORT_TARGET_S:.0f} s), "
        f"peak {f['peak_mb']:.0f} MB (target ≤ {IMPORT_TARGET_MB:.0f} MB)"
    )


def measure_site(
    applicants: int, workdir: Path, reuse: bool, browser: bool, baseline_max: int
) -> dict:
    import yaml

    from qaward_site.records.config import SiteConfig
    from qaward_site.site.build import build
    from qaward_site.site.incremental import Cache

    root, counts = content_for(applicants, workdir, reuse)
    config = SiteConfig(site_url="https://zlj.example.gov.cn/")
    out, docs = workdir / f"site-{applicants}", workdir / f"docs-{applicants}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(Cache.of_output(out.resolve()).root, ignore_errors=True)
    result = build(root, out, config, TODAY)
    shutil.rmtree(docs, ignore_errors=True)  # the baseline is built from the same Markdown
    shutil.copytree(Cache.of_output(out.resolve()).docs, docs)
    figures = {
        "applicants": counts["applicant"],
        "records": sum(counts.values()),
        "pages": result.pages,
        "build_s": result.seconds,
        **{f"{k}_s": v for k, v in result.timings.items()},
        "site_mb": dir_mb(out),
        "search_index_mb": dir_mb(out / "pagefind"),
    }
    figures["peak_mb"] = peak_mb()
    figures["bare_mkdocs_s"] = bare_mkdocs(Cache.of_output(out.resolve()).mkdocs_yml, workdir)
    figures["ms_per_page_beyond_mkdocs"] = (
        (result.seconds - result.timings.get("mkdocs", 0)) / result.pages * 1000
    )

    # A notice's title corrected: its own pages, the lists and its cycle's page render again,
    # not the 1,672 organisations it lists (they name it by cycle and stage: pages.ListedNotice),
    # and the name index is made again (a title changed). Then a rebuild with nothing changed:
    # what any rebuild costs (every record, page and link looked at again).
    notice = next((root / "cycles").glob("xinjiang-*/notices/*acceptance*"))
    original = notice.read_text("utf-8")
    data = yaml.safe_load(original)
    data["title"] += "（更正）"
    data["corrections"] = [{"date": TODAY.isoformat(), "note": "更正标题"}]

    def rebuilt():
        notice.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return build(root, out, config, TODAY)

    try:
        again = rebuilt()
        unchanged = rebuilt()
        figures |= as_a_clerk_would(root, out, notice, data, config.site_url, workdir)
    finally:  # content reused by the next run is the content synthesised
        notice.write_text(original, "utf-8")
    figures["rebuild_one_notice_s"] = again.seconds
    figures["rebuild_pages_rendered"] = again.rendered  # the others kept their Markdown
    figures["rebuild_incremental"] = again.incremental
    figures |= {f"rebuild_{k}_s": v for k, v in again.timings.items()}
    figures["rebuild_nothing_changed_s"] = unchanged.seconds
    figures["rebuild_nothing_changed_pages_rendered"] = unchanged.rendered
    figures |= {f"rebuild_nothing_changed_{k}_s": v for k, v in unchanged.timings.items()}

    from qaward_site.site.browser import CHROMIUM

    if browser and Path(CHROMIUM).exists():
        figures |= search_in_browser(
            out,
            {
                "name": synth.a_name(applicants // 2),  # one organisation, by its full name
                "part": "精密机械",  # part of a name, shared by some 1 in 30 organisations
                "pinyin": "jingmi",
                "initials": "jmjx",
            },
            workdir / f"nginx-{applicants}",
        )
    if baseline_max > 0:
        figures |= baseline(docs, workdir / f"baseline-{applicants}", baseline_max)
    return figures


_NO_BYTECODE = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


def as_a_clerk_would(
    root: Path, out: Path, notice: Path, data: dict, site_url: str, workdir: Path
) -> dict:
    """The notice corrected once more and published as an office does, by `qaward build` in a
    process of its own: the rebuild above runs in the process that made the full build, its
    modules loaded; this one starts Python and loads them too (the wall time a clerk waits).
    From bytecode, as `pip install .` leaves the package (pip compiles it): a checkout run with
    PYTHONDONTWRITEBYTECODE set (this project's sandbox sets it) compiled every module of ours
    again in each process, 0.13-0.2 s no office's installed copy spends."""
    import yaml

    data = dict(data, title=data["title"] + "（再更正）")
    data["corrections"] = [*data["corrections"], {"date": TODAY.isoformat(), "note": "再次更正"}]
    notice.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    project = workdir / "clerk"
    project.mkdir(exist_ok=True)
    (project / "site_config.yml").write_text(f"site_url: {site_url}\n", "utf-8")
    command = [sys.executable, "-m", "qaward_site", "build", "--today", TODAY.isoformat()]
    command += ["--content", str(root.resolve()), "--out", str(out.resolve())]
    # beside the sources, as Python writes it (its dependencies' is in site-packages already: a
    # PYTHONPYCACHEPREFIX would have them compiled again in the run timed)
    env = {k: v for k, v in os.environ.items() if k not in _NO_BYTECODE}
    package = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    began = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"qaward build failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return {
        "rebuild_by_qaward_build_s": seconds,
        "rebuild_by_qaward_build_incremental": "（增量）" in done.stdout + done.stderr,
    }


def search_in_browser(site: Path, queries: dict[str, str], work: Path, browser=None) -> dict:
    """For each query, in a fresh browser, the site served by Debian's nginx with the shipped
    configuration (deploy/nginx.conf: text gzipped): the bytes nginx sent from opening the
    search page to the first result (headers and bodies; `_raw`: the files' own sizes) and the
    time from the last key press to that result. `header`: the name typed into the header's box
    of the home page, counted from Enter (the home page's own files already loaded). browser:
    a Chromium already started (the tests'), else one is."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        from qaward_site.site.browser import launch

        with sync_playwright() as p:
            chromium = launch(p)
            try:
                return search_in_browser(site, queries, work, chromium)
            finally:
                chromium.close()
    figures = {}
    done = "([q, key]) => document.getElementById('qa-search').dataset[key] === q"
    with nginx.serving(site, work) as served:
        for label, query in {**queries, "header": queries["name"]}.items():
            context = browser.new_context()
            page = context.new_page()
            if label == "header":
                page.goto(served.base)
                page.wait_for_load_state("networkidle")
                page.locator(".qa-header-search__input").fill(query)
                served.clear()
                pressed = time.perf_counter()
                page.locator(".qa-header-search__input").press("Enter")
                page.wait_for_url("**/search/?q=*")
            else:
                served.clear()
                page.goto(served.base + "search/")
                page.wait_for_selector(".qa-search-input")
                page.wait_for_load_state("networkidle")
                figures["search_page_kb"] = sum(n for _, n in served.sent()) / 1024
                figures["search_page_kb_raw"] = raw_size(site, served.sent()) / 1024
                box = page.locator(".qa-search-input")
                for char in query:
                    box.press_sequentially(char)
                pressed = time.perf_counter()
            page.wait_for_function(done, arg=[query, "shown"], timeout=60000)
            first = time.perf_counter() - pressed
            sent = served.sent()
            page.wait_for_function(done, arg=[query, "searched"], timeout=60000)
            every = time.perf_counter() - pressed
            top = page.locator(".qa-result-title").first.inner_text()
            figures |= {
                f"search_{label}_kb_before_first_result": sum(n for _, n in sent) / 1024,
                f"search_{label}_kb_raw_before_first_result": raw_size(site, sent) / 1024,
                f"search_{label}_requests_before_first_result": len(sent),
                f"search_{label}_pagefind_requests_before_first_result": sum(
                    f"/{search.INDEX}/" in path for path, _ in sent
                ),
                f"search_{label}_ms_after_last_key": first * 1000,
                f"search_{label}_ms_all_results": every * 1000,
            }
            if label in ("name", "header"):
                figures[f"search_{label}_first_result_is_it"] = top == query
            context.close()
    return figures


def raw_size(site: Path, sent: list[tuple[str, int]]) -> int:
    """What the same requests weigh uncompressed: the files' own sizes."""
    total = 0
    for path, size in sent:
        local = site / unquote(urlsplit(path).path).removeprefix(nginx.PREFIX)
        if local.is_dir():
            local = local / "index.html"
        total += local.stat().st_size if local.is_file() else size
    return total


def bare_mkdocs(mkdocs_yml: Path, workdir: Path) -> float:
    """Seconds of a bare `mkdocs build` of the project our build staged (its Markdown and
    mkdocs.yml, kept in the cache), as anyone would run it: the anchor of issue 28's ratio."""
    from qaward_site.site.mkdocs_build import build_epoch

    site = workdir / "bare-mkdocs"
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": build_epoch(TODAY), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mkdocs_yml)]
    started = time.perf_counter()
    subprocess.run([*command, "-d", str(site)], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    shutil.rmtree(site, ignore_errors=True)
    return seconds


def baseline(docs: Path, work: Path, most: int) -> dict:
    """mkdocs-material with default settings over the same Markdown: automatic navigation, the
    theme's own search. What an office would get without this project's choices. Its cost grows
    faster than the pages (notes/toolchain.md: 740 s and 9.5 GB at 5,000), so above `most` pages
    it is built from a sample: every page but the organisations', and as many of those as fit."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pages = sorted(p for p in docs.rglob("*.md"))
    if len(pages) > most:
        sample = work / "docs"
        others = [
            p for p in pages if not p.relative_to(docs).as_posix().startswith("organizations/")
        ]
        orgs = [p for p in pages if p not in set(others)]
        for path in others + orgs[: max(0, most - len(others))]:
            target = sample / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        shutil.copytree(docs / "assets", sample / "assets", dirs_exist_ok=True)
        docs = sample
    built = sum(1 for _ in docs.rglob("*.md"))
    (work / "mkdocs.yml").write_text(
        f"site_name: baseline\ndocs_dir: {json.dumps(str(docs))}\ntheme:\n  name: material\n"
        "  language: zh\n",
        "utf-8",
    )
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(work / "mkdocs.yml"),
            "-d",
            str(work / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=3600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - started
    index = work / "site" / "search" / "search_index.json"
    figures = {
        "baseline_pages": built,
        "baseline_build_s": seconds,
        "baseline_ms_per_page": seconds / built * 1000,
        "baseline_ok": result.returncode == 0,
        "baseline_site_mb": dir_mb(work / "site") if (work / "site").exists() else 0,
        "baseline_search_index_kb": index.stat().st_size / 1024 if index.exists() else 0,
        "baseline_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    shutil.rmtree(work, ignore_errors=True)
    return figures


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over the runs (the first run's value where it is not a number)."""
    out = dict(runs[0])
    for key, value in runs[0].items():
        values = [r[key] for r in runs if isinstance(r.get(key), float)]
        if isinstance(value, float) and values:
            out[key] = statistics.median(values)
    return out


def show(rows: list[dict]) -> None:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    for key in keys:
        cells = []
        for row in rows:
            value = row.get(key, "")
            cells.append(f"{value:>12.2f}" if isinstance(value, float) else f"{value!s:>12}")
        print(f"{key:>34}: " + " ".join(cells))
    if len(rows) == 2:
        print("growth (2N / N):")
        for key in keys:
            a, b = rows[0].get(key), rows[1].get(key)
            if (
                isinstance(a, float)
                and isinstance(b, float)
                and a > 0
                and (key.endswith("_s") or key.endswith("_mb"))
            ):
                print(f"{key:>34}: {b / a:12.2f}")


# issue 28's targets: (figure, how it is worked out from a row, the target, "≤")
TARGETS = [
    # the anchor is a bare `mkdocs build` of the very project we stage, in a process of its own
    # (not our mkdocs stage: that one is split over the cores; not the default mkdocs-material
    # baseline below: that one runs lunr's search over every page and would flatter us)
    (
        "full build ÷ bare mkdocs of the same project",
        lambda r: r["build_s"] / r["bare_mkdocs_s"] if r.get("bare_mkdocs_s") else None,
        1.0,
    ),
    ("one-notice rebuild s", lambda r: r.get("rebuild_one_notice_s"), 3.0),
    # the same, published by `qaward build` in a new process: what a clerk waits
    ("the same by qaward build, wall s", lambda r: r.get("rebuild_by_qaward_build_s"), 3.0),
    (
        "KB before the first search result",
        lambda r: max(
            (v for k, v in r.items() if k.endswith("_kb_before_first_result")), default=None
        ),
        250.0,
    ),
    (
        "ms from the last key to the first result",
        lambda r: max((v for k, v in r.items() if k.endswith("_ms_after_last_key")), default=None),
        300.0,
    ),
    ("peak MB", lambda r: r.get("peak_mb"), 600.0),
    # a --check-only run's; a build's own check stage is check_s too, and not this figure
    (
        "check s (at 50,000 records: --check-only)",
        lambda r: r["check_s"] if "check_again_s" in r else None,
        10.0,
    ),
]


def show_targets(rows: list[dict]) -> None:
    """Each target beside what this run measured, met or not; the growth exponent of time and
    memory between the two sizes (1.0: linear)."""
    print("targets (issue 28):")
    for name, figure, target in TARGETS:
        values = [figure(r) for r in rows]
        if all(v is None for v in values):
            continue
        cells = " ".join(f"{v:12.2f}" if v is not None else f"{'—':>12}" for v in values)
        met = all(v is None or v <= target for v in values)
        print(f"{name:>42}: {cells}   target ≤ {target:g}  {'met' if met else 'NOT MET'}")
    if len(rows) == 2 and rows[0].get("pages") and rows[1].get("pages"):
        size = math.log(rows[1]["pages"] / rows[0]["pages"])
        for key in ("build_s", "rebuild_one_notice_s", "peak_mb"):
            a, b = rows[0].get(key), rows[1].get(key)
            if isinstance(a, float) and isinstance(b, float) and a > 0 and b > 0:
                print(f"{'growth exponent of ' + key:>42}: {math.log(b / a) / size:12.2f}")


def rulebook_figure(runs: int = 21) -> str:
    """What reading and validating the rulebooks adds to a check: every book of the demo read
    against its rule classes (and its articles against the text), median of `runs`."""
    from qaward_site.records import content as content_module
    from qaward_site.rules import books
    from qaward_site.rules.registry import registered

    demo = Path(__file__).resolve().parents[2] / "content"
    content = content_module.load(demo)
    registered()  # the rule classes are imported once per process, by any check
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read = books.read(content)
        times.append(time.perf_counter() - start)
    median = sorted(times)[runs // 2] * 1000
    return (
        f"rulebooks: {len(read.books)} read in {median:.1f} ms (median of {runs}; target < 50 ms)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applicants", type=int, default=5000, help="N (2N is run too)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the synthesised content here (default: a temporary folder)",
    )
    parser.add_argument("--reuse", action="store_true", help="reuse content in --workdir")
    parser.add_argument("--check-only", action="store_true", help="measure the check alone")
    parser.add_argument("--once", action="store_true", help="N only, not 2N")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=2500,
        help="build the default mkdocs-material baseline from at most this many pages (0: none)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each size this many times, N and 2N alternating, and report the medians "
        "(this machine's noise moves a run by a tenth or more)",
    )
    parser.add_argument(
        "--rulebooks", action="store_true", help="time reading the demo's rulebooks, then stop"
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        help="time importing a 申报汇总表 of this many rows (e.g. 50000), then stop",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run, prints JSON
    return parser


def main() -> None:
    args = _parser().parse_args()
    if args.rulebooks:
        print(rulebook_figure())
        return
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if args.import_rows:
        print(import_figure(args.import_rows, args.workdir))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if args.one:
            if args.check_only:
                figures = measure_check(args.one, workdir, args.reuse)
            else:
                figures = measure_site(
                    args.one, workdir, args.reuse, not args.no_browser, args.baseline_max
                )
            print(json.dumps(figures))
            return
        sizes = [args.applicants] if args.once else [args.applicants, 2 * args.applicants]
        runs: dict[int, list[dict]] = {n: [] for n in sizes}
        for round_ in range(max(1, args.repeat)):
            for n in sizes:
                command = [
                    sys.executable,
                    "-m",
                    "qaward_site.dev.bench",
                    "--one",
                    str(n),
                    "--workdir",
                    str(workdir),
                    "--baseline-max",
                    str(args.baseline_max if round_ == 0 else 0),  # the baseline once
                ]
                command += ["--reuse"] * (args.reuse or round_ > 0)
                command += ["--check-only"] * args.check_only + ["--no-browser"] * args.no_browser
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:
                    sys.exit(f"benchmark at N={n} failed:\n{done.stderr[-3000:]}")
                runs[n].append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(f"N={n} run {round_ + 1} done", file=sys.stderr)
        rows = [median_of(runs[n]) for n in sizes]
        if args.repeat > 1:
            for n in sizes:
                times = ", ".join(f"{r.get('build_s', r.get('check_s', 0)):.1f}" for r in runs[n])
                print(f"N={n}: each run's {'check' if args.check_only else 'build'} s: {times}")
                # each target's figure run by run: a median of figures from different runs (a
                # ratio of two medians) says less than the runs themselves on a machine whose
                # speed moves by a fifth
                for name, figure, _ in TARGETS:
                    values = [figure(r) for r in runs[n]]
                    if all(v is not None for v in values):
                        each = ", ".join(f"{v:.2f}" for v in values)
                        print(f"N={n}: each run's {name}: {each}")
        show(rows)
        show_targets(rows)


if __name__ == "__main__":
    main()
