"""The rules known to the engine, by id: each with its title, the parameter class an ordinance
fills for it, how to check it and how to say it. Built-in rules and any added later register
alike (datasette's plugins)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qaward_site.rules.params import Figure

if TYPE_CHECKING:
    from qaward_site.rules.context import Context


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    params: type[Figure]
    check: Callable[[Context], None] | None  # None: a duty the records cannot show
    describe: Callable[[Figure], str]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, params: type[Figure], describe: Callable[[Figure], str]):
    """Register a rule checked on the records."""

    def register(check):
        RULES[rule_id] = Rule(rule_id, title, params, check, describe)
        return check

    return register


def duty(rule_id: str, title: str, params: type[Figure], describe: Callable[[Figure], str]) -> None:
    """Register a rule that binds the winner or the office but leaves no trace in the records."""
    RULES[rule_id] = Rule(rule_id, title, params, None, describe)


def registered() -> dict[str, Rule]:
    """Every rule, the built-in ones imported first."""
    from qaward_site.rules import catalog  # noqa: F401  (each module registers its rules)

    return RULES
