"""The rules of rules.md, one function per rule id, by topic. Figures come from the ordinance's
rulebook file (content/ordinances/<id>.rules.yml, typed by rules/params.py, read by rules.books);
no number of any ordinance is written here. rules.registry loads the topics (BUILTIN), in the
order `qaward rules` and the site list them; a rule added elsewhere registers the same way."""
