"""`qaward check`, `qaward rules` and `qaward import-ordinance`: the records and the ordinances
as the check reads them."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from qaward_site.cli.common import CONTENT_OPTION, _read_text
from qaward_site.findings import sort_findings, summary, to_json
from qaward_site.records import ordinance_text
from qaward_site.records.config import load_config
from qaward_site.rules.check import check


@click.command("check")
@CONTENT_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--out",
    "site_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="已发布的网站目录：已发布的内容改动了的，检查是否写了更正（默认：内容目录旁的 site）",
)
def check_command(content_dir: Path, fmt: str, site_dir: Path) -> None:
    """按各自的办法逐条检查记录。退出码：0 无错误，1 有错误，2 无法读取。"""
    from datetime import date

    from qaward_site.records.calendars import Calendars
    from qaward_site.rules.published import review
    from qaward_site.site.incremental import Cache
    from qaward_site.site.output import published_ledger
    from qaward_site.site.urls import PUBLISHED

    config = load_config(Path.cwd())
    # the project's own site, beside its content: another folder's site/ in the working
    # directory is not what these records published
    named = site_dir is not None
    site_dir = site_dir if named else content_dir.parent / "site"
    # the records the last check or build of that site parsed, where their files are unchanged
    # (no cache made for content that is not there: check says so; none where the cache folder
    # cannot be made: the check runs without one, as it did before it kept one)
    memo = None
    if content_dir.is_dir():
        with contextlib.suppress(OSError):
            memo = Cache.of_output(site_dir.resolve()).records_memo()
    content, findings = check(content_dir, config, memo=memo)
    previous = published_ledger(site_dir)
    if named and previous is None:  # a mistyped --out must not pass for "nothing published"
        click.echo(
            f"注意：{site_dir} 不是已发布的网站目录（没有 {PUBLISHED}），没有与已发布的内容比较；"
            "请检查 --out",
            err=True,
        )
    if previous is not None:  # a first build is free: nothing to compare with
        changed = review(
            previous,
            content,
            Calendars.load(content, config),
            date.today(),
            str(site_dir / PUBLISHED),
        )[1]
        findings = sort_findings(findings + changed)
    if fmt == "json":
        click.echo(to_json(findings))
    else:
        for finding in findings:
            click.echo(finding.as_text())
        click.echo(summary(findings), err=True)
    sys.exit(1 if any(f.is_error for f in findings) else 0)


@click.command("rules")
@click.option("--ordinance", help="只列出这部办法（如 yining-2025）")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@CONTENT_OPTION
def rules_command(ordinance: str | None, fmt: str, content_dir: Path) -> None:
    """列出每部办法的每条规则：条款、数字、是否适用。"""
    from qaward_site.records import content as content_module
    from qaward_site.rules.books import rulebooks
    from qaward_site.rules.table import rule_table

    content = content_module.load(content_dir)
    books = rulebooks(content)
    if ordinance and ordinance not in books:
        raise click.BadParameter(
            f"没有办法 {ordinance} 的可用规则文件（有：{', '.join(sorted(books))}）",
            param_hint="--ordinance",
        )
    rows = rule_table(content, ordinance)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    current = None
    for row in rows:
        if row["ordinance"] != current:
            current = row["ordinance"]
            click.echo(f"\n{current}")
        state = {"stated": "适用", "silent": "不适用", "unknown": "待核对"}[row["state"]]
        if row["applies"] and not row["checked"]:
            state = "适用（记录无从检查）"
        article = f"[{row['article']}] " if row["article"] else ""
        click.echo(f"  {row['rule']:<24} {state}  {article}{row['summary']}")


@click.command("import-ordinance")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入的 Markdown 文件（默认打印到标准输出）",
)
def import_ordinance(source: Path, output: Path | None) -> None:
    """把从 PDF 提取的办法文本整理为带章、条、款、项结构的 Markdown。"""
    text = _read_text(source)
    try:
        parsed = ordinance_text.import_text(text)
    except ValueError as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    markdown = ordinance_text.render(parsed)
    if output is None:
        click.echo(markdown, nl=False)
    else:
        output.write_text(markdown, "utf-8")
        click.echo(f"{output}: {len(parsed.articles)} 条", err=True)
