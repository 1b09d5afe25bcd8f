"""The check pipeline: load the records, then run the rules of the ordinance each cycle is under."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from qaward_site.bulk import collector_paused, collector_thawed
from qaward_site.findings import Finding, sort_findings
from qaward_site.records import content as content_module
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import Content, Memo
from qaward_site.rules import engine, lookalike


def check(
    root: Path, config: SiteConfig, today: date | None = None, memo: Memo | None = None
) -> tuple[Content, list[Finding]]:
    with collector_thawed():
        content = content_module.load(root, memo)
        return content, rules_of(content, root, config, today)


def rules_of(
    content: Content, root: Path, config: SiteConfig, today: date | None = None
) -> list[Finding]:
    """Every finding on loaded content: its load's, then the rules'."""
    with collector_paused():  # the records are many and hold no cycles (bulk.collector_paused)
        findings = list(content.findings) + lookalike.findings(content)
        if not content.records and not findings:
            message = f"内容目录 {root} 中没有任何记录"
            findings.append(Finding("", 1, 1, "warning", "content", message))
        calendars = Calendars.load(content, config)
        findings += calendars.findings(content)
        findings += engine.run(content, calendars, today or date.today())
        return sort_findings(findings)
