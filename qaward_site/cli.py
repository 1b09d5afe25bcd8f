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
    from qaward_site.rules.ordinances import rulebooks
    from qaward_site.rules.table import rule_table

    if ordinance and ordinance not in rulebooks():
        raise click.BadParameter(
            f"没有办法 {ordinance} 的规则模块（有：{', '.join(sorted(rulebooks()))}）",
            param_hint="--ordinance",
        )
    content = content_module.load(content_dir) if content_dir.is_dir() else None
    rows = rule_table(content, ordinance)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    current = None
    for row in rows:
        if row["ordinance"] != current:
            current = row["ordinance"]
            click.echo(f"\n{current}")
        state = "适用" if row["applies"] else "不适用"
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
@CONTENT_OPTION
def new_notice(cycle_id: str, stage: str, start, content_dir: Path) -> None:
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
        )
    except CalendarGap as gap:
        raise click.ClickException(str(gap)) from None
    if path.exists():
        raise click.ClickException(f"{path} 已存在")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    click.echo(f"已写入 {path}")
    click.echo(text)


@main.command("agenda")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="以这一天为“今天”（默认：今天）")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
    help="ics：导入办公室的日历",
)
@CONTENT_OPTION
def agenda_command(today, fmt: str, content_dir: Path) -> None:
    """办公室待办：进行中的公示、待处理的异议、可作出的决定、将到期的禁止期和有效期、缺少的日历年份。"""
    from datetime import date

    from qaward_site.agenda import agenda, to_ics
    from qaward_site.calendars import Calendars
    from qaward_site.site.model import gather

    config = load_config(Path.cwd())
    day = _build_day(today.date() if today else date.today())
    content, findings = check(content_dir, config, day)
    errors = [f for f in findings if f.is_error]
    if errors:
        for finding in errors:
            click.echo(finding.as_text(), err=True)
        raise QawardError(f"记录有 {len(errors)} 个错误：先改正（qaward check）再看待办")
    items = agenda(gather(content, config, day), Calendars.load(content, config), day)
    if fmt == "json":
        click.echo(json.dumps([i.as_dict() for i in items], ensure_ascii=False, indent=2))
    elif fmt == "ics":
        click.echo(to_ics(items, day), nl=False)
    else:
        for item in items:
            click.echo(item.as_text())
        click.echo(f"共 {len(items)} 项（{day.isoformat()}）", err=True)


@main.group("calendar")
def calendar_group() -> None:
    """工作日日历：导入放假通知，查看某年的安排。"""


LAYER_OPTION = click.option(
    "--layer",
    default="national",
    show_default=True,
    help="日历层：national（国务院办公厅通知）或地方层，如 xinjiang（肉孜节、古尔邦节）",
)


@calendar_group.command("import")
@click.argument(
    "notices", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@LAYER_OPTION
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="content/calendar",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="写入的目录",
)
@click.option("--force", is_flag=True, help="覆盖已有的同一年文件")
def calendar_import(notices: tuple[Path, ...], layer: str, out_dir: Path, force: bool) -> None:
    """读入一份放假通知（及其后调整这一年的通知），写成该日历层当年的文件。"""
    from qaward_site.calendar_import import NoticeError, read_notice
    from qaward_site.yamlsource import dump_record

    year = None
    for path in notices:
        text = _read_text(path)
        try:
            year = read_notice(text, layer, year)
        except NoticeError as exc:
            raise click.ClickException(f"{path}: {exc}：没有写入任何文件") from None
    click.echo(year.table())
    target = out_dir / f"{layer}-{year.year}.yml"
    if target.exists() and not force:
        raise click.ClickException(f"{target} 已存在：核对无误后加 --force 覆盖")
    target.parent.mkdir(parents=True, exist_ok=True)
    names = "、".join(p.name for p in notices)
    header = f"# 由 qaward calendar import 从 {names} 生成：请与通知原文核对上表后再提交\n"
    target.write_text(header + dump_record(year.record()), "utf-8")
    click.echo(f"已写入 {target}")


@calendar_group.command("show")
@click.argument("year", type=click.IntRange(1900, 2200))
@LAYER_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@CONTENT_OPTION
def calendar_show(year: int, layer: str, fmt: str, content_dir: Path) -> None:
    """某一年某日历层的安排：工作日放假的日子，调休上班的周末。"""
    from qaward_site import content as content_module
    from qaward_site.calendars import Calendars

    config = load_config(Path.cwd())
    content = content_module.load(content_dir) if content_dir.is_dir() else None
    found = Calendars.load(content, config).layers.get(layer)
    try:
        if found is None:
            raise CalendarGap(year, layer)
        arrangement = found.arrangement(year)
    except CalendarGap as gap:
        raise click.ClickException(str(gap)) from None
    data = {
        "year": year,
        "layer": layer,
        "holidays": sorted(d.isoformat() for d in arrangement.holidays),
        "workdays": sorted(d.isoformat() for d in arrangement.workdays),
        "source": arrangement.source,
    }
    if arrangement.example:
        data["example"] = True
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{year}年 {layer}：{arrangement.source}" + ("（示例数据）" if arrangement.example else "")
    )
    click.echo("工作日放假：" + ("、".join(data["holidays"]) or "无"))
    click.echo("周末上班：" + ("、".join(data["workdays"]) or "无"))


def _read_text(source: Path) -> str:
    """A text file as an office has it: UTF-8 or GBK, at most a few MB, a regular file."""
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
