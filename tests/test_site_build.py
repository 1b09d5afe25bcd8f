"""`qaward build` on the demo content, and on hostile copies of it."""

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main
from qaward_site.errors import BuildError
from qaward_site.records import Decision
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import load
from qaward_site.site import name_index, verify
from qaward_site.site.build import CheckFailed, build

TODAY = date(2026, 11, 22)
CONFIG = SiteConfig(
    site_name="测试站",
    site_url="https://zlj.example.gov.cn/",
    sponsor="某市市场监督管理局",
    site_code="1234567890",
    icp="某ICP备00000000号",
    police_record="某公网安备00000000000000号",
)


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    build(DEMO, out, CONFIG, TODAY)
    return out


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    return root


def edit(path: Path, **changes) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_every_page_kind_exists(site):
    for url in [
        "",
        "notices",
        "notices/xinjiang-2026-acceptance",
        "awards",
        "programmes/wuwei",
        "cycles/yining-2026",
        "organizations/91650100TJMHWAUX2E",
        "sanctions",
        "sanctions/xinjiang-2024-rev-01",
        "sanctions/daqing-2024-dq-01",
        "ordinances",
        "ordinances/daqing-2018",
        "rules",
        "rules/yining-2025",
        "objections",
        "objections/panzhihua",
        "search",
        "data",
    ]:
        assert (site / url / "index.html").is_file(), url
    for data in [
        "data/awards.csv",
        "data/awards.json",
        "data/yining-2026/awards.csv",
        "data/notices.json",
        "feed.xml",
        "sitemap.xml",
        "notices/daqing-2026-proposal.ics",
        "pagefind/main/pagefind.js",
    ]:
        assert (site / data).is_file(), data


def test_home_puts_open_notices_first_with_their_last_day(site):
    page = html(site, "")
    open_at = page.index("正在公示")
    assert open_at < page.index("最近的表彰决定") < page.index("最近的撤销")
    section = page[open_at : page.index("最近的表彰决定")]
    assert "2026年度新疆维吾尔自治区人民政府质量奖受理名单公示" in section
    assert "最后一天：2026年11月27日" in section
    assert "2026年度大庆市政府质量奖初选公示" in section
    assert "2024年度" not in section
    for entry in ("我要提出异议", "查询获奖名单", "评选办法与规则"):
        assert entry in page


def test_notice_page_how_to_object(site):
    page = html(site, "notices/xinjiang-2026-acceptance")
    assert "公示中（剩余 5 个工作日）" in page  # 23–27 Nov from 22 Nov (a Sunday)
    assert "2026年11月16日至2026年11月27日，共 10 个工作日" in page
    box = page[page.index('id="how-to-object"') :]
    assert "自治区质量强区工作领导小组办公室" in box and "0991-2817730" in box
    assert "2026年11月27日" in box and "书面" in box and "身份证明" in box and "公章" in box
    assert "3个工作日内" in box and "5个工作日内" in box and "继续参加评审" in box
    assert 'href="../../ordinances/xinjiang-2023/#art-12"' in box
    assert 'href="../../ordinances/xinjiang-2023/#art-13-2"' in box
    assert 'href="../xinjiang-2026-acceptance.ics"' in page


def test_daqing_refuses_anonymous_and_counts_calendar_days(site):
    page = html(site, "notices/daqing-2026-proposal")
    assert "匿名" in page and "不予受理" in page and "视为放弃异议" in page
    assert "共 7 天（日历日）" in page
    assert "公示中（剩余 4 天）" in page


@pytest.mark.parametrize("programme", ["wuwei", "panzhihua"])
def test_ordinances_without_procedure_say_so_and_name_a_contact(site, programme):
    page = html(site, f"objections/{programme}")
    assert "没有规定异议的提出和处理程序" in page
    if programme == "panzhihua":
        assert "评审监督组" in page and "#art-21" in page
    else:
        assert "#art-3" in page and "#art-9" in page


