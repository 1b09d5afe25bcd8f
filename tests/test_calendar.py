"""Working days in layers (national, xinjiang), imported from the official notices."""

import json
import shutil
from datetime import date, timedelta

import chinese_calendar
import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.calendar.importer import NoticeError, read_notice
from qaward_site.cli import main
from qaward_site.records import content as content_module
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.rules.check import check

SOURCES = DEMO / "calendar" / "source"


def workday_in(imported, day: date) -> bool:
    return (day.weekday() < 5 and day not in imported.holidays) or day in imported.workdays


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_state_council_notice_reproduces_chinesecalendar_day_for_day(year):
    imported = read_notice((SOURCES / f"national-{year}.txt").read_text("utf-8"))
    assert imported.year == year and f"{year}年部分节假日安排" in imported.title
    day, differ = date(year, 1, 1), []
    while day.year == year:
        if workday_in(imported, day) != chinese_calendar.is_workday(day):
            differ.append(day)
        day += timedelta(1)
    assert differ == []


def test_the_notice_s_provenance_is_kept():
    imported = read_notice((SOURCES / "national-2025.txt").read_text("utf-8"))
    assert imported.document == "国办发明电〔2024〕12号"
    assert imported.signed == date(2024, 11, 12)


def test_the_region_s_notice_gives_its_own_festivals_only():
    imported = read_notice((SOURCES / "xinjiang-2025.txt").read_text("utf-8"), "xinjiang")
    assert [f.name for f in imported.festivals] == ["肉孜节", "古尔邦节"]
    assert imported.holidays == [
        date(2025, 3, 31),
        date(2025, 6, 6),
        date(2025, 6, 9),
        date(2025, 6, 10),
    ]
    assert "春节" in imported.skipped and "春节" in imported.table()
    older = read_notice((SOURCES / "xinjiang-2023.txt").read_text("utf-8"), "xinjiang")
    assert older.holidays[0] == date(2023, 4, 21)  # 4月22日是肉孜节，4月21日放假调休1天


NOTICE = """国务院办公厅关于2031年部分节假日安排的通知

一、元旦：1月1日（星期三）放假1天，不调休。
二、春节：1月22日（农历除夕、星期三）至29日（星期三）放假调休，共8天。1月19日（星期日）、2月8日（星期六）上班。
三、清明节：4月5日（星期六）放假，与周末连休。4月7日（星期一）补休。
四、端午节：5月31日（周六）至6月2日（周一）放假，共3天。

国务院办公厅
2030年11月10日
"""


def test_the_wordings_notices_have_used():
    imported = read_notice(NOTICE)
    assert imported.year == 2031 and imported.signed == date(2030, 11, 10)
    assert date(2031, 1, 1) in imported.holidays  # 放假1天，不调休
    assert imported.workdays == [date(2031, 1, 19), date(2031, 2, 8)]  # several in one sentence
    assert date(2031, 4, 7) in imported.holidays  # 补休
    assert date(2031, 6, 2) in imported.holidays  # a range across months
    spring = next(f for f in imported.festivals if f.name == "春节")
    assert spring.off[0] == date(2031, 1, 22) and spring.off[-1] == date(2031, 1, 29)


@pytest.mark.parametrize(
    "change, words",
    [
        (("1月1日（星期三）", "1月1日（星期四）"), "1月1日"),  # a weekday that is not the date's
        (("共8天", "共9天"), "共9天"),
        (("4月7日（星期一）补休。", "其中4月7日（星期一）为法定节假日。"), "4月7日"),
        (("2月8日（星期六）上班", "2月6日（星期四）上班"), "2月6日"),
    ],
)
def test_a_notice_that_cannot_be_read_is_refused_with_its_sentence(change, words):
    with pytest.raises(NoticeError, match=words):
        read_notice(NOTICE.replace(*change))


