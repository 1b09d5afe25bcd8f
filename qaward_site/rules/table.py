"""The rules as data: every rule of every ordinance, with its article, figures, whether it applies,
and the article's words. `qaward rules` prints it; the site's rule pages are generated from it."""

from __future__ import annotations

from qaward_site.records.content import Content
from qaward_site.rules.books import rulebooks
from qaward_site.rules.registry import registered


def rule_table(content: Content, ordinance: str | None = None) -> list[dict]:
    rows = []
    for book_id, book in sorted(rulebooks(content).items()):
        if ordinance and book_id != ordinance:
            continue
        text = content.texts.get(book_id)
        for rule in registered().values():
            figure = book.figure(rule.id)
            stated = book.state(rule.id) == "stated"
            row = {
                "ordinance": book_id,
                "rule": rule.id,
                "title": rule.title,
                "state": book.state(rule.id),
                "applies": stated,
                "checked": stated and rule.check is not None,
                "article": figure.cite() if stated else figure.article,
                "summary": rule.describe(figure) if stated else figure.note,
                "figures": figure.stated() if stated else {},
                "articles": dict(figure.articles) if stated else {},
            }
            if text is not None and row["article"]:
                row["text"] = [
                    {"label": art.label, "anchor": anchor, "text": "\n".join(p.text for p in paras)}
                    for art, paras, anchor in text.resolve(row["article"])
                ]
            rows.append(row)
    return rows