def test_award_states_and_prizes(site):
    page = html(site, "programmes/xinjiang")
    row = re.search(r"<tr>.*?新疆昆仑绿色能源有限公司.*?</tr>", page, re.S).group(0)
    assert "已撤销" in row and "sanctions/xinjiang-2024-rev-01/" in row
    wuwei = html(site, "programmes/wuwei")
    assert "15万元" in wuwei and "有效期至2029年7月31日" in wuwei
    daqing = html(site, "cycles/daqing-2024")
    assert "80万元" in daqing and "无奖金" in daqing
    assert (
        "奖金" not in html(site, "cycles/yining-2026").split('id="awards"')[1].split("</table>")[0]
    )


def test_organisation_page_shows_ban(site):
    page = html(site, "organizations/91230604052DKPN0YH")
    assert "至2028年5月20日（含当日）不予受理" in page and "#art-31" in page
    org = html(site, "organizations/91652900M1YFBTF7B8")
    assert org.count("以“新疆塔里木棉纺织有限公司”申报") == 2  # two cycles, one credit code


def test_organisation_page_lists_the_notices_naming_it_and_only_people_are_keyed_in_lists(site):
    from qaward_site.site.search import findable

    org = html(site, "organizations/91652900M1YFBTF7B8")
    notices = org[org.index('id="notices"') : org.index('id="applications"')]
    assert (
        '<a href="../../notices/xinjiang-2026-acceptance/">'
        "2026年度新疆维吾尔自治区人民政府质量奖受理名单公示</a>"
    ) in notices  # by cycle and stage: the same whatever the notice's title
    assert "公示中（剩余 5 个工作日）" in notices and "最后一天：2026年11月27日" in notices
    assert findable(["新疆塔里木棉纺织有限公司"]) in org  # found by its name on its own page
    notice = html(site, "notices/xinjiang-2026-acceptance")
    assert (
        "新疆塔里木棉纺织有限公司" in notice
        and findable(["新疆塔里木棉纺织有限公司"]) not in notice
    )
    people = html(site, "notices/panzhihua-2023-acceptance")
    assert findable(["龚维蓉", "覃立新"]) in people  # a person has no page of their own


def test_every_article_has_an_anchor_and_every_link_resolves(site):
    content = load(DEMO)
    for ordinance_id, text in content.texts.items():
        page = html(site, f"ordinances/{ordinance_id}")
        for article in text.articles:
            assert f'id="{article.anchor}"' in page
            assert f'id="{article.anchor}-1"' in page
    assert 'id="art-24-2"' in html(site, "ordinances/yining-2025")
    assert 'id="art-14-i2"' in html(site, "ordinances/yining-2025")
    assert verify.scan_links(site, CONFIG.site_url) == []


def test_ordinance_status_and_relations(site):
    page = html(site, "ordinances/yining-2025")
    assert "现行有效" in page and "伊市政办规〔2018〕41号" in page
    assert 'href="../xinjiang-2023/"' in page  # the parent jurisdiction's ordinance
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert ld["@type"] == "Legislation" and ld["legislationLegalForce"].endswith("InForce")
    assert "已失效" not in html(site, "ordinances/wuwei-2022")  # expires 2027-01-16


def test_rules_pages_come_from_the_rule_table(site):
    page = html(site, "rules")
    assert "质量奖不超过2个" in page and "15万元" in page and "公示期" in page
    rules = html(site, "rules/daqing-2018")
    assert "公示期为7天" in rules and "第十八条" in rules and "初选公示" in rules


def test_cycle_page_timeline_and_objection_outcome_without_objector(site):
    page = html(site, "cycles/yining-2026")
    assert 'class="qa-timeline"' in page and page.count("qa-timeline__step") >= 4
    assert "异议不成立" in page and "柯秋澜" not in page


def test_footer_and_no_outside_requests(site):
    page = html(site, "")
    for text in (
        "主办单位：某市市场监督管理局",
        "网站标识码：1234567890",
        "ICP备案号",
        "公安备案号",
    ):
        assert text in page
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not re.search(r'src="(https?:)?//', text), path
        # links to other hosts only to the registries a footer names (a link, never a load)
        hosts = set(re.findall(r'<a [^>]*href="(?:https?:)?//([^/"#?]+)', text))
        assert hosts <= verify.REGISTRIES, (path, hosts)
        assert not re.search(r'rel="stylesheet"[^>]*href="(https?:)?//', text), path
        assert "Made with" not in text


