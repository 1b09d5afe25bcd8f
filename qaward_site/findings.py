"""Findings: what `qaward check` reports, one per problem, each pointing at file:line:col."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from qaward_site.errors import printable

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # relative to the content folder, with forward slashes
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    ordinance: str = ""
    article: str = ""
    record: str = ""  # the id of the record at fault, where there is one

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        source = " ".join(part for part in (self.ordinance, self.article) if part)
        cite = f" [{source}]" if source else ""
        return printable(f"{where}: {self.severity} {self.rule}{cite} {self.message}")

    def as_dict(self) -> dict:
        return asdict(self)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.column, f.rule, f.message))


def to_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def summary(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "检查通过：没有发现问题。"
    return f"发现 {errors} 个错误，{warnings} 个警告。"
