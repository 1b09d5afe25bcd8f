"""What the command families share: the --content option, dates as typed, reading an office's
text file, writing a draft beside its kind of record."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import click

from qaward_site.errors import CalendarGap
from qaward_site.records import content as content_module
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import load_config
from qaward_site.vocabulary import STAGE_NAMES

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    default="content",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="记录所在的目录",
)


class ChineseDate(click.ParamType):
    """A date as a clerk types it: 2025-03-03, 2025/3/3, 2025.3.3 or 2025年3月3日; anything else
    refused in Chinese, with the forms accepted. Gives a datetime, as click.DateTime did."""

    name = "日期"
    FORMS = re.compile(
        r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$"
    )

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            return value
        found = self.FORMS.match(str(value))
        if found:
            try:
                return datetime(*(int(g) for g in found.groups()))
            except ValueError:
                self.fail(f"{value} 不是存在的日期", param, ctx)
        self.fail(
            f"看不懂日期 {value}：请写成 2025-03-03、2025/3/3、2025.3.3 或 2025年3月3日", param, ctx
        )


DATE = ChineseDate()


class Coded(click.ParamType):
    """A code (eligibility_review) or its Chinese name (资格审查), as the vocabulary pairs them;
    anything else refused in Chinese, listing both."""

    def __init__(self, codes, names: dict[str, str], what: str):
        self.codes, self.names, self.name = tuple(codes), names, what

    def convert(self, value, param, ctx):
        if value in self.codes:
            return value
        by_name = {self.names[c]: c for c in self.codes if c in self.names}
        if value in by_name:
            return by_name[value]
        listed = "、".join(f"{self.names.get(c, c)}（{c}）" for c in self.codes)
        self.fail(f"没有这个{self.name}：{value}。可用：{listed}", param, ctx)


def StageName(codes) -> Coded:  # noqa: N802  (reads as a type where options name it)
    return Coded(codes, STAGE_NAMES, "环节")


EARLIEST_DAY, LATEST_DAY = "2000-01-01", "2099-12-31"


def _build_day(day):
    """A build day far from now is a typo, not a wish: statuses and day counts would be
    computed for it."""
    if not EARLIEST_DAY <= day.isoformat() <= LATEST_DAY:
        raise click.BadParameter(
            f"{day.isoformat()} 不在 {EARLIEST_DAY} 至 {LATEST_DAY} 之间", param_hint="--today"
        )
    return day


def _write_draft(path: Path, text: str, content_dir: Path) -> None:
    """A draft goes where its kind of record lives; an existing file is never replaced."""
    from qaward_site.desk.editor import record_text

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


def _drafting(content_dir: Path):
    """The content and the programmes' calendars, for a draft."""
    content = content_module.load(content_dir)
    return content, Calendars.load(content, load_config(Path.cwd()))


def _written(make, content_dir: Path) -> None:
    try:
        draft = make()
    except CalendarGap as gap:
        raise click.ClickException(str(gap)) from None
    _write_draft(draft.path, draft.text, content_dir)