def test_small_nav(site):
    page = html(site, "organizations/91650100TJMHWAUX2E")
    nav = page[page.index('class="md-nav md-nav--primary"') :]
    assert nav.count("md-nav__link") < 30


def test_exports(site):
    csv = (site / "data/awards.csv").read_text("utf-8-sig").splitlines()
    assert csv[0].startswith("programme,cycle,year,name")
    awards = sum(len(d.awards) for d in load(DEMO).all(Decision))
    assert len(csv) == 1 + awards
    assert any("新疆昆仑绿色能源有限公司" in row and "已撤销" in row for row in csv)
    notices = json.loads((site / "data/notices.json").read_text("utf-8"))["notices"]
    assert {n["id"] for n in notices} >= {"xinjiang-2026-acceptance", "daqing-2026-proposal"}
    feed = ET.parse(site / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= 10
    ics = (site / "notices/xinjiang-2026-acceptance.ics").read_text("utf-8")
    assert "DTSTART;VALUE=DATE:20261127" in ics and "BEGIN:VEVENT" in ics
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://zlj.example.gov.cn/notices/xinjiang-2026-acceptance/</loc>" in sitemap


def test_the_sitemap_lists_each_page_to_index_at_its_canonical_address(site):
    """Every page that asks to be indexed, at the address its canonical link names; a version
    kept for the record (noindex), a former address and the 404 page not at all. Ours, not the
    theme's (which listed them all)."""
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in root]
    canonical, unlisted = set(), 0
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        found = re.search(r'<link rel="canonical" href="([^"]+)"', text)
        if found and 'content="noindex"' not in text and 'http-equiv="refresh"' not in text:
            canonical.add(found.group(1))
        else:
            unlisted += 1
    assert len(listed) == len(set(listed)) == len(canonical) > 50
    assert set(listed) == canonical
    assert unlisted >= 1 and not (site / "sitemap.xml.gz").exists()


def test_the_sitemap_leaves_out_what_search_engines_should_not_index():
    from qaward_site.site.exports import sitemap
    from qaward_site.site.render import Page

    pages = [
        Page("index.md", "t", "首页"),
        Page("notices/x.md", "t", "公示"),
        Page("notices/x/v1.md", "t", "更正前的第1版", noindex=True),
        Page("old/x.md", "t", "旧地址", moved_to="notices/x/"),
        Page("organizations/甲/index.md", "t", "甲"),
    ]
    listed = re.findall(r"<loc>(.*?)</loc>", sitemap(pages, "https://a.gov.cn/zlj"))
    assert listed == [
        "https://a.gov.cn/zlj/",
        "https://a.gov.cn/zlj/notices/x/",
        "https://a.gov.cn/zlj/organizations/%E7%94%B2/",
    ]
    assert "<loc>" not in sitemap(pages, None)  # no absolute address to give


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 11, 13), "未开始"),
        (date(2026, 11, 16), "公示中（剩余 10 个工作日）"),
        (date(2026, 11, 27), "公示中（剩余 1 个工作日）"),
        (date(2026, 11, 28), "已结束"),
    ],
)
def test_status_before_inside_after(tmp_path, today, status):
    out = tmp_path / "site"
    build(DEMO, out, CONFIG, today)
    page = html(out, "notices/xinjiang-2026-acceptance")
    assert "qa-status--" in page and status in page
    assert 'data-days="2026-11-16,2026-11-17' in page  # for the browser's own count


def test_reproducible(tmp_path, site):
    again = tmp_path / "again"
    build(DEMO, again, CONFIG, TODAY)
    assert tree_digest(again) == tree_digest(site)


def test_check_error_publishes_nothing_and_keeps_the_old_site(tmp_path, site):
    out = tmp_path / "site"
    shutil.copytree(site, out)
    before = tree_digest(out)
    content = copy_content(tmp_path)
    (content / "cycles/yining-2026/applicants/001.yml").write_text(
        "kind: applicant\nid: [\n", "utf-8"
    )
    with pytest.raises(CheckFailed) as failed:
        build(content, out, CONFIG, TODAY)
    assert any(f.rule == "yaml" for f in failed.value.findings)
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".site-*"))  # no staging folder left behind


