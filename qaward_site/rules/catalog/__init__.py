"""The rules of rules.md, one function per rule id, by topic. Figures come from the ordinance's
rulebook file (content/ordinances/<id>.rules.yml, typed by rules/params.py, read by rules.books);
no number of any ordinance is written here.

Importing this package (rules.registry loads it by name, as it would any added module)
registers every built-in rule, topic by topic in the order below, which is the order `qaward
rules` and the site list them — whichever topic module happens to be imported first."""

import importlib

TOPICS = ("force", "eligibility", "procedure", "objections", "awards", "sanctions", "duties")

for _topic in TOPICS:
    importlib.import_module(f"{__name__}.{_topic}")
