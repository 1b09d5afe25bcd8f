"""Rules: what each ordinance requires, checked against the records.

- `figures`: how an ordinance states its figures (each with its article), OpenFisca-style;
- `catalog`: the rules themselves, one function per rule id, reading figures, never literals;
- `ordinances/`: one module per ordinance, holding only its figures;
- `engine`: picks each cycle's ordinance and runs its rules.

A sixth ordinance is one new module in ordinances/ plus its content records.
"""
