"""The rules known to the engine, by id: each with its title, the parameter class an ordinance
fills for it, how to check it and how to say it. Built-in rules and any added later register
alike (datasette's plugins)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qaward_site.rules.params import Figure

# the built-in rules (rules.catalog, which imports its topics in their order), loaded by name as
# any added module would be
BUILTIN = ("qaward_site.rules.catalog",)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    params: type[Figure]
    # given a rules.context.Context; None: a duty the records cannot show
    check: Callable[[Any], None] | None
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
    """Every rule, the built-in ones imported first (each module registers its rules)."""
    for name in BUILTIN:
        importlib.import_module(name)

    return RULES
