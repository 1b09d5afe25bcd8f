"""One module per ordinance, each defining RULEBOOK. Discovered, not listed: adding an ordinance
adds a module here and its records under content/ordinances/."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from qaward_site.rules.figures import RuleBook


@cache
def rulebooks() -> dict[str, RuleBook]:
    books = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        book = getattr(module, "RULEBOOK", None)
        if isinstance(book, RuleBook):
            books[book.ordinance] = book
    return books
