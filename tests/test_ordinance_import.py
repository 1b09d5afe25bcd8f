"""The importer, per ordinance: exact article counts, and every article's words as in the seed."""

import re

import pytest
from click.testing import CliRunner
from helpers import DEMO, SEEDS, SHARED_SEEDS

from qaward_site.cli import main
from qaward_site.numerals import to_chinese, to_int
from qaward_site.records import ordinance_text

COUNTS = {
    "yining-2025": 27,
    "xinjiang-2023": 24,
    "wuwei-2022": 21,
    "panzhihua-2022": 32,
    "daqing-2018": 37,
}
CN = "[一二三四五六七八九十百零]+"


def seed_articles(text: str) -> dict[int, str]:
    """Article n → its words in the seed, found independently of the importer: from the line
    that opens 第n条 to the next article, without whitespace, page numbers, chapter headings,
    list bullets, and the closing matter after the last article (抄送, 印发, 公开属性)."""
    articles: dict[int, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = re.sub(r"\s+", "", line).removeprefix("-")
        if not line or re.fullmatch(r"[—-]\d+[—-]", line) or re.fullmatch(rf"第{CN}章.*", line):
            continue
        m = re.match(rf"第({CN})条", line)
        if m and to_int(m.group(1)) == (current or 0) + 1:
            current = to_int(m.group(1))
            articles[current] = [line[m.end() :]]
        elif current is not None:
            if current == max(articles) and re.match(r"(抄送|公开属性)|.*印发$", line):
                current = None  # the closing matter after the last article
                continue
            articles[current].append(line)
    return {n: "".join(parts) for n, parts in articles.items()}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_import_keeps_every_article_word_for_word(name):
    seed = (SEEDS / f"{name}.txt").read_text("utf-8")
    imported = ordinance_text.import_text(seed)
    assert [a.number for a in imported.articles] == list(range(1, COUNTS[name] + 1))
    expected = seed_articles(seed)
    assert len(expected) == COUNTS[name]
    for article in imported.articles:
        assert squeeze(article.text) == expected[article.number], article.label


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_shipped_text_is_the_importer_output(name, tmp_path):
    out = tmp_path / "out.md"
    result = CliRunner().invoke(
        main, ["import-ordinance", str(SEEDS / f"{name}.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"{COUNTS[name]} 条" in result.output
    assert out.read_text("utf-8") == (DEMO / "ordinances" / f"{name}.md").read_text("utf-8")


def test_wuwei_repairs():
    text = ordinance_text.import_text((SEEDS / "wuwei-2022.txt").read_text("utf-8"))
    md = ordinance_text.render(text)
    assert "— 5 —" not in md and "武威市人民政府文件" not in md and "公开属性" not in md
    assert "每两年评审1次" in md and "有效期为5年" in md and "评审 1次" not in md
    # a line broken mid-sentence by the PDF is one paragraph again
    art10 = text.article(10)
    assert art10.paragraphs[0].text == "申报市政府质量奖的企业和组织必须具备以下条件："
    assert [p.item for p in art10.paragraphs[1:]] == [1, 2, 3, 4, 5, 6]
    assert text.title == "武威市人民政府质量奖实施办法"


def test_structure_chapters_clauses_items():
    text = ordinance_text.import_text((SEEDS / "yining-2025.txt").read_text("utf-8"))
    assert text.article(1).chapter == "第一章 总则"
    assert text.article(27).chapter == "第七章 附则"
    assert len(text.article(24).clauses()) == 2  # 第二十四条 has two 款
    [(art, paras, anchor)] = text.resolve("第二十四条第二款")
    assert anchor == "art-24-2" and paras[0].text.startswith("获奖组织以欺骗、贿赂")
    [(_, paras, anchor)] = text.resolve("第十四条（二）")
    assert anchor == "art-14-i2" and paras[0].text.startswith("（二）材料评审")
    assert text.resolve("第九十九条") == []
    # the paragraph broken across lines in the seed (第四条) is whole
    assert "坚持科学、公正、公平、公开的原则" in text.article(4).text


def test_panzhihua_new_paragraph_after_full_line_is_kept():
    text = ordinance_text.import_text((SEEDS / "panzhihua-2022.txt").read_text("utf-8"))
    assert len(text.article(6).clauses()) == 2
    assert len(text.article(12).clauses()) == 2


def test_import_refuses_text_without_articles(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("这不是一部办法。\n", "utf-8")
    result = CliRunner().invoke(main, ["import-ordinance", str(src)])
    assert result.exit_code == 1 and "第一条" in result.output


def test_import_reads_gbk(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes("标题\n第一条 本办法自2026年1月1日起施行。\n".encode("gbk"))
    result = CliRunner().invoke(main, ["import-ordinance", str(src)])
    assert result.exit_code == 0 and "**第一条** 本办法自2026年1月1日起施行。" in result.output


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (37, "三十七"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_numerals_round_trip(number, text):
    assert to_chinese(number) == text and to_int(text) == number


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no shared/ beside this clone")
@pytest.mark.parametrize("name", sorted(COUNTS))
def test_sources_are_the_shared_seeds(name):
    assert (SEEDS / f"{name}.txt").read_bytes() == (SHARED_SEEDS / f"{name}.txt").read_bytes()
