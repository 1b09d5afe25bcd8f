"""Rules: what each ordinance requires, checked against the records.

- `params`: one typed parameter class per rule; each figure with its article (OpenFisca-style);
- `ordinances/`: one module per ordinance, stating every rule with its figures or `Silent`;
- `registry`: the rules known by id (built-in and added alike), with their parameter classes;
- `catalog/`: the rules themselves by topic, one function per rule id, reading figures only;
- `context`: what a rule sees while checking one cycle; `engine`: runs each cycle's rules;
- `facts`: what the site reads (award states, objection guides), computed by the same code.

A sixth ordinance is one new module in ordinances/ plus its content records. A new rule touches
its topic module in catalog/, its parameter class in params.py, the ordinance modules that state
it (each must, if only as `Silent`) and its cases in tests/cases/: 3 files + one per ordinance.
"""