@pytest.mark.parametrize("plant", ["objector-name", "id-number", "confidential"])
def test_privacy_scan_fails_the_build_on_a_planted_leak(tmp_path, site, plant):
    out = tmp_path / "site"
    shutil.copytree(site, out)
    before = tree_digest(out)
    content = copy_content(tmp_path)
    notice = content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"
    secret = {
        "objector-name": "柯秋澜",
        "id-number": "510402198408220543",
        "confidential": "攀枝花市经济和信息化局",  # panzhihua-2023-001 keeps its recommender private
    }[plant]
    edit(notice, body=f"联系人：{secret}\n")
    with pytest.raises(BuildError) as failed:
        build(content, out, CONFIG, TODAY)
    message = str(failed.value)
    assert "不应公开" in message and "notices/xinjiang-2026-acceptance/index.html" in message
    assert "pagefind/" in message  # the search index is scanned too
    assert secret not in message
    assert tree_digest(out) == before


def test_privacy_scan_reads_escaped_json(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"t": "柯秋澜"}), "utf-8")  # \u escaped
    found = verify.scan_private(tmp_path, [verify.Private("柯秋澜", "obj.yml: objector.name")])
    assert found == ["x.json 含有不应公开的 obj.yml: objector.name"]


def test_private_values_never_published(site):
    private = verify.private_values(load(DEMO))
    assert {p.source.split(": ")[1] for p in private} >= {
        "objector.name",
        "objector.id_number",
        "objector.phone",
        "objector.address",
        "id_number",
        "sector",
        "recommender",
    }
    assert verify.scan_private(site, private) == []


HOSTILE = "<img src=x onerror=alert(1)>[点我](javascript:alert(2))*粗*"


def test_every_content_string_is_escaped(tmp_path):
    content = copy_content(tmp_path)
    edit(content / "cycles/yining-2026/applicants/001.yml", name=HOSTILE)
    edit(
        content / "cycles/yining-2026/notices/yining-2026-proposal.yml", title=HOSTILE, body=HOSTILE
    )
    edit(content / "cycles/yining-2026/cycle.yml", title=HOSTILE)
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    for path in out.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "<img src=x" not in text, path
        assert not re.search(r"(href|src)=\"javascript", text), path
        assert "<em>粗</em>" not in text, path
    page = html(out, "notices/yining-2026-proposal")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_build_command(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", "--content", str(DEMO), "--out", str(out), "--today", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    assert "» 检查记录" in result.output and "完成：" in result.output and str(out) in result.output
    broken = copy_content(tmp_path)
    (broken / "cycles/yining-2026/cycle.yml").write_bytes(
        "kind: cycle\n".encode("gbk") + "名".encode("gbk")
    )
    result = CliRunner().invoke(main, ["build", "--content", str(broken), "--out", str(out)])
    assert result.exit_code == 1 and "GBK" in result.output and "Traceback" not in result.output


def test_verifier_catches_outside_loads_and_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://zlj.example.gov.cn/a/">'
        '<img src="//cdn.example.com/x.png"><a href="../b/">b</a><a href="#nowhere">x</a>'
        '<a href="javascript:alert(1)">j</a><a href="https://other.example.org/">o</a>',
        "utf-8",
    )
    problems = "\n".join(verify.scan_links(tmp_path, "https://zlj.example.gov.cn/"))
    assert "fonts.googleapis.com" in problems and "cdn.example.com" in problems
    assert "../b/ 指向不存在的页面" in problems and "#nowhere 指向不存在的锚点" in problems
    assert "javascript:" in problems and "other.example.org" in problems
    assert "zlj.example.gov.cn" not in problems


def test_pinyin_covers_every_part_of_a_name():
    from qaward_site.site.search import pinyin_of

    words = pinyin_of("大庆石化精密仪表").split()
    for typed in ("daqing", "shihua", "jingmi", "dq", "dqsh", "jm", "yibiao"):
        assert any(w.startswith(typed) for w in words), typed
    assert "daqingshihuajingmiyibiao" in words and "dqshjmyb" in words


