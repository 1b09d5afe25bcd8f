"""The `qaward` command."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from qaward_site import ordinance_text
from qaward_site.check import check
from qaward_site.config import load_config
from qaward_site.errors import CalendarGap, QawardError
from qaward_site.findings import summary, to_json

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    default="content",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="记录所在的目录",
)


class _Commands(click.Group):
    """A failure nobody foresaw is still a message, not a traceback (QAWARD_DEBUG=1 shows it);
    builds publish only at their last step, so nothing half-done is left either way."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("QAWARD_DEBUG"):
                raise
            if isinstance(exc, OSError) and exc.strerror:
                detail = f"{exc.filename or ''} {exc.strerror}".strip()
            else:
                detail = f"{type(exc).__name__}: {exc}"
            raise QawardError(
                f"意外错误（{detail}）：没有发布任何内容。设置 QAWARD_DEBUG=1 再运行可看到详细信息"
            ) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command("build")
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
    type=click.DateTime(["%Y-%m-%d"]),
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


EARLIEST_DAY, LATEST_DAY = "2000-01-01", "2099-12-31"


def _build_day(day):
    """A build day far from now is a typo, not a wish: statuses and day counts would be
    computed for it."""
    if not EARLIEST_DAY <= day.isoformat() <= LATEST_DAY:
        raise click.BadParameter(
            f"{day.isoformat()} 不在 {EARLIEST_DAY} 至 {LATEST_DAY} 之间", param_hint="--today"
        )
    return day


@main.command("serve")
@CONTENT_OPTION
@click.option("--port", default=8000, show_default=True, help="本机端口（只监听 127.0.0.1）")
def serve_command(content_dir: Path, port: int) -> None:
    """本地预览网站：记录或模板修改后自动重新生成。"""
    from qaward_site.site.serve import serve

    serve(content_dir, Path.cwd(), port, click.echo)


@main.command("rules")
@click.option("--ordinance", help="只列出这部办法（如 yining-2025）")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@CONTENT_OPTION
def rules_command(ordinance: str | None, fmt: str, content_dir: Path) -> None:
    """列出每部办法的每条规则：条款、数字、是否适用。"""
    from qaward_site import content as content_module
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


@main.group("new")
def new_group() -> None:
    """为办公室起草记录。"""


@new_group.command("notice")
@click.option("--cycle", "cycle_id", required=True, help="评选届次，如 xinjiang-2026")
@click.option(
    "--stage",
    required=True,
    type=click.Choice(["recommendation_publicity", "acceptance_publicity", "proposal_publicity"]),
)
@click.option(
    "--start", type=click.DateTime(["%Y-%m-%d"]), help="公示开始日（默认：最早可开始的工作日）"
)
@click.option(
    "--days",
    type=click.IntRange(1, 60),
    help="公示几个工作日：只用于办法的公示期待核对时（草稿注明不是取自办法）",
)
@CONTENT_OPTION
def new_notice(cycle_id: str, stage: str, start, days: int | None, content_dir: Path) -> None:
    """写一份公示记录：列出已到这一环节的申报者，按办法算出最早的结束日。"""
    from datetime import date

    from qaward_site import content as content_module
    from qaward_site.calendars import Calendars
    from qaward_site.clerk import draft_notice

    config = load_config(Path.cwd())
    content = content_module.load(content_dir)
    try:
        path, text = draft_notice(
            content,
            cycle_id,
            stage,
            start.date() if start else None,
            Calendars.load(content, config),
            date.today(),
            days,
        )
    except CalendarGap as gap:
        raise click.ClickException(str(gap)) from None
    _write_draft(path, text, content_dir)


def _write_draft(path: Path, text: str, content_dir: Path) -> None:
    """A draft goes where its kind of record lives; an existing file is never replaced."""
    from qaward_site.editor import record_text

    if path.exists() or path.is_symlink():
        raise click.ClickException(f"{path} 已存在")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = record_text(path, text, content_dir)
    path.write_text(text, "utf-8")
    click.echo(f"已写入 {path}")
    click.echo(text)


def _read_text(source: Path) -> str:
    """A text file as an office has it: UTF-8 or GBK, at most a few MB, a regular file."""
    if not source.exists():
        raise click.ClickException(f"{source}: 文件不存在")
    if not source.is_file():
        raise click.ClickException(f"{source}: 不是普通文件")
    with source.open("rb") as f:
        raw = f.read(MAX_SOURCE_BYTES + 1)
    if len(raw) > MAX_SOURCE_BYTES:
        raise click.ClickException(f"{source}: 超过 {MAX_SOURCE_BYTES // 1024 // 1024} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise click.ClickException(f"{source}: 既不是 UTF-8 也不是 GBK 编码") from None


MAX_SOURCE_BYTES = 4 * 1024 * 1024  # an ordinance's text runs to some 30 KB


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


# the office's desk: drafts, agenda, calendar (registered on import)
from qaward_site import cli_desk  # noqa: E402, F401
