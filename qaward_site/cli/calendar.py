"""`qaward calendar import|show`: the holiday notices into the working-day calendar."""

from __future__ import annotations

import json
import re
from datetime import date as date_
from pathlib import Path

import click

from qaward_site.cli.common import CONTENT_OPTION, _read_text
from qaward_site.errors import CalendarGap
from qaward_site.formats import one_line
from qaward_site.records.config import load_config
from qaward_site.vocabulary import LAYER_NAMES


@click.group("calendar")
def calendar_group() -> None:
    """工作日日历：导入放假通知，查看某年的安排。"""


def _layer_code(ctx, param, value: str) -> str:
    """A layer's name becomes a file name and a YAML value: a code, nothing else."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", value or ""):
        raise click.BadParameter(
            f"日历层的名称只能是小写字母、数字和下划线（如 national、xinjiang），不能是 {value!r}"
        )
    return value


LAYER_OPTION = click.option(
    "--layer",
    default="national",
    show_default=True,
    callback=_layer_code,
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
    from qaward_site.calendar.importer import NoticeError, read_notice
    from qaward_site.records.yamlsource import dump_record

    year = None
    for path in notices:
        text = _read_text(path)
        try:
            year = read_notice(text, layer, year)
        except NoticeError as exc:
            raise click.ClickException(f"{path}: {exc}：没有写入任何文件") from None
    try:
        year.check_outside(lambda y: _arrangement(out_dir, layer, y))
    except NoticeError as exc:
        raise click.ClickException(f"{exc}：没有写入任何文件") from None
    click.echo(year.table())
    target = out_dir / f"{layer}-{year.year}.yml"
    if target.exists() and not force:
        raise click.ClickException(f"{target} 已存在：核对无误后加 --force 覆盖")
    target.parent.mkdir(parents=True, exist_ok=True)
    names = one_line("、".join(p.name for p in notices))
    header = f"# 由 qaward calendar import 从 {names} 生成：请与通知原文核对上表后再提交\n"
    target.write_text(header + dump_record(year.record()), "utf-8")
    click.echo(f"已写入 {target}")


def _arrangement(out_dir: Path, layer: str, year: int):
    """A layer's arrangement of another year as the project has it: its imported file, or for
    the national layer the calendar package; None where it has none."""
    import yaml

    from qaward_site.calendar.workdays import NATIONAL, Layer, YearArrangement

    path = out_dir / f"{layer}-{year}.yml"
    if path.is_file():
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        days = {
            key: frozenset(date_.fromisoformat(str(d)) for d in data.get(key) or ())
            for key in ("holidays", "workdays")
        }
        return YearArrangement(days["holidays"], days["workdays"])
    national = Layer(NATIONAL)
    return national.arrangement(year) if layer == NATIONAL and national.covers(year) else None


@calendar_group.command("show")
@click.argument("year", type=click.IntRange(1900, 2200))
@LAYER_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@CONTENT_OPTION
def calendar_show(year: int, layer: str, fmt: str, content_dir: Path) -> None:
    """某一年某日历层的安排：工作日放假的日子，调休上班的周末。"""
    from qaward_site.records import content as content_module
    from qaward_site.records.calendars import Calendars

    config = load_config(Path.cwd())
    content = content_module.load(content_dir) if content_dir.is_dir() else None
    calendars = Calendars.load(content, config)
    found = calendars.layers.get(layer)
    known = sorted(set(LAYER_NAMES) | set(calendars.layers))
    if found is None and layer not in LAYER_NAMES:
        raise click.ClickException(f"没有日历层 {layer}（已知：{', '.join(known)}）")
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
