"""`qaward build` and `qaward serve`: the public site."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from qaward_site.cli.common import CONTENT_OPTION, DATE, _build_day
from qaward_site.records.config import load_config


@click.command("build")
@CONTENT_OPTION
@click.option(
    "--out",
    "out_dir",
    default="site",
    show_default=True,
    type=click.Path(path_type=Path),  # what it may be is build's to say (site/output.py)
    help="网站输出目录",
)
@click.option(
    "--today",
    type=DATE,
    help="以这一天为“今天”生成（默认：今天）；同样的记录和日期生成同样的文件",
)
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="允许新网站不再包含已发布的届次、公示或撤销页面（默认拒绝，以防内容目录写错或未挂载）",
)
def build_command(content_dir: Path, out_dir: Path, today, allow_shrink: bool) -> None:
    """检查记录，通过后生成公示网站（失败时原有网站保持不变）。"""
    from datetime import date

    from qaward_site.site.build import CheckFailed, build

    config = load_config(Path.cwd())
    tty = sys.stdout.isatty()
    day = _build_day(today.date() if today else date.today())
    # a `kill` ends the build as Ctrl-C does: its staging folder is removed on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    def report(stage: str) -> None:
        click.echo(click.style(f"» {stage}", bold=True) if tty else f"» {stage}")

    try:
        result = build(content_dir, out_dir, config, day, report, allow_shrink=allow_shrink)
    except CheckFailed as failed:
        for finding in failed.findings:
            click.echo(finding.as_text(), err=True)
        raise
    warnings = sum(not f.is_error for f in result.findings)
    click.echo(
        f"完成：{result.pages} 页，{result.files} 个文件，用时 {result.seconds:.1f} 秒"
        + (f"，{warnings} 个警告" if warnings else "")
        + f"。网站在 {result.out}"
    )


@click.command("serve")
@CONTENT_OPTION
@click.option("--port", default=8000, show_default=True, help="本机端口（只监听 127.0.0.1）")
def serve_command(content_dir: Path, port: int) -> None:
    """本地预览网站：记录或模板修改后自动重新生成。"""
    from qaward_site.site.serve import serve

    serve(content_dir, Path.cwd(), port, click.echo)
