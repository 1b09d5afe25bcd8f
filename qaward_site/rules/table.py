"""The rules as data: every rule of every ordinance, with its article, figures, whether it applies,
and the article's words. `qaward rules` prints it; the site's rule pages are generated from it."""

from __future__ import annotations

from qaward_site.content import Content
from qaward_site.rules.ordinances import rulebooks
from qaward_site.rules.params import Silent
from qaward_site.rules.registry import registered


def rule_table(content: Content | None = None, ordinance: str | None = None) -> list[dict]:
    rows = []
    for book_id, book in sorted(rulebooks().items()):
        if ordinance and book_id != ordinance:
            continue
        text = content.texts.get(book_id) if content else None
        for rule in registered().values():
            figure = book.figure(rule.id)
            silent = isinstance(figure, Silent)
            row = {
                "ordinance": book_id,
                "rule": rule.id,
                "title": rule.title,
                "applies": not silent,
                "checked": not silent and rule.check is not None,
                "article": figure.article if silent else figure.cite(),
                "summary": figure.note if silent else rule.describe(figure),
                "figures": {} if silent else figure.stated(),
                "articles": {} if silent else dict(figure.articles),
            }
            if text is not None and row["article"]:
                row["text"] = [
                    {"label": art.label, "anchor": anchor, "text": "\n".join(p.text for p in paras)}
                    for art, paras, anchor in text.resolve(row["article"])
                ]
            rows.append(row)
    return rows
