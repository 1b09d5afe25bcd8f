"""The few errors that stop a command; everything about the records themselves is a Finding.

Modelled on mkdocs' exceptions: click's exception types carry the exit code and the message, so
the CLI never prints a traceback for a failure it understands.
"""

import re

import click

# what must not reach a terminal raw: C0 and C1 controls but tab and newline (ESC sequences
# recolour, retitle or rewrite the screen), line separators, bidi overrides
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """text with every character that could act on a terminal written as an escape (\\x1b)."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


class QawardError(click.ClickException):
    """A failure the user can act on; printed without a traceback."""

    exit_code = 1

    def format_message(self) -> str:
        return printable(self.message)


class ContentUnreadable(QawardError):
    """The content folder as a whole cannot be read (missing, not a folder, no permission)."""

    exit_code = 2


class ConfigError(QawardError):
    """site_config.yml is invalid; the message lists every problem at once."""

    exit_code = 2


class BuildError(QawardError):
    """The site could not be built; the previous site is left untouched."""


class UnsafeOutput(QawardError):
    """The output folder is not one a build may replace (it holds something that is not our
    site), or another build is writing it: refused before anything is touched."""

    exit_code = 2


class ShrinkRefused(QawardError):
    """The new site would drop pages the published one shows (a wrong --content, a failed
    mount): refused unless the user says so with --allow-shrink."""

    exit_code = 2


class LedgerUnreadable(QawardError):
    """The published site's record of what it published cannot be read: never taken as "nothing
    was published", which would let any published fact change without a correction."""


class CalendarGap(Exception):
    """A date lies in a year whose holiday arrangement is not known for a calendar layer; never
    guess one."""

    def __init__(self, year: int, layer: str = "national"):
        super().__init__(year, layer)
        self.year, self.layer = year, layer

    def __str__(self) -> str:
        from qaward_site.vocabulary import LAYER_NAMES

        where = LAYER_NAMES.get(self.layer, self.layer)
        return (
            f"{self.year}年的节假日与调休安排未知（日历层 {self.layer}：{where}），无法计算工作日："
            f"请用 qaward calendar import 导入当年的通知（写入 content/calendar/"
            f"{self.layer}-{self.year}.yml）"
        )