def test_optional_fields_render_without_placeholders(tmp_path):
    content = copy_content(tmp_path)
    ordinance = content / "ordinances/yining-2025.yml"
    data = yaml.safe_load(ordinance.read_text("utf-8"))
    data.pop("doc_number", None), data.pop("repeals", None)
    ordinance.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    applicant = content / "cycles/yining-2026/applicants/001.yml"
    data = yaml.safe_load(applicant.read_text("utf-8"))
    for field in ("sector", "recommender"):
        data.pop(field, None)
    applicant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "site"
    build(content, out, CONFIG, TODAY)
    for page in ("cycles/yining-2026", "", "programmes/yining", "ordinances/yining-2025"):
        assert "None" not in html(out, page), page
    assert "None" not in (out / "data/awards.csv").read_text("utf-8")


def test_a_period_counted_on_a_guessed_holiday_arrangement_says_so(site):
    page = html(site, "notices/xinjiang-2026-acceptance")
    assert "按推定的放假安排计算：2026年" in page
    assert "按推定的放假安排计算" not in html(site, "notices/daqing-2026-proposal")  # calendar days


def test_the_how_to_object_box_states_what_the_ordinance_provides_and_nothing_else(site):
    """panzhihua has no objection procedure: no letter is offered, where complaints go is said
    once, cited once, with what is known of the body; daqing's when-sentence is 第二十条's."""
    page = html(site, "notices/panzhihua-2023-proposal")
    box = page[page.index('class="qa-object"') :]
    box = box[: box.index("</section>")]
    assert "异议书" not in box and "letter/" not in box
    assert box.count("#art-21") == 1 and "评审监督组" in box
    assert "办法未公布其地址和电话" in box
    daqing = html(site, "notices/daqing-2026-proposal")
    when = daqing[daqing.index("何时提出") :]
    when = when[: when.index("</dd>")]
    assert "#art-20" in when and "#art-21" not in when


def test_the_public_reads_chinese_not_internals(site):
    missing = (site / "404.html").read_text("utf-8")
    assert "页面不存在" in missing and "Not found" not in missing
    home = html(site, "")
    assert "跳到正文" in home and "跳转至" not in home
    rules = html(site, "rules/yining-2025")
    body = rules[rules.index("<article") :]
    assert "publicity-period" not in re.sub(r'(id|href)="[^"]*"', "", body)
    overview = html(site, "rules")
    assert "规则模块" not in overview and "qaward" not in overview[overview.index("<article") :]


def test_the_conventions_of_a_government_site(tmp_path):
    """落款 and 政务公开 metadata on a notice, 当前位置, 邮编 and 联系人 where the office gives
    them, 承办单位 and the registrations as links (never loads), 网站地图, 联系我们, 隐私声明."""
    content = copy_content(tmp_path)
    cycle = content / "cycles/daqing-2026/cycle.yml"
    data = yaml.safe_load(cycle.read_text("utf-8"))
    data["office_contact"] |= {"postcode": "163311", "person": "质量奖办公室值班员"}
    cycle.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    notice = content / "cycles/daqing-2026/notices/daqing-2026-proposal.yml"
    data = yaml.safe_load(notice.read_text("utf-8"))
    data |= {"index_number": "11230600MB0000000X/2026-00123", "subject": "质量监督"}
    notice.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    config = CONFIG.model_copy(
        update={
            "organizer": "大庆市市场监督管理局",
            "icp": "黑ICP备12345678号",
            "police_record": "黑公网安备23060202000123号",
        }
    )
    out = tmp_path / "site"
    build(content, out, config, TODAY)
    page = html(out, "notices/daqing-2026-proposal")
    assert "当前位置" in page and "索引号" in page and "11230600MB0000000X/2026-00123" in page
    assert "主题分类" in page and "成文日期" in page
    assert 'class="qa-signoff">大庆市质量、计量、标准化工作联席会议办公室<br>2026年11月19日' in page
    assert "邮政编码 163311" in page and "联系人：质量奖办公室值班员" in page
    assert "承办单位：大庆市市场监督管理局" in page
    assert 'href="https://beian.miit.gov.cn/"' in page and "code=23060202000123" in page
    for address, words in (
        ("site-map", "网站地图"),
        ("contact", "联系我们"),
        ("privacy", "隐私声明"),
    ):
        assert words in html(out, address) and f"{address}/" in page
    assert "不使用 Cookie" in html(out, "privacy") and "异议书只在您的浏览器中填写" in html(
        out, "privacy"
    )