def test_a_follow_up_notice_extends_a_holiday():
    base = read_notice(NOTICE)
    follow_up = (
        "国务院办公厅关于2031年春节假期延长的通知\n\n2031年春节假期延长至2月2日（星期日）。\n"
    )
    changed = read_notice(follow_up, base=base)
    spring = next(f for f in changed.festivals if f.name == "春节")
    assert spring.off[-1] == date(2031, 2, 2)
    assert date(2031, 1, 31) in changed.holidays


def test_a_xinjiang_holiday_changes_xinjiang_counts_only():
    content = content_module.load(DEMO)
    calendars = Calendars.load(content, SiteConfig())
    yining, daqing = content.records["yining-2025"], content.records["daqing-2018"]
    start, end = date(2025, 6, 6), date(2025, 6, 12)  # 古尔邦节 6月6日至10日放假 in Xinjiang
    assert calendars.of(daqing).count_workdays(start, end) == 5
    assert calendars.of(yining).count_workdays(start, end) == 2


def cli(*args, cwd=None):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def test_a_2027_notice_checks_once_the_2027_files_exist(tmp_path, monkeypatch):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    notice = root / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"
    data = yaml.safe_load(notice.read_text("utf-8"))
    data.update(start=date(2026, 12, 31), end=date(2027, 1, 8))
    notice.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    today = date(2027, 2, 1)

    def errors():
        _, findings = check(root, SiteConfig(), today)
        return [f for f in findings if f.is_error and f.rule == "publicity-period"]

    assert "日历层 national" in errors()[0].message and "2027" in errors()[0].message
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "2027.txt"
    source.write_text(
        NOTICE.replace("2031", "2027").split("二、")[0] + "\n国务院办公厅\n2026年11月10日\n",
        "utf-8",
    )
    source.write_text(source.read_text("utf-8").replace("（星期三）", "（星期五）"), "utf-8")
    result = cli("calendar", "import", str(source))
    assert result.exit_code == 0, result.output
    assert (root / "calendar/national-2027.yml").is_file()
    assert "日历层 xinjiang" in errors()[0].message  # the national layer is known now
    (root / "calendar/xinjiang-2027.yml").write_text(
        "holidays: []\nworkdays: []\ntitle: 自治区2027年放假安排\ndate: 2026-12-20\n", "utf-8"
    )
    assert errors() == []


def test_import_writes_nothing_on_a_refused_notice_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_text(NOTICE.replace("（星期三）放假1天", "（星期四）放假1天"), "utf-8")
    result = cli("calendar", "import", str(bad))
    assert result.exit_code == 1 and "1月1日" in result.output
    assert not (tmp_path / "content").exists()
    good = tmp_path / "good.txt"
    good.write_text(NOTICE, "utf-8")
    assert cli("calendar", "import", str(good)).exit_code == 0
    assert "春节 | 2031-01-22 至 2031-01-29" in cli("calendar", "import", str(good)).output
    assert cli("calendar", "import", str(good)).exit_code == 1  # exists: --force to replace
    assert cli("calendar", "import", str(good), "--force").exit_code == 0


def test_calendar_show_as_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("calendar", "show", "2026", "--format", "json", "--content", str(DEMO))
    shown = json.loads(result.output)
    assert shown["year"] == 2026 and shown["layer"] == "national"
    assert "2026-01-02" in shown["holidays"] and "2026-05-09" in shown["workdays"]
    assert "chinesecalendar" in shown["source"]
    result = cli(
        "calendar",
        "show",
        "2025",
        "--layer",
        "xinjiang",
        "--format",
        "json",
        "--content",
        str(DEMO),
    )
    shown = json.loads(result.output)
    assert shown["holidays"] == ["2025-03-31", "2025-06-06", "2025-06-09", "2025-06-10"]
    assert "自治区" in shown["source"] or "新疆" in shown["source"]
    result = cli("calendar", "show", "2027", "--content", str(DEMO))
    assert result.exit_code == 1 and "national-2027" in result.output
    result = cli("calendar", "show", "2026", "--layer", "xinjaing", "--content", str(DEMO))
    assert (
        result.exit_code == 1 and "没有日历层 xinjaing（已知：national, xinjiang）" in result.output
    )


