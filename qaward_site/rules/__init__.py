"""Rules: what each ordinance requires, checked against the records.

- `params`: one typed parameter class per rule; each figure with its article (OpenFisca-style);
- `books`: each ordinance's rulebook, read from content/ordinances/<id>.rules.yml: every rule
  stated (article and figures), silent, or unknown (待核对), every error at its file:line;
- `registry`: the rules known by id (built-in and added alike), with their parameter classes;
- `catalog/`: the rules themselves by topic, one function per rule id, reading figures only;
- `context`: what a rule sees while checking one cycle; `engine`: runs each cycle's rules;
- `facts`: what the records mean on a day (award states, objection guides, ban ends),
  computed by the same code; `state`: every programme's state on a day, gathered from the
  facts, for the site and the desk alike; `table`: the rules table;
- `progress`: where each applicant stands (its steps, who has reached a stage, what a stage
  lacks, the objections open on a day) — what the check, the facts and the desk share;
- `check`: the whole check (records, references, look-alikes, every cycle's rules);
- `published`: what the site has published, fact by fact (the ledger in data/published.json),
  and what a change to it needs: a dated correction, and where a list grew, a new period.

May import: the shared leaves, calendar/ and records/. Never desk/, site/ or cli/.

A sixth ordinance is content alone: its record, its text and its rulebook (`qaward new
ordinance`), plus its cycles. A new *kind* of rule is Python: its topic module in catalog/, its
parameter class in params.py and its cases in tests/cases/; the rulebooks that state it (a
rulebook that does not list it leaves it unknown).
"""
