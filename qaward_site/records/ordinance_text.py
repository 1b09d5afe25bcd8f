"""An ordinance's text: importing it from PDF-extracted text, and reading its structure.

Structure: 章 (chapters) hold 条 (articles); an article holds 款 (paragraphs), and a paragraph may
be followed by 项 (items, （一）…). Citations such as 第二十四条第二款 or 第十四条（二） resolve to
a part of that structure, so every finding and every rule can link to the words it rests on.

The stored form (content/ordinances/*.md) is plain Markdown a person can review:

    # 标题
    ## 第一章 总则
    **第一条** 第一款……

    第二款……

    （一）第一项……
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from qaward_site.numerals import to_chinese, to_int

CN_NUM = "[零〇一二三四五六七八九十百两]+"
CHAPTER = re.compile(rf"^第({CN_NUM})章\s*(.*)$")
ARTICLE = re.compile(rf"^第({CN_NUM})条(?:\s+|(?=[^款项、]))(.*)$")
ITEM = re.compile(rf"^[（(]({CN_NUM})[）)]")
RANGE = re.compile(rf"第({CN_NUM})条至第({CN_NUM})条")
CITATION = re.compile(rf"第({CN_NUM})条(?:第({CN_NUM})款)?(?:[（(]({CN_NUM})[）)])?")

PAGE_NUMBER = re.compile(r"^[—–\-－]\s*\d+\s*[—–\-－]$")
RUNNING_HEADER = re.compile(r"^(\S{2,30}?(人民政府|办公室|办公厅))?\s*文\s*件$")
TRAILER = re.compile(r"^(抄送|公开属性|主题词)|印发$")
ENDS_SENTENCE = "。；：！？;:!?"
CLOSERS = "”’）)」』】"
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
SPACE_CJK_DIGIT = re.compile(
    rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[0-9])|(?<=[0-9])[ \t\u00a0]+(?=[{_CJK}])"
)
SPACE_CJK_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")


@dataclass
class Paragraph:
    text: str
    item: int | None = None  # the 项 number for （一）…, None for a 款


@dataclass
class Article:
    number: int
    chapter: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第{to_chinese(self.number)}条"

    @property
    def anchor(self) -> str:
        return anchor(self.number)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def clauses(self) -> list[list[Paragraph]]:
        """The 款 of the article, each with the items that follow it."""
        out: list[list[Paragraph]] = []
        for p in self.paragraphs:
            if p.item is None or not out:
                out.append([p])
            else:
                out[-1].append(p)
        return out


def anchor(article: int, clause: int | None = None, item: int | None = None) -> str:
    """The id of an article, a 款 or an item on the ordinance's page: art-24, art-24-2, art-14-i6
    (an item's id names no 款: items are numbered through the article)."""
    if item is not None:
        return f"art-{article}-i{item}"
    if clause is not None:
        return f"art-{article}-{clause}"
    return f"art-{article}"


@dataclass
class OrdinanceText:
    title: str
    articles: list[Article]

    def article(self, number: int) -> Article | None:
        for a in self.articles:
            if a.number == number:
                return a
        return None

    def resolve(self, citation: str) -> list[tuple[Article, list[Paragraph], str]]:
        """Each 条 cited in citation with the paragraphs meant and their anchor.

        '第二十四条第二款' → [(article 24, [its 2nd 款], 'art-24-2')]; unknown parts resolve to
        nothing, which the tests use to prove every citation points at real text.
        """
        found = []
        citation = RANGE.sub(
            lambda m: "".join(
                f"第{to_chinese(n)}条" for n in range(to_int(m.group(1)), to_int(m.group(2)) + 1)
            ),
            citation,
        )
        for m in CITATION.finditer(citation):
            art = self.article(to_int(m.group(1)))
            if art is None:
                continue
            clause_no = to_int(m.group(2)) if m.group(2) else None
            item_no = to_int(m.group(3)) if m.group(3) else None
            clauses = art.clauses()
            if clause_no is not None:
                if clause_no > len(clauses):
                    continue
                paras = clauses[clause_no - 1]
            else:
                paras = art.paragraphs
            if item_no is not None:
                paras = [p for p in paras if p.item == item_no]
                if not paras:
                    continue
            found.append((art, paras, anchor(art.number, clause_no, item_no)))
        return found

    def unresolved(self, citation: str) -> list[str]:
        """The parts of a citation that name no 条, 款 or 项 of this text; the whole citation
        when it names no article at all."""
        parts = [m.group(0) for m in CITATION.finditer(RANGE.sub(_range_ends, citation))]
        if not parts:
            return [citation]
        return [part for part in parts if not self.resolve(part)]


def _range_ends(m: re.Match) -> str:
    return f"第{m.group(1)}条、第{m.group(2)}条"


# ---------------------------------------------------------------- reading the stored form


def parse(markdown: str) -> OrdinanceText:
    title = ""
    chapter: str | None = None
    articles: list[Article] = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        block = " ".join(line.strip() for line in block.splitlines()).strip()
        if not block:
            continue
        if block.startswith("# "):
            title = block[2:].strip()
            continue
        if block.startswith("## "):
            chapter = block[3:].strip()
            continue
        m = re.match(rf"^\*\*第({CN_NUM})条\*\*\s*(.*)$", block)
        if m:
            articles.append(Article(to_int(m.group(1)), chapter))
            block = m.group(2)
            if not block:
                continue
        if not articles:
            raise ValueError(f"第一条之前出现了正文：{block[:20]}…")
        item = ITEM.match(block)
        articles[-1].paragraphs.append(Paragraph(block, to_int(item.group(1)) if item else None))
    return OrdinanceText(title, articles)


def render(text: OrdinanceText) -> str:
    """The stored Markdown form; parse(render(t)) == t."""
    out = [f"# {text.title}", ""]
    chapter = None
    for art in text.articles:
        if art.chapter != chapter and art.chapter:
            chapter = art.chapter
            out += [f"## {chapter}", ""]
        for i, p in enumerate(art.paragraphs):
            out += [f"**{art.label}** {p.text}" if i == 0 else p.text, ""]
    return "\n".join(out)


# ---------------------------------------------------------------- importing PDF-extracted text


def _width(line: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)


def _ends_sentence(line: str) -> bool:
    line = line.rstrip(CLOSERS) or line
    return line[-1:] in ENDS_SENTENCE


def _starts_unit(line: str) -> bool:
    return bool(CHAPTER.match(line) or ARTICLE.match(line) or ITEM.match(line))


def clean_lines(raw: str) -> list[str]:
    """Non-empty lines, without list bullets, page numbers and running headers."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\ufeff", ""))
    lines = []
    for line in raw.split("\n"):
        line = line.strip().removeprefix("- ").strip()
        if not line or PAGE_NUMBER.match(line) or RUNNING_HEADER.match(line):
            continue
        lines.append(line)
    return lines


def import_text(raw: str) -> OrdinanceText:
    """Repair an ordinance's PDF-extracted text and read its structure.

    Lines broken mid-sentence are joined: a line that does not end a sentence always continues;
    in a hard-wrapped text (most lines at one width), a full-width line continues even when it
    ends a sentence, because the wrap, not the author, ended it there.
    """
    lines = clean_lines(raw)
    starts = [i for i, line in enumerate(lines) if CHAPTER.match(line) or ARTICLE.match(line)]
    if not starts:
        raise ValueError("找不到“第一条”：这不像一部办法的正文")
    title = lines[starts[0] - 1] if starts[0] > 0 else ""
    body = lines[starts[0] :]
    last_article = max(i for i, line in enumerate(body) if ARTICLE.match(line))
    for i in range(last_article + 1, len(body)):
        if TRAILER.search(body[i]):
            body = body[:i]
            break

    widths = Counter(round(_width(line)) for line in body)
    wrap, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    hard_wrapped = count >= 0.15 * len(body) and wrap >= 20
    full = max(w for w in widths if widths[w] >= 0.05 * len(body)) if hard_wrapped else None

    paragraphs: list[str] = []
    open_paragraph = False
    for i, line in enumerate(body):
        if open_paragraph and not _starts_unit(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        open_paragraph = not _ends_sentence(line) or (
            full is not None and _width(line) >= full - 3 and not _indented_start(body, i + 1, full)
        )
        if CHAPTER.match(line):
            open_paragraph = False

    parsed = _structure(_tidy(title), [_tidy(p) for p in paragraphs])
    problems = numbering_problems(parsed)
    if problems:
        raise ValueError(
            "条文编号有误：" + "；".join(problems) + "。请对照原文检查（第一条之前的标题、说明或页眉"
            "里是否有“第X条”开头的行，是否漏页），改正后再导入"
        )
    return parsed


def numbering_problems(text: OrdinanceText) -> list[str]:
    """Where the articles are not 第一条…第N条 in order, once each: a note above the text that
    starts with a 第X条 becomes an article, a lost page a gap."""
    problems = []
    numbers = [a.number for a in text.articles]
    if numbers and numbers[0] != 1:
        problems.append(f"第一个条文是第{to_chinese(numbers[0])}条，应从第一条开始")
    seen = set()
    for before, after in zip(numbers, numbers[1:], strict=False):
        seen.add(before)
        if after in seen:
            problems.append(f"第{to_chinese(after)}条出现了不止一次（在第{to_chinese(before)}条之后）")
        elif after != before + 1:
            problems.append(f"第{to_chinese(before)}条之后是第{to_chinese(after)}条")
    return problems


def _indented_start(body: list[str], i: int, full: int) -> bool:
    """Does body[i] look like the first line of a paragraph: two characters short of full (the
    indent), with more lines of the same paragraph after it?"""
    if i + 1 >= len(body):
        return False
    return full - 2.5 <= _width(body[i]) < full - 0.5 and not _ends_sentence(body[i])


def _tidy(text: str) -> str:
    text = SPACE_CJK_DIGIT.sub("", text)
    return SPACE_CJK_CJK.sub("", text)


def _structure(title: str, paragraphs: list[str]) -> OrdinanceText:
    articles: list[Article] = []
    chapter = None
    for para in paragraphs:
        m = CHAPTER.match(para)
        if m:
            chapter = f"第{m.group(1)}章 {m.group(2).strip()}".strip()
            continue
        m = ARTICLE.match(para)
        if m:
            articles.append(Article(to_int(m.group(1)), chapter))
            para = m.group(2).strip()
            if not para:
                continue
        item = ITEM.match(para)
        articles[-1].paragraphs.append(Paragraph(para, to_int(item.group(1)) if item else None))
    return OrdinanceText(title, articles)