def test_site_config_supplies_a_layer_year():
    config = SiteConfig.model_validate(
        {"calendar": {"xinjiang": {"2027": {"holidays": ["2027-03-10"]}}}}
    )
    layers = Calendars.load(None, config).layers
    assert date(2027, 3, 10) in layers["xinjiang"].arrangement(2027).holidays


def test_an_unknown_layer_name_is_an_error_at_its_line(content):
    path = content.root / "ordinances/yining-2025.yml"
    path.write_text(
        path.read_text("utf-8").replace("[national, xinjiang]", "[national, xinjaing]"), "utf-8"
    )
    code, findings, _ = content.check()
    hit = [f for f in findings if f["rule"] == "calendar"]
    assert code == 1 and hit and "xinjaing" in hit[0]["message"] and hit[0]["line"] > 1


def test_the_site_s_status_counts_on_the_programme_s_calendar():
    from qaward_site.records import Notice
    from qaward_site.rules import facts

    content = content_module.load(DEMO)
    calendars = Calendars.load(content, SiteConfig())
    notice = content.get("yining-2026-acceptance", Notice)
    moved = notice.model_copy(update={"start": date(2025, 6, 6), "end": date(2025, 6, 12)})
    shown = facts.notice(content, moved, calendars)
    assert shown.days == [date(2025, 6, 11), date(2025, 6, 12)]  # what data-days carries
    over = notice.model_copy(update={"start": date(2026, 12, 28), "end": date(2027, 1, 8)})
    partial = facts.notice(content, over, calendars)
    assert partial.unknown_years == (2027,) and partial.count == 4


def test_a_period_counted_on_a_guessed_year_is_loud_in_check_and_on_the_site(tmp_path):
    """The demo's xinjiang 2026 is example data (example: true): every count that rests on it
    is a warning, and the notice page says the period was counted on a guessed arrangement; an
    official year is quiet."""
    from qaward_site.records.config import SiteConfig
    from qaward_site.rules.check import check

    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    findings = check(root, SiteConfig(), date(2026, 11, 22))[1]
    guessed = [f for f in findings if "按推定的放假安排计算" in f.message]
    assert {f.record for f in guessed} >= {"yining-2026-proposal", "yining-2026-obj-01"}
    assert all(f.severity == "warning" for f in guessed)
    mine = [f for f in guessed if f.record == "yining-2026-proposal"]
    assert mine and "2026年新疆维吾尔自治区的放假安排是示例数据" in mine[0].message
    # the same year imported from an official notice: not example data, no warning
    layer = root / "calendar" / "xinjiang-2026.yml"
    text = layer.read_text("utf-8")
    layer.write_text(text.replace("\nexample: true", "\nexample: false"), "utf-8")
    findings = check(root, SiteConfig(), date(2026, 11, 22))[1]
    assert not [f for f in findings if "2026年新疆" in f.message and "推定" in f.message]


# An older form: 星期 not 周, dates without weekdays, 元旦 beginning in the December before (with
# its make-up day there too), a range across months, 补休, and an encouragement to rest.
OLDER = """国务院办公厅关于2031年部分节假日安排的通知
国办发明电〔2030〕9号

一、元旦：12月30日（星期一）至1月1日（星期三）放假调休，共3天。12月28日（星期六）上班。
二、春节：1月22日至29日放假调休，共8天。1月19日（星期日）、2月8日（星期六）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（1月21日）休息。
三、劳动节：4月30日（星期三）至5月4日（星期日）放假调休，共5天。4月27日（星期日）上班。
四、清明节：4月5日（星期六）放假，与周末连休。4月7日（星期一）补休。

国务院办公厅
2030年11月10日
"""


