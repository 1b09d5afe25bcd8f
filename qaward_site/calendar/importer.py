"""Read an official holiday notice into one year of a calendar layer.

The State Council's 《国务院办公厅关于20XX年部分节假日安排的通知》 (national layer), follow-up
notices that change a year (an extension: 假期延长至…), and the Xinjiang region's yearly notice
(xinjiang layer: only its 肉孜节 and 古尔邦节; the national holidays it repeats are the national
layer's). Every weekday written in brackets is checked against its date, a stated number of days
(共N天) against its range, and a sentence with a date this reader cannot place refuses the whole
text, with that sentence: a legal deadline must not move on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from qaward_site.calendar.workdays import NATIONAL
from qaward_site.numerals import to_int

REGIONAL_FESTIVALS = {"xinjiang": ("肉孜节", "古尔邦节")}
_WEEKDAYS = "一二三四五六日"
_DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^)]*)\))?"
)
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_SECTION = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))\s*(?P<name>[^:]{1,20}?):(?P<body>.*)$"
)
_DAYS = re.compile(r"共(\d+|[一二三四五六七八九十]+)天")
_TITLE_YEAR = re.compile(r"(\d{4})年(?:部分)?节假日")
_DOCUMENT = re.compile(r"^\s*(\S+〔\d{4}〕\d+号)\s*$", re.M)
_SIGNED = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M)
_EXTENDED = re.compile(r"延长至")
# a follow-up that cancels a make-up working day: 取消…上班, or 上班调整为休息/放假
_CANCELLED = re.compile(r"取消[^。]*上班|上班[^。]*(?:调整|改)为(?:休息|放假)")


class NoticeError(ValueError):
    """The notice cannot be read as it stands: the message quotes the sentence."""


@dataclass
class Festival:
    name: str
    off: list[date] = field(default_factory=list)  # every day off, weekends included
    work: list[date] = field(default_factory=list)  # weekend days worked
    sentences: list[str] = field(default_factory=list)


@dataclass
class ImportedYear:
    layer: str
    year: int
    title: str = ""
    document: str | None = None
    signed: date | None = None
    festivals: list[Festival] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sections another layer holds

    @property
    def holidays(self) -> list[date]:
        """Days off that fall on weekdays, in the notice's year."""
        return sorted(
            {d for f in self.festivals for d in f.off if d.weekday() < 5 and d.year == self.year}
        )

    @property
    def workdays(self) -> list[date]:
        return sorted({d for f in self.festivals for d in f.work if d.year == self.year})

    @property
    def outside(self) -> list[tuple[date, bool]]:
        """Days the notice arranges in another year (元旦 from 12月30日 of the year before):
        (day, is a day off). They belong to that year's arrangement, which must already say so."""
        off = {d for f in self.festivals for d in f.off if d.year != self.year and d.weekday() < 5}
        work = {d for f in self.festivals for d in f.work if d.year != self.year}
        return sorted([(d, True) for d in off] + [(d, False) for d in work])

    def check_outside(self, known) -> None:
        """Every day arranged in another year agrees with that year's arrangement as `known(year)`
        returns it (None: not imported); otherwise nothing is written and the days are named."""
        wrong = []
        for day, off in self.outside:
            arrangement = known(day.year)
            agrees = arrangement is not None and (
                day in arrangement.holidays if off else day in arrangement.workdays
            )
            if not agrees:
                wrong.append(f"{day.isoformat()} {'放假' if off else '上班'}")
        if wrong:
            raise NoticeError(
                f"通知还安排了{self.year}年以外的日子（{'、'.join(wrong)}），与那一年已有的安排不符"
                "或那一年尚未导入：请先导入（或更正）那一年的通知"
            )

    def record(self) -> dict:
        source = {"title": self.title}
        if self.document:
            source["document"] = self.document
        if self.signed:
            source["date"] = self.signed.isoformat()
        return {
            "kind": "calendar",
            "id": f"calendar-{self.layer}-{self.year}",
            "layer": self.layer,
            "year": self.year,
            "holidays": [d.isoformat() for d in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
            "source": source,
        }

    def table(self) -> str:
        """What was understood, for a person to compare with the notice."""
        head = f"{self.layer}-{self.year}：{self.title}"
        rows = [head + (f"（{self.document}）" if self.document else "")]
        rows.append("节日 | 放假（含周末） | 其中工作日放假 | 调休上班")
        for f in self.festivals:
            span = f"{f.off[0].isoformat()} 至 {f.off[-1].isoformat()}" if f.off else "—"
            weekdays = "、".join(d.strftime("%m-%d") for d in f.off if d.weekday() < 5) or "—"
            work = "、".join(d.strftime("%m-%d") for d in f.work) or "—"
            rows.append(f"{f.name} | {span} | {weekdays} | {work}")
        if self.skipped:
            rows.append("未导入（属于全国日历层）：" + "、".join(self.skipped))
        rows.append(f"合计：工作日放假 {len(self.holidays)} 天，周末上班 {len(self.workdays)} 天")
        return "\n".join(rows)


def read_notice(text: str, layer: str = NATIONAL, base: ImportedYear | None = None) -> ImportedYear:
    """One notice; `base`: the year as earlier notices left it (a follow-up changes it)."""
    text = unicodedata.normalize("NFKC", text).replace("\u3000", " ")
    year = _year_of(text, base)
    result = base or ImportedYear(layer, year)
    if base is None:
        result.title = _title_of(text)
        document = _DOCUMENT.search(text)
        result.document = document.group(1) if document else None
    signed = list(_SIGNED.finditer(text))
    if signed and base is None:
        y, m, d = (int(g) for g in signed[-1].groups())
        result.signed = date(y, m, d)
    wanted = REGIONAL_FESTIVALS.get(layer)
    found_any = False
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section is None:
            if _EXTENDED.search(line) and base is not None:
                _extend(result, line, year)
                found_any = True
            elif _CANCELLED.search(line) and base is not None:
                _cancel(result, line, year)
                found_any = True
            continue
        name = re.sub(r"\s", "", section.group("name"))
        if wanted is not None and not any(w in name for w in wanted):
            result.skipped.append(name)
            continue
        if not _DATE.search(section.group("body")):
            continue  # a section on working hours, not on days
        festival = _festival(result, name)
        _read_section(festival, section.group("body"), year)
        found_any = True
    if not found_any:
        raise NoticeError("没有找到任何放假安排（“一、元旦：……”这样的条目）：这不像一份放假通知")
    return result


def _year_of(text: str, base: ImportedYear | None) -> int:
    found = _TITLE_YEAR.search(text) or re.search(r"(?:现将|我区)(\d{4})年", text)
    if found is None:
        if base is not None:
            return base.year
        raise NoticeError("找不到通知所说的年份（如“2027年部分节假日安排”）")
    year = int(found.group(1))
    if base is not None and year != base.year:
        raise NoticeError(f"这份通知说的是{year}年，前一份是{base.year}年：一年一个文件")
    return year


def _title_of(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and "通知" in line and len(line) < 80:
            return line.strip("《》")
    return ""


def _festival(result: ImportedYear, name: str) -> Festival:
    for f in result.festivals:
        if f.name == name:
            return f
    result.festivals.append(Festival(name))
    return result.festivals[-1]


def _dates(
    clause: str, year: int, month: list[int], december_before: bool = False
) -> list[tuple[date, re.Match]]:
    """Every date in a clause, a month carried from the date before it (4月4日至6日);
    `december_before`: a December date with no year is the year before's (元旦 from 12月30日)."""
    out = []
    for m in _DATE.finditer(clause):
        y = int(m.group("y")) if m.group("y") else year
        if m.group("m"):
            month[0] = int(m.group("m"))
        if december_before and month[0] == 12 and not m.group("y"):
            y = year - 1
        if not month[0]:
            raise NoticeError(f"日期没有月份：{clause}")
        try:
            day = date(y, month[0], int(m.group("d")))
        except ValueError:
            raise NoticeError(f"日期不存在：{m.group(0)}（{clause}）") from None
        note = m.group("note") or ""
        weekday = _WEEKDAY.search(note)
        if weekday:
            written = _WEEKDAYS.index(weekday.group(1).replace("天", "日"))
            if written != day.weekday():
                raise NoticeError(
                    f"{day.isoformat()} 是星期{_WEEKDAYS[day.weekday()]}，通知写的是"
                    f"{weekday.group(0)}：{clause}"
                )
        out.append((day, m))
    return out


def _read_section(festival: Festival, body: str, year: int) -> None:
    month = [0]
    for sentence in filter(None, (s.strip() for s in body.split("。"))):
        festival.sentences.append(sentence)
        if "鼓励" in sentence:
            continue  # "鼓励…安排职工在除夕休息": an encouragement, not a day off
        pending: list[date] = []
        for clause in filter(None, (c.strip() for c in re.split(r"[,;]", sentence))):
            # 元旦 may begin (or be made up) in the December before: 12月30日 is last year's
            found = _dates(clause, year, month, december_before=festival.name == "元旦")
            if re.search(r"是[^,;]*节", clause) and "放假" not in clause:
                continue  # "3月31日(周一)是少数民族习惯节日肉孜节": which day, not a day off
            days = [d for d, _m in found]
            if len(found) == 2 and "至" in clause[found[0][1].end() : found[1][1].start()]:
                start, end = days
                if end < start and not found[1][1].group("y"):
                    end = end.replace(year=end.year + 1)  # 12月31日至1月2日
                days = [start + timedelta(n) for n in range((end - start).days + 1)]
            pending += days
            stated = _DAYS.search(clause)
            if stated and festival.off and not found:
                n = int(stated.group(1)) if stated.group(1).isdigit() else to_int(stated.group(1))
                span = (festival.off[-1] - _run_start(festival.off)).days + 1
                if n != span:
                    raise NoticeError(f"“共{n}天”与所列日期（{span}天）不符：{sentence}")
            if "上班" in clause:
                for day in pending:
                    if day.weekday() < 5:
                        raise NoticeError(
                            f"{day.isoformat()} 本是工作日，却列为调休上班：{sentence}"
                        )
                festival.work += pending
                pending = []
            elif re.search(r"放假|补休|调休|休息|连休", clause) and not clause.startswith("不"):
                festival.off += pending
                pending = []
        if pending:
            raise NoticeError(f"无法判断这些日期是放假还是上班：{sentence}")
    festival.off = sorted(set(festival.off))
    festival.work = sorted(set(festival.work))


def _run_start(days: list[date]) -> date:
    """The first day of the last run of consecutive days (the range 共N天 speaks of)."""
    start = days[-1]
    for day in reversed(days[:-1]):
        if (start - day).days != 1:
            break
        start = day
    return start


def _extend(result: ImportedYear, line: str, year: int) -> None:
    """A follow-up: "春节假期延长至2月2日": every day from the festival's last day off to it."""
    festival = next((f for f in result.festivals if f.name in line), None)
    found = _dates(line, year, [0])
    if festival is None or not festival.off or len(found) < 1:
        raise NoticeError(f"无法判断哪个节日的假期延长到哪一天：{line.strip()}")
    until = found[0][0]
    day = festival.off[-1] + timedelta(1)
    while day <= until:
        festival.off.append(day)
        day += timedelta(1)
    festival.work = [d for d in festival.work if d > until]
    festival.sentences.append(line.strip())


def _cancel(result: ImportedYear, line: str, year: int) -> None:
    """A follow-up: "原定2月8日（星期六）上班调整为休息": the day is no longer worked."""
    found = _dates(line, year, [0])
    if not found:
        raise NoticeError(f"无法判断取消的是哪一天的调休上班：{line.strip()}")
    for day, _m in found:
        festival = next((f for f in result.festivals if day in f.work), None)
        if festival is None:
            raise NoticeError(
                f"{day.isoformat()} 在已导入的安排中不是调休上班日，无法取消：{line.strip()}"
            )
        festival.work.remove(day)
        festival.sentences.append(line.strip())
