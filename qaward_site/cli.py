"""The `qaward` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qaward_site import ordinance_text
from qaward_site.check import check
from qaward_site.config import load_config
from qaward_site.findings import summary, to_json

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    default="content",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="记录所在的目录",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qaward-site")
def main() -> None:
    """政府质量奖：检查案卷记录，发布公示网站。"""


@main.command("check")
@CONTENT_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def check_command(content_dir: Path, fmt: str) -> None:
    """按各自的办法逐条检查记录。退出码：0 无错误，1 有错误，2 无法读取。"""
    config = load_config(Path.cwd())
    _content, findings = check(content_dir, config)
    if fmt == "json":
        click.echo(to_json(findings))
    else:
        for finding in findings:
            click.echo(finding.as_text())
        click.echo(summary(findings), err=True)
    sys.exit(1 if any(f.is_error for f in findings) else 0)


@main.command("import-ordinance")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入的 Markdown 文件（默认打印到标准输出）",
)
def import_ordinance(source: Path, output: Path | None) -> None:
    """把从 PDF 提取的办法文本整理为带章、条、款、项结构的 Markdown。"""
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise click.ClickException(f"{source}: 既不是 UTF-8 也不是 GBK 编码") from None
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
