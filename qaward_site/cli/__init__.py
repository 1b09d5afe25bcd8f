"""The `qaward` command: the click group and one module per command family, each registered
here with add_command; no family imports this module back.

- `check`: check, rules, import-ordinance; `site`: build, serve;
- `desk`: new …, record stage, import/export applicants, agenda, schema;
- `calendar`: calendar import/show; `common`: the options and helpers the families share.
"""

from __future__ import annotations

import os

import click

from qaward_site.cli import calendar, check, desk, site
from qaward_site.errors import QawardError


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