def test_pages_read_in_pieces_read_as_whole_pages(site):
    """verify.PageReader reads each piece of the theme once: on every page of the demo site its
    text and its links are those the whole-page readers find."""
    reader = verify.PageReader([verify.Private("柯秋澜", "x")])
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text, tags, links = reader.read(path.read_text("utf-8"))
        assert (text + tags).replace("\0", "") == verify._readable(path).replace("\0", "")
        assert links == verify.parse_pages(site, [path])[path.relative_to(site).as_posix()]
    assert len(verify.pieces(html(site, "organizations/91230600MPQCFTRXXK"))) > 10


def test_a_page_is_cut_only_where_a_tag_has_ended():
    page = '<p title="a\n<nav x">柯\n<nav>秋澜</nav>\n  \n<article>x</article>\n'
    assert verify.pieces(page) == [
        '<p title="a\n<nav x">柯\n<nav>秋澜</nav>\n  \n',
        "<article>x</article>\n",
    ]
    reader = verify.PageReader([verify.Private("柯秋澜", "x")])
    text, _, _ = reader.read(page)
    assert "柯秋澜" in text  # the name across a line end and a tag is still one name


def short_period(tmp_path: Path) -> Path:
    """Content whose only fault is one the rules find (not the loading): a publicity period
    shorter than its ordinance allows."""
    content = copy_content(tmp_path)
    edit(
        content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml",
        end=date(2026, 11, 17),
    )
    return content


def test_the_rules_run_beside_the_pages_and_stop_the_build_before_mkdocs(tmp_path, monkeypatch):
    from qaward_site.site import build as build_module
    from qaward_site.site import mkdocs_build

    ran, beside = [], []
    monkeypatch.setattr(mkdocs_build, "run", lambda *a, **k: ran.append(a))
    background = build_module.Background
    monkeypatch.setattr(build_module, "Background", lambda *a: beside.append(a) or background(*a))
    out = tmp_path / "site"
    with pytest.raises(CheckFailed) as failed:
        build(short_period(tmp_path), out, CONFIG, TODAY)
    assert beside  # the rules ran in their own process
    errors = [f for f in failed.value.findings if f.is_error]
    assert errors and all("xinjiang-2026-acceptance" in f.file for f in errors), errors
    assert not ran  # nothing rendered from content the rules reject
    assert not out.exists() and not list(tmp_path.glob(".site-*"))


def test_pages_that_fail_on_content_the_rules_reject_report_the_rules(tmp_path, monkeypatch):
    from qaward_site.site import build as build_module

    def fails(model):
        raise KeyError("xinjiang-2026")

    monkeypatch.setattr(build_module, "pages", fails)
    with pytest.raises(CheckFailed):  # the rules' words, not a traceback of the pages
        build(short_period(tmp_path), tmp_path / "site", CONFIG, TODAY)
    with pytest.raises(KeyError):  # on content the rules accept, the failure is the pages'
        build(copy_content(tmp_path / "clean"), tmp_path / "site", CONFIG, TODAY)


@pytest.mark.parametrize("folder", ["organizations/X", "a/b/c", "a", ""])
@pytest.mark.parametrize(
    "url",
    ["../x", "../../x/", "../", "..//x", "../#f", "../?q", "../.", "../..", "../../../x"]
    + ["../x#a", "../%2E%2E/x", "../../notices/", "x", "#f", ""],
)
def test_a_link_decided_once_for_a_folder_is_decided_as_on_the_page(folder, url):
    """scan_links decides each link once, as seen from the highest folder it reads the same
    from (each page is a folder of its own): the decision is the page's own."""
    from qaward_site.site.verify import _link, _seen_from

    higher, same = _seen_from(folder, url)
    assert _link("a", same, higher, None, "/zlj/") == _link("a", url, folder, None, "/zlj/")


