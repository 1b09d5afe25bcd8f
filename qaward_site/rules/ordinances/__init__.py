"""One module per ordinance, each defining RULEBOOK. Discovered, not listed: adding an ordinance
adds a module here and its records under content/ordinances/. Each book must state every
registered rule, with that rule's parameter class or `Silent`: checked when the books load."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pydantic import ValidationError

from qaward_site.rules.params import RuleBook, Silent


class RuleBookError(Exception):
    """An ordinance module that does not state its rules as the registry needs: a programming
    error in the law's data, reported whole before any check runs."""


@cache
def rulebooks() -> dict[str, RuleBook]:
    from qaward_site.rules.registry import registered

    rules = registered()
    books, problems = {}, []
    for info in pkgutil.iter_modules(__path__):
        name = f"{__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
        except ValidationError as exc:
            problems.append(f"{name}: {exc}")
            continue
        book = getattr(module, "RULEBOOK", None)
        if not isinstance(book, RuleBook):
            continue
        for rule_id in sorted(set(book.figures) - set(rules)):
            problems.append(f"{name}: 未知的规则 {rule_id}")
        for rule_id, rule in rules.items():
            figure = book.figures.get(rule_id)
            if figure is None:
                problems.append(
                    f"{name}: 没有写明规则 {rule_id}（{rule.params.__name__} 或 Silent）"
                )
            elif not isinstance(figure, Silent | rule.params):
                problems.append(
                    f"{name}: 规则 {rule_id} 应写作 {rule.params.__name__}，"
                    f"而不是 {type(figure).__name__}"
                )
        books[book.ordinance] = book
    if problems:
        raise RuleBookError("规则模块有误：\n  " + "\n  ".join(problems))
    return books
