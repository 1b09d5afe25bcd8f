"""site_config.yml: the site's identity and the holiday arrangements chinesecalendar lacks.

Validated in one place, every problem reported together (as mkdocs does with its config).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PositiveInt, field_validator

from qaward_site.calendar.workdays import NATIONAL, WorkCalendar, YearArrangement
from qaward_site.errors import ConfigError
from qaward_site.records.fieldtypes import Date
from qaward_site.records.validation import validate
from qaward_site.records.yamlsource import read_document

CONFIG_NAME = "site_config.yml"
MARKUP = "<>\"'`&"
SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$()*+,;=:@/-]*)?/")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class YearConfig(_Strict):
    holidays: list[Date] = []  # weekdays that are official holidays
    workdays: list[Date] = []  # weekend days made working days (调休)


class SiteConfig(_Strict):
    site_name: str = "政府质量奖公开平台"
    site_description: str = "政府质量奖的公示、获奖名单、撤销决定和办法全文"
    site_url: str | None = None
    sponsor: str = ""  # 主办单位
    contact: str = ""  # 联系方式
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号
    police_record: str = ""  # 公安备案号
    organizer: str = ""  # 承办单位
    # the 党政机关网站标识: an image from the site's own files (custom_dir assets), and the link
    # it leads to (a link is not a load; the usual outside script is not allowed by the CSP)
    site_mark_image: str = ""
    site_mark_link: str = ""
    # years a calendar layer lacks: {"2027": {...}} for the national layer, or by layer,
    # {"xinjiang": {"2027": {...}}}; content/calendar/ (qaward calendar import) is the usual place
    calendar: dict[str, YearConfig | dict[str, YearConfig]] = {}
    # a folder (relative to the project) whose templates, assets and theme overrides replace
    # the package's files of the same name, as mkdocs' custom_dir
    custom_dir: str | None = None
    # pages in one part of the search index: a rebuild re-indexes only the parts it changed
    search_part_pages: PositiveInt = 8000

    @field_validator(
        "site_name",
        "site_description",
        "sponsor",
        "contact",
        "site_code",
        "icp",
        "police_record",
        "organizer",
        "site_mark_image",
        "site_mark_link",
    )
    @classmethod
    def _plain_text(cls, value: str) -> str:
        # the theme writes some of these into HTML attributes without escaping them
        bad = sorted(set(value) & set(MARKUP))
        if bad:
            raise ValueError(f"不能含有 {' '.join(bad)}（网页标记字符）")
        return value

    @field_validator("site_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not SITE_URL.fullmatch(value):
            raise ValueError(f"应为 http:// 或 https:// 开头的网址，以 / 结尾，而不是 '{value}'")
        return value

    @field_validator("calendar")
    @classmethod
    def _years(cls, value: dict) -> dict:
        for year, arrangement in _by_layer(value):
            if not (year.isdigit() and len(year) == 4):
                raise ValueError(f"calendar 的键应为四位年份或日历层名称，而不是 '{year}'")
            for day in [*arrangement.holidays, *arrangement.workdays]:
                if day.year != int(year):
                    raise ValueError(f"{day} 不在 {year} 年")
        return value

    def calendar_years(self) -> dict[str, dict[int, YearArrangement]]:
        """The years this file supplies, by calendar layer."""
        out: dict[str, dict[int, YearArrangement]] = {}
        for key, value in self.calendar.items():
            layer, years = (
                (NATIONAL, {key: value}) if isinstance(value, YearConfig) else (key, value)
            )
            for year, a in years.items():
                out.setdefault(layer, {})[int(year)] = YearArrangement(
                    frozenset(a.holidays), frozenset(a.workdays), "site_config.yml"
                )
        return out

    def work_calendar(self) -> WorkCalendar:
        """The national calendar with this file's years (the programmes' own: calendars.py)."""
        return WorkCalendar.national(self.calendar_years().get(NATIONAL, {}))


def _by_layer(value: dict):
    for key, item in value.items():
        yield from [(key, item)] if isinstance(item, YearConfig) else item.items()


def load_config(root: Path) -> SiteConfig:
    """Read site_config.yml from root (the project folder); defaults when it is absent."""
    path = root / CONFIG_NAME
    if not path.exists():
        return SiteConfig()
    doc, errors, _ = read_document(path)
    problems = [f"{path}:{p.line}:{p.column}: {p.message}" for p in errors]
    if doc is not None:
        config, issues = validate(SiteConfig, doc)
        problems += [f"{path}:{i.line}:{i.column}: {i.message}" for i in issues]
        if config is not None and not problems:
            return config
    raise ConfigError("site_config.yml 有误：\n" + "\n".join(problems))
