"""The few errors that stop a command; everything about the records themselves is a Finding.

Modelled on mkdocs' exceptions: click's exception types carry the exit code and the message, so
the CLI never prints a traceback for a failure it understands.
"""

import click


class QawardError(click.ClickException):
    """A failure the user can act on; printed without a traceback."""

    exit_code = 1


class ContentUnreadable(QawardError):
    """The content folder as a whole cannot be read (missing, not a folder, no permission)."""

    exit_code = 2


class ConfigError(QawardError):
    """site_config.yml is invalid; the message lists every problem at once."""

    exit_code = 2


class BuildError(QawardError):
    """The site could not be built; the previous site is left untouched."""


class CalendarGap(Exception):
    """A date lies in a year whose holiday arrangement is not known; never guess one."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year

    def __str__(self) -> str:
        return (
            f"{self.year}年的节假日与调休安排未知（chinesecalendar 未收录，"
            f"site_config.yml 的 calendar 也未提供），无法计算工作日"
        )