def test_an_older_notice_and_its_forms_are_read_day_for_day():
    imported = read_notice(OLDER)
    assert imported.year == 2031 and imported.document == "国办发明电〔2030〕9号"
    # 元旦 from the December before: those days are 2030's, not 2031's
    assert date(2031, 1, 1) in imported.holidays
    assert date(2030, 12, 30) not in imported.holidays
    assert imported.outside == [
        (date(2030, 12, 28), False),
        (date(2030, 12, 30), True),
        (date(2030, 12, 31), True),
    ]
    assert date(2031, 1, 21) not in imported.holidays  # 鼓励…在除夕休息: not a day off
    assert {date(2031, 4, 30), date(2031, 5, 2)} <= set(imported.holidays)  # across months
    assert date(2031, 4, 7) in imported.holidays  # 补休
    assert date(2031, 4, 27) in imported.workdays
    with pytest.raises(NoticeError, match="12月28日|2030-12-28"):
        read_notice(OLDER.replace("12月28日（星期六）", "12月28日（星期日）"))


def test_days_in_another_year_must_agree_with_that_year_or_nothing_is_written(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    notice = tmp_path / "2031.txt"
    notice.write_text(OLDER, "utf-8")
    refused = CliRunner().invoke(main, ["calendar", "import", str(notice)])
    assert refused.exit_code != 0 and "2030-12-30 放假" in refused.output
    assert "请先导入" in refused.output and not (tmp_path / "content/calendar").exists()
    # once 2030's arrangement says the same, the 2031 year imports
    (tmp_path / "content/calendar").mkdir(parents=True)
    (tmp_path / "content/calendar/national-2030.yml").write_text(
        "kind: calendar\nid: calendar-national-2030\nlayer: national\nyear: 2030\n"
        "holidays: ['2030-12-30', '2030-12-31']\nworkdays: ['2030-12-28']\n"
        "source: {title: 国务院办公厅关于2030年部分节假日安排的通知}\n",
        "utf-8",
    )
    done = CliRunner().invoke(main, ["calendar", "import", str(notice)])
    assert done.exit_code == 0, done.output
    written = yaml.safe_load((tmp_path / "content/calendar/national-2031.yml").read_text("utf-8"))
    assert all(d.startswith("2031-") for d in written["holidays"] + written["workdays"])


def test_a_follow_up_notice_cancels_a_make_up_working_day():
    base = read_notice(NOTICE)
    follow_up = (
        "国务院办公厅关于调整2031年春节假期安排的通知\n\n原定2月8日（星期六）上班调整为休息。\n"
    )
    changed = read_notice(follow_up, base=base)
    assert date(2031, 2, 8) not in changed.workdays and date(2031, 1, 19) in changed.workdays
    with pytest.raises(NoticeError, match="不是调休上班日"):
        read_notice(follow_up.replace("2月8日", "2月15日"), base=read_notice(NOTICE))


def test_a_guessed_year_is_said_once_for_a_cycle_s_applicants():
    """Each notice and objection counted on a guessed year is named; the cycle's applicants
    once, with how many (12,500 identical warnings at 50,000 applicants said nothing more)."""
    from qaward_site.records.config import SiteConfig
    from qaward_site.rules.check import check

    findings = check(DEMO, SiteConfig(), date(2026, 11, 22))[1]
    guessed = [
        f
        for f in findings
        if "按推定的放假安排计算" in f.message and f.rule == "publicity-period"
        if f.record.startswith("yining-2026")
    ]
    applicants = [f for f in guessed if f.record[-3:].isdigit()]
    assert len(applicants) == 1 and "本届共 4 个申报单位的期限按此计算" in applicants[0].message
    assert {f.record for f in guessed} - {applicants[0].record} == {
        "yining-2026-acceptance",
        "yining-2026-proposal",
    }
