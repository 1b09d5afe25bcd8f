"""How an ordinance states a rule: its figures, each with the article they come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    """The figures of one rule in one ordinance, and the article that sets them.

    `values` are read by the rule in catalog.py; `articles` cite a part of the rule more precisely
    than `article` (a stage's publicity period, a kind of incident).
    """

    article: str
    values: dict[str, Any] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def cite(self, part: str | None = None) -> str:
        return self.articles.get(part, self.article) if part else self.article


def F(article: str, articles: dict[str, str] | None = None, **values: Any) -> Figure:  # noqa: N802
    return Figure(article, values, articles or {})


@dataclass(frozen=True)
class Silent:
    """The ordinance says nothing on this rule, so it does not apply; `note` says what it does say."""

    note: str = "办法未作规定"
    article: str = ""


@dataclass(frozen=True)
class RuleBook:
    """One ordinance's figures, by rule id. Its dates of force are in its content record."""

    ordinance: str
    figures: dict[str, Figure | Silent]

    def figure(self, rule_id: str) -> Figure | Silent:
        return self.figures.get(rule_id, Silent())
