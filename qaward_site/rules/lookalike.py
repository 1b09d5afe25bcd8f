"""Names that look like others: invisible and direction-changing characters in what the site
shows as a name or title. Two awardees must not look identical while being different text, and
a right-to-left override can make a name read backwards."""

from __future__ import annotations

import re

from qaward_site.findings import Finding
from qaward_site.records import Applicant, Cycle, Decision, Notice, Ordinance
from qaward_site.records.content import Content

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_SHOWN = {Applicant: "name", Notice: "title", Cycle: "title", Decision: "title", Ordinance: "title"}


def findings(content: Content) -> list[Finding]:
    out = []
    for kind, field in _SHOWN.items():
        for record in content.all(kind):
            value = getattr(record, field) or ""
            for pattern, what in ((_BIDI, "改变文字方向的控制字符"), (_INVISIBLE, "不可见字符")):
                found = pattern.search(value)
                if found:
                    line, col = record.where(field)
                    out.append(
                        Finding(
                            record.file,
                            line,
                            col,
                            "warning",
                            "lookalike",
                            f"{record.label} {record.id} 的 {field} 含有{what} "
                            f"U+{ord(found.group()):04X}：显示出来与不含它的文字一样，请删去",
                            record=record.id,
                        )
                    )
    return out
