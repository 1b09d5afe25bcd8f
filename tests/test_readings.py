"""The law read closer, as the site states it: when an objection may be made, accident grades,
windows where the text sets one, units without a code of their own, one convention for N years."""

import shutil
from datetime import date

import pytest
import yaml
from helpers import DEMO
from test_site_build import CONFIG, TODAY, html

from qaward_site.calendar.workdays import years_after
from qaward_site.records import organisation_key
from qaward_site.site.build import build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("readings")
    content = root / "content"
    shutil.copytree(DEMO, content)
    unit = content / "cycles/yining-2026/applicants/002.yml"
    data = yaml.safe_load(unit.read_text("utf-8"))
    data.pop("credit_code")
    data.update(parent_credit_code="91654002G8LTQ5H1DU", name="伊宁市天山乳业有限责任公司质检班组")
    unit.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    build(content, root / "site", CONFIG, TODAY)
    return root / "site", data


def test_the_objection_box_says_when_as_the_text_does_and_invents_no_deadline(site):
    out, _ = site
    yining = html(out, "notices/yining-2026-proposal")
    assert "评审过程中均可提出" in yining and "截止日期" not in yining
    daqing = html(out, "notices/daqing-2026-proposal")
    assert "办法未规定提出的期限" in daqing and "截止日期" not in daqing
    assert "由联席会议决定" in daqing  # 第二十四条: no disqualification required


def test_rules_pages_state_each_article_s_own_threshold(site):
    out, _ = site
    assert "较大以上" in html(out, "rules/panzhihua-2022")  # 第二十七条
    yining = html(out, "rules/yining-2025")
    assert "重大以上质量、安全、环保等事故" in yining and "（不限年限）" in yining
    assert "不论等级" in html(out, "rules/daqing-2018")
    assert "至N年后同月同日的前一日止" in html(out, "rules")


def test_a_unit_without_a_code_has_a_page_of_its_own(site):
    out, data = site
    key = organisation_key(type("A", (), {"credit_code": None, **data})())
    page = html(out, f"organizations/{key}")
    assert "所属组织：91654002G8LTQ5H1DU" in page and data["name"] in page
    assert f"organizations/{key}/" in html(out, "cycles/yining-2026")


def test_bans_are_shown_to_their_last_day(site):
    out, _ = site
    page = html(out, "sanctions/wuwei-2024-rev-01")
    assert "至2031年3月16日（含当日）不得参加评审" in page  # 第十八条: the act it bars
    assert years_after(date(2026, 3, 16), 5) == date(2031, 3, 16)


def test_a_deadline_on_a_rest_day_moves_to_the_next_working_day(tmp_path):
    from helpers import edit_rule

    from qaward_site.records import Notice
    from qaward_site.records import content as content_module
    from qaward_site.records.calendars import Calendars
    from qaward_site.records.config import SiteConfig
    from qaward_site.rules import facts

    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    # an ordinance that limits objections to the publicity period: only its rulebook says so
    edit_rule(root, "yining-2025", "objection-form", when="公示期内提出", within_publicity=True)
    content = content_module.load(root)
    calendars = Calendars.load(content, SiteConfig())
    notice = content.get("yining-2026-proposal", Notice)
    saturday = notice.model_copy(update={"start": date(2026, 7, 6), "end": date(2026, 7, 11)})
    shown = facts.notice(content, saturday, calendars)
    assert shown.objection_deadline == date(2026, 7, 13)  # Saturday → Monday
    weekday = notice.model_copy(update={"start": date(2026, 7, 6), "end": date(2026, 7, 10)})
    assert facts.notice(content, weekday, calendars).objection_deadline == date(2026, 7, 10)
    yining = content_module.load(DEMO)
    plain = facts.notice(yining, yining.get("yining-2026-proposal", Notice), calendars)
    assert plain.objection_deadline is None  # 在评审过程中: no date to show


def test_a_credit_code_is_judged_as_gb_32100_says_however_it_is_checked():
    """The quick check of a code written as it should be accepts exactly what stdnum accepts;
    anything else is stdnum's to judge (and to say why)."""
    import random

    from stdnum.cn import uscc

    from qaward_site.records.fieldtypes import _valid_uscc

    rng = random.Random(28)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    codes = ["91620602U92PELEU6P", "91110000600037341L", "91110000600037341l", " 9111000060003734"]
    for _ in range(3000):
        body = "".join(rng.choice("0123456789") for _ in range(8))
        body += "".join(rng.choice(alphabet) for _ in range(9))
        codes.append(body + uscc.calc_check_digit(body + "0"))  # valid
        codes.append(body + rng.choice(alphabet + "IOZ"))  # mostly a wrong check digit
        codes.append(body[:10] + rng.choice("IOSVZ") + body[11:] + "0")  # a letter GB 32100 lacks
    for code in codes:
        assert not _valid_uscc(code) or uscc.is_valid(code), code
        if uscc.is_valid(code) and code == uscc.compact(code):
            assert _valid_uscc(code), code
