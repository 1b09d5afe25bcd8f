"""The `qaward` command: the click group and one module per command family, each registered
here with add_command; no family imports this module back.

- `check`: check, rules, import-ordinance; `site`: build, serve;
- `desk`: new …, record stage, import/export applicants, agenda, schema;
- `calendar`: calendar import/show; `common`: the options and helpers the families share.
"""

from __future__ import annotations

import os
import re
import sys

import click

from qaward_site.bulk import ctrl_c_pressed, noting_ctrl_c
from qaward_site.cli import calendar, check, desk, site
from qaward_site.errors import QawardError
from qaward_site.vocabulary import INTERRUPTED

# click's own words, as a clerk should read them
_CLICK_WORDS = [
    (re.compile(r"^Missing option '([^']+)'\.?"), r"缺少选项 \1"),
    (re.compile(r"^Missing argument '([^']+)'\.?"), r"缺少参数 \1"),
    (re.compile(r"^No such option: (\S+)"), r"没有选项 \1"),
    (re.compile(r"^No such option '([^']+)'\.?"), r"没有选项 \1"),  # click 8.2 on
    (re.compile(r"\(?Did you mean one of: ([^?]+)\?\)?"), r"（是不是其中之一：\1？）"),
    (re.compile(r"Did you mean (\S+)\?"), r"（是不是 \1？）"),
    (re.compile(r"\(Possible options: ([^)]*)\)"), r"（可能是：\1）"),
    (re.compile(r"^No such command '([^']+)'\.?"), r"没有命令 \1"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)"), r"多余的参数：\1"),
    (re.compile(r"^Option '([^']+)' requires an argument\.?"), r"选项 \1 需要一个值"),
    (re.compile(r"^Invalid value for '([^']+)': "), r"\1 的值不对："),
    (re.compile(r"^Invalid value for ([^:]+): "), r"\1 的值不对："),
    (re.compile(r"(?:File|Path|Directory) '([^']+)' does not exist\.?"), r"\1 不存在"),
    (re.compile(r"(?:File|Path) '([^']+)' is a directory\.?"), r"\1 是目录，不是文件"),
    (re.compile(r"'([^']*)' is not one of (.*)\."), r"\1 不是可用的值（可用：\2）"),
    (re.compile(r"'([^']*)' is not a valid integer(?: range)?\.?"), r"\1 不是整数"),
    (re.compile(r"(\S+) is not in the range (.*)\."), r"\1 不在 \2 之内"),
]


def chinese(message: str) -> str:
    for pattern, words in _CLICK_WORDS:
        message = pattern.sub(words, message)
    return message


def _interrupted():
    click.echo(INTERRUPTED, err=True)
    sys.exit(130)


class _Commands(click.Group):
    """A failure nobody foresaw is still a message, not a traceback (QAWARD_DEBUG=1 shows it);
    builds publish only at their last step, so nothing half-done is left either way. Every
    failure is said in Chinese (错误：…), with where to read the usage."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        noting_ctrl_c()
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _interrupted()
        except click.ClickException as exc:
            if ctrl_c_pressed():  # a worker's end, caused by the same Ctrl-C, was noticed first
                _interrupted()
            hint = ""
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                hint = f"\n用法：{exc.ctx.command_path} -h"
            click.echo(f"错误：{chinese(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)

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


@click.group("qaward", cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qaward-site")
def main() -> None:
    """政府质量奖：检查案卷记录，发布公示网站。"""


for command in (
    check.check_command,
    site.build_command,
    site.serve_command,
    check.rules_command,
    desk.new_group,
    check.import_ordinance,
    desk.agenda_command,
    calendar.calendar_group,
    desk.record_group,
    desk.import_group,
    desk.export_group,
    desk.schema_command,
):
    main.add_command(command)
