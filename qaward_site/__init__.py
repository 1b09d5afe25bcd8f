"""qaward-site: check and publish the records of a government quality award (政府质量奖).

The folders are the layers, each importing only those below it:

    cli/       the `qaward` command: one module per command family
    site/      the public site: pages, mkdocs build, search, verification, swap into place
    desk/      the office's desk: drafts, agenda, spreadsheets, the editor's schema
    rules/     each ordinance's rulebook, the rules, the check, what the records mean today
    records/   YAML with positions, the record models, the loaded content, the calendars
    calendar/  working-day arithmetic and the holiday notices' importer
    (leaves)   vocabulary, findings, errors, formats, numerals, bulk, cachedir

dev/ holds the benchmark (developers only). The site's templates are the project's top-level
templates/ folder, shipped inside the wheel.
"""

from qaward_site import _moved

__version__ = "0.1.0"

_moved.install()