def test_a_broken_link_is_found_on_every_page_that_has_it(tmp_path):
    for name in ("a", "b"):
        page = tmp_path / "organizations" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<meta http-equiv="Content-Security-Policy" content="{verify.CSP}">'
            '<a href="../../awards/">x</a><a href="../../gone/">y</a><a href="#top">z</a>',
            "utf-8",
        )
    (tmp_path / "awards").mkdir()
    (tmp_path / "awards/index.html").write_text(
        f'<meta http-equiv="Content-Security-Policy" content="{verify.CSP}">', "utf-8"
    )
    problems = verify.scan_links(tmp_path, None)
    assert sorted(problems) == [
        "organizations/a/index.html 的链接 #top 指向不存在的锚点",
        "organizations/a/index.html 的链接 ../../gone/ 指向不存在的页面",
        "organizations/b/index.html 的链接 #top 指向不存在的锚点",
        "organizations/b/index.html 的链接 ../../gone/ 指向不存在的页面",
    ]


def test_the_demo_site_s_search_page_names_the_index(site):
    page = (site / "search" / "index.html").read_text("utf-8")
    assert 'data-names="../search-names/" data-names-parts="p/ o/"' in page
    folder = site / "search-names" / "o"  # the organisations' part
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    assert meta["sections"]["organizations"] == ["organization", "单位"]
    read = lambda rel: json.loads((folder / rel).read_text("utf-8"))  # noqa: E731
    ids, complete = name_index.lookup(read, "天马")
    rows = read(f"e/{ids[0] // meta['chunk']}.json")
    assert complete and rows[ids[0] % meta["chunk"]][:2] == [
        "武威天马精密铸造有限公司",
        "organizations/91620602U92PELEU6P/",
    ]


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{verify.CSP}">'
    path.write_text(meta + body, "utf-8")


def _rebuilt_site(tmp_path: Path, new_b: str) -> tuple[Path, dict]:
    """A site verified whole (a links to b#x and c), then b rewritten as new_b; returns the
    site and the last build's record of its links."""
    site = tmp_path / "site"
    _page(site / "a/index.html", '<a href="../b/#x">b</a><a href="../c/">c</a>')
    _page(site / "b/index.html", '<h2 id="x">x</h2>')
    _page(site / "c/index.html", "")
    files = {"a/index.html", "b/index.html", "c/index.html"}
    problems, links = verify.verify_site(site, files, [], None, None, {}, full_privacy=True)
    assert problems == []
    _page(site / "b/index.html", new_b)
    return site, links


def _verify_rebuild(site: Path, links: dict, removed: set[str]) -> list[str]:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    return verify.verify_site(
        site, files, [], None, ["b/index.html"], links, full_privacy=False, removed=removed
    )[0]


def test_a_rebuild_checks_the_links_of_pages_it_did_not_write_when_an_anchor_is_lost(tmp_path):
    site, links = _rebuilt_site(tmp_path, "<h2>no anchor</h2>")
    assert _verify_rebuild(site, links, set()) == ["a/index.html 的链接 ../b/#x 指向不存在的锚点"]


def test_a_rebuild_checks_the_links_of_pages_it_did_not_write_when_a_file_is_gone(tmp_path):
    site, links = _rebuilt_site(tmp_path, '<h2 id="x">x</h2>')
    (site / "c/index.html").unlink()
    assert _verify_rebuild(site, links, {"c/index.html"}) == [
        "a/index.html 的链接 ../c/ 指向不存在的页面"
    ]


def test_a_rebuild_reads_only_the_pages_it_wrote_when_nothing_they_lead_to_is_lost(
    tmp_path, monkeypatch
):
    site, links = _rebuilt_site(tmp_path, '<h2 id="x">x</h2><h2 id="y">y</h2>')
    read = []
    original = verify.parse_pages
    monkeypatch.setattr(
        verify, "parse_pages", lambda s, paths=None: read.extend(paths) or original(s, paths)
    )
    assert _verify_rebuild(site, links, set()) == []
    assert read == [site / "b/index.html"]
    # a page the last build's record lacks is read again, not taken as verified
    read.clear()
    del links["a/index.html"]
    assert _verify_rebuild(site, links, set()) == []
    assert sorted(read) == [site / "a/index.html", site / "b/index.html"]


