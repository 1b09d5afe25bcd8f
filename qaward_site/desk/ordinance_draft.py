"""A new ordinance's files, drafted from its text (`qaward new ordinance`): the text as Markdown,
the ordinance record with its placeholders listed under `unverified`, the rulebook — every rule
unknown, or another ordinance's figures awaiting re-citation — and a skeleton for its rule cases.
Nothing is taken as verified: the office reads the text and states each rule."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from qaward_site.errors import QawardError
from qaward_site.records import ordinance_text
from qaward_site.records.yamlsource import dump_record
from qaward_site.rules.params import RuleBook

ID = re.compile(r"([a-z][a-z0-9-]*)-(\d{4})")
NAME = re.compile(r"^(.+?[省市区县州盟旗])(?:人民)?政府")
PLACEHOLDER = "待核对"
CASES_SKELETON = """\
# 《{title}》（{id}）的规则用例：每条已写明（stated）且可检查的规则，各需一个违反的用例和一个
# 符合的用例（格式见 tests/test_rule_cases.py 开头）。在此之前，元测试只提醒，不报错。
[]
"""


def draft_ordinance(
    ordinance_id: str,
    source: str,
    folder: Path,
    today: date,
    like: RuleBook | None = None,
) -> dict[Path, str]:
    """File → text for a new ordinance in folder (content/ordinances/); refuses what exists."""
    m = ID.fullmatch(ordinance_id)
    if m is None or "--" in ordinance_id or ordinance_id.endswith("-"):
        raise QawardError(f"办法编号 {ordinance_id} 应写作 <地区>-<年份>，如 urumqi-2025（小写字母、数字、-）")
    try:
        text = ordinance_text.import_text(source)
    except ValueError as exc:
        raise QawardError(str(exc)) from None
    title = text.title or PLACEHOLDER
    name = NAME.match(title)
    record = {
        "kind": "ordinance",
        "id": ordinance_id,
        "jurisdiction": m.group(1),
        "jurisdiction_name": name.group(1) if name else PLACEHOLDER,
        "title": title,
        "issuer": PLACEHOLDER,
        "issued": today,
        "effective": today,
        "office": PLACEHOLDER,
        "text": f"{ordinance_id}.md",
        "unverified": ["issuer", "issued", "effective", "office"]
        + ([] if name else ["jurisdiction_name"])
        + ([] if text.title else ["title"]),
    }
    header = (
        "# 由 qaward new ordinance 生成：unverified 列出的字段是占位，请按办法原文改正后从列表中删去；\n"
        "# 文号（doc_number）、有效期（expires）、废止的文件（repeals）、日历（calendar）按原文补上。\n"
    )
    files = {
        folder / f"{ordinance_id}.md": ordinance_text.render(text),
        folder / f"{ordinance_id}.yml": header + dump_record(record),
        folder / f"{ordinance_id}.rules.yml": _rulebook(ordinance_id, len(text.articles), like),
    }
    for path in files:
        if path.exists() or path.is_symlink():
            raise QawardError(f"{path} 已存在：不会覆盖")
    return files


def _rulebook(ordinance_id: str, articles: int, like: RuleBook | None) -> str:
    from qaward_site.rules.registry import registered

    rules = {}
    for rule_id in registered():
        figure = like.stated(rule_id) if like is not None else None
        if figure is not None:
            # an article number of another text is wrong for this one: unknown until re-cited
            inherited = figure.stated()
            for condition in inherited.get("conditions", []):
                condition["article"] = PLACEHOLDER
            rules[rule_id] = {"unknown": f"数值沿用 {like.ordinance}，条款待按本办法核对"} | inherited
        elif like is not None:
            said = "未作规定" if like.state(rule_id) == "silent" else "也待核对"
            rules[rule_id] = {"unknown": f"{like.ordinance} 对此{said}，待按本办法核对"}
        else:
            rules[rule_id] = {"unknown": f"尚未按全文（{articles}条）核对"}
    head = (
        "# yaml-language-server: $schema=../.schema/rulebook.schema.json\n"
        "# 由 qaward new ordinance 生成：每条规则都是 unknown（待核对）。按办法全文核对后，写明\n"
        "#   article: 第X条 和数值（删去 unknown 一行），或 silent: 办法怎么说（办法未作规定）。\n"
    )
    record = {"kind": "rulebook", "ordinance": ordinance_id, "rules": rules}
    return head + dump_record(record)


def cases_skeleton(ordinance_id: str, title: str) -> str:
    return CASES_SKELETON.format(id=ordinance_id, title=title)
