"""The office's desk: what a clerk writes next, computed by the same rules the check runs.

- `drafts` (a cycle, an objection, a decision, a revocation) and `clerk` (a notice);
  `ordinance_draft`: a new ordinance's four files;
- `agenda`: what is due, soonest first; `sheets`: the 申报汇总表 in and out;
- `schema`: JSON Schema for the editor; `editor`: the modeline a written record carries.

May import: the shared leaves, calendar/, records/, rules/. Never site/ or cli/: what both the
desk and the site show (a programme's state on a day) lives in rules.state.
"""