def test_the_links_kept_between_builds_read_back_as_they_were(tmp_path):
    from qaward_site.site.incremental import Cache

    site, links = _rebuilt_site(tmp_path, "")
    links["a/index.html"]["into_index"] = True
    links["c/index.html"]["links"] = [("a", "x y"), ("link", ""), ("a", "#x")]
    cache = Cache(tmp_path / "cache")
    cache.root.mkdir()
    cache.save({}, "id", links, {}, {})
    back = cache.links()
    assert back == {
        rel: page | {"links": [tuple(link) for link in page["links"]]}
        for rel, page in links.items()
    }


def test_a_page_newly_linking_into_the_search_index_is_saved_so(tmp_path):
    """The cache writes the links again only when its values differ from those it read: the
    mark scan_links sets must not change the record read in place (it would then seem unchanged
    and not be written)."""
    from qaward_site.site.incremental import Cache

    cache = Cache(tmp_path / "cache")
    cache.root.mkdir()
    page = {"ids": [], "loads": [], "links": [("a", "../pagefind/main/x.pf_meta")], "csp": True}
    cache.save({}, "id", {"c/index.html": page}, {}, {})
    links = dict(cache.links())
    assert not links["c/index.html"].get("into_index")
    files = {"c/index.html", "pagefind/main/x.pf_meta"}
    assert verify.scan_links(tmp_path, None, links, [], files, pending=("pagefind/", [])) == []
    cache.save({}, "id", links, {}, {})
    assert Cache(cache.root).links()["c/index.html"]["into_index"]


def test_a_page_linking_into_the_search_index_is_checked_on_every_rebuild(tmp_path):
    """The index's files are renamed as it is rewritten: a page that links into it, though not
    written again, has its links checked again."""
    site, links = _rebuilt_site(tmp_path, '<h2 id="x">x</h2>')
    _page(site / "c/index.html", '<a href="../pagefind/main/one.pf_meta">index</a>')
    index_file = site / "pagefind/main/one.pf_meta"
    index_file.parent.mkdir(parents=True)
    index_file.write_text("x")

    def written():
        tree = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
        return tree, sorted(rel for rel in tree if rel.startswith("pagefind/"))

    files = {"a/index.html", "b/index.html", "c/index.html"}
    problems, links = verify.verify_site(
        site, files, [], None, None, {}, full_privacy=True, index=("pagefind/", written)
    )
    assert problems == [] and links["c/index.html"]["into_index"]
    index_file.rename(site / "pagefind/main/two.pf_meta")
    problems = verify.verify_site(
        site,
        files,
        [],
        None,
        ["b/index.html"],
        links,
        False,
        index=("pagefind/", written),
        removed=set(),
    )[0]
    assert problems == ["c/index.html 的链接 ../pagefind/main/one.pf_meta 指向不存在的页面"]


def test_the_links_kept_share_their_strings_and_only_this_users_are_read(tmp_path):
    """The theme's links are the same on every page: kept once (a full build's pages each hold
    their own copies, 34 MB at 20,000 pages). A file this user's builds did not write is not
    unpickled: every page is read again."""
    import pickle

    from qaward_site.site.incremental import LINKS, Cache

    def page():
        return {"ids": ["x"], "loads": [], "links": [["link", "".join(["../a", "ssets/a.css"])]]}

    cache = Cache(tmp_path / "cache")
    cache.root.mkdir()
    cache.save({}, "id", {"a/index.html": page(), "b/index.html": page()}, {}, {})
    back = Cache(cache.root).links()
    assert back["a/index.html"]["links"] == [("link", "../assets/a.css")]
    assert back["a/index.html"]["links"][0] is back["b/index.html"]["links"][0]
    (cache.root / LINKS).write_bytes(pickle.dumps((1, {"a/index.html": page()})))
    assert Cache(cache.root).links() == {}


def test_an_organisation_page_says_its_awards_to_search_engines(site):
    """Its JSON-LD (schema.org), made as the page is rendered from the organisation it shows:
    the award, and a revoked one as revoked."""
    html = (site / "organizations/91620602U92PELEU6P/index.html").read_text("utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Organization" and data["name"] == "武威天马精密铸造有限公司"
    assert data["identifier"]["value"] == "91620602U92PELEU6P"
    assert len(data["award"]) == 1 and data["award"][0].startswith("2024年度")
    assert data["award"][0].endswith("（已撤销）")
