"""Modules that moved into the layer folders stay importable by their former names, so code
written against them (an office's scripts, tests) keeps working: `qaward_site.content` is the
same module object as `qaward_site.records.content`."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

FORMER_NAMES = {
    "qaward_site.yamlsource": "qaward_site.records.yamlsource",
    "qaward_site.fieldtypes": "qaward_site.records.fieldtypes",
    "qaward_site.validation": "qaward_site.records.validation",
    "qaward_site.references": "qaward_site.records.references",
    "qaward_site.content": "qaward_site.records.content",
    "qaward_site.fielddocs": "qaward_site.records.fielddocs",
    "qaward_site.ordinance_text": "qaward_site.records.ordinance_text",
    "qaward_site.config": "qaward_site.records.config",
    "qaward_site.workdays": "qaward_site.calendar.workdays",
    "qaward_site.calendars": "qaward_site.records.calendars",
    "qaward_site.calendar_import": "qaward_site.calendar.importer",
    "qaward_site.check": "qaward_site.rules.check",
    "qaward_site.lookalike": "qaward_site.rules.lookalike",
    "qaward_site.site.model": "qaward_site.rules.state",
    "qaward_site.drafts": "qaward_site.desk.drafts",
    "qaward_site.clerk": "qaward_site.desk.clerk",
    "qaward_site.agenda": "qaward_site.desk.agenda",
    "qaward_site.sheets": "qaward_site.desk.sheets",
    "qaward_site.editor": "qaward_site.desk.editor",
    "qaward_site.schema": "qaward_site.desk.schema",
    "qaward_site.ordinance_draft": "qaward_site.desk.ordinance_draft",
    "qaward_site.cli_desk": "qaward_site.cli.desk",
}


class _FormerNames(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in FORMER_NAMES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(FORMER_NAMES[spec.name])

    def exec_module(self, module):
        pass  # the module ran under its own name


def install() -> None:
    if not any(isinstance(f, _FormerNames) for f in sys.meta_path):
        sys.meta_path.append(_FormerNames())
