"""The public site: pages from the checked records, built with mkdocs-material.

check → pages (rules.state → render → exports) → mkdocs_build → search → verify (privacy,
links, no outside requests) → output (swap into place). build.py lists the stages; `serve`
previews. The pages' templates are the project's top-level templates/ (shipped in the wheel).

May import: everything below it (the leaves, records/, calendar/, rules/). Only cli/ (and the
developers' dev/ benchmark) imports site/.
"""
