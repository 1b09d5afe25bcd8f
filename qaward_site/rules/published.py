"""What the site has published, fact by fact, and how a rebuild may change it.

A 公示 is a legal act: the public objects to what it saw, within a period counted from the day it
saw it. So a fact the site has published — a notice's title, period and list; a decision's 文号
and awards; a sanction's grounds, date and ban — changes only by a dated correction (更正) on its
record, and each correction keeps the version it replaced. The record of what was published (the
ledger) is published with the site (data/published.json); the next build and the check read it
back and compare. A first build, and a fact not published before, are free.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date

from qaward_site.errors import LedgerUnreadable
from qaward_site.findings import Finding
from qaward_site.records import Applicant, Decision, Disqualification, Notice, Revocation
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.rules.books import stated
from qaward_site.rules.facts import ban_end, grounds_words
from qaward_site.vocabulary import LEVEL_NAMES, STAGE_NAMES, cn_date

FORMAT = 1
RULE = "published-record"
KINDS = (Notice, Decision, Revocation, Disqualification)
KIND_NAMES = {
    "notice": "公示",
    "decision": "表彰决定",
    "revocation": "撤销奖励",
    "disqualification": "取消资格",
}
# the facts a correction of which means the list the public could object to was not the one
# now shown: the ordinance's publicity period runs again from the correction
LIST_FACTS = ("名单",)

Facts = dict[str, "str | list[str]"]


def key_of(record) -> str:
    return f"{record.kind}/{record.id}"


def facts_of(content: Content, record) -> Facts:
    """What the site shows of a record that the public may rely on, in the words it shows them
    (the keys and their order are what an earlier version's page lists)."""
    if isinstance(record, Notice):
        levels = record.stage == "proposal_publicity"
        return {
            "标题": record.title,
            "公示环节": STAGE_NAMES[record.stage],
            "发布日期": cn_date(record.published),
            "公示期": f"{cn_date(record.start)}至{cn_date(record.end)}",
            "名单": [
                _named(content, e.applicant, e.proposed_level if levels else None)
                for e in record.entries
            ],
        }
    if isinstance(record, Decision):
        return {
            "标题": record.title or "",
            "文号": record.doc_number or "",
            "日期": cn_date(record.date),
            "奖项": [_named(content, a.applicant, a.level) for a in record.awards],
        }
    end = ban_end(content, record)
    return {
        "对象": _named(content, record.applicant, None),
        "文号": record.doc_number or "",
        "日期": cn_date(record.date),
        "事由": grounds_words(content, record),
        "申报限制": f"至{cn_date(end)}（含当日）" if end else "无",
    }


def _named(content: Content, applicant_id: str, level: str | None) -> str:
    applicant = content.get(applicant_id, Applicant)
    name = applicant.name if applicant else applicant_id
    return f"{name}（{LEVEL_NAMES[level]}）" if level else name


@dataclass
class Ledger:
    """Per record (key "notice/<id>"): its facts, the day each was first published, its
    corrections (each with what it changed and the version it replaced) and those versions."""

    records: dict[str, dict]

    @classmethod
    def empty(cls) -> Ledger:
        return cls({})

    @classmethod
    def from_json(cls, text: str, where: str) -> Ledger:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT or not isinstance(data.get("records"), dict):
                raise ValueError("格式不对")
            return cls(data["records"])
        except (ValueError, AttributeError) as e:
            raise LedgerUnreadable(
                f"{where}：上次发布的内容记录无法读取（{e}）。它是判断哪些已发布内容被改动的依据，"
                "不能当作没有发布过：请从备份恢复原网站目录；确实要从头发布，先把原网站目录移走"
            ) from None

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "说明": "本网站发布过的每项内容、首次发布日期、每次更正及更正前的版本",
            "records": self.records,
        }
        # records in key order; within a record, facts in the order the page lists them
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def get(self, record) -> dict | None:
        return self.records.get(key_of(record))

    def corrections(self) -> list[dict]:
        """Every correction across records, newest first, each with its record's key."""
        out = [
            {**c, "key": key, "kind": entry["kind"], "id": entry["id"], "label": entry["label"]}
            for key, entry in self.records.items()
            for c in entry["corrections"]
        ]
        return sorted(out, key=lambda c: (c["date"], c["key"]), reverse=True)


def review(
    previous: Ledger | None,
    content: Content,
    calendars: Calendars,
    today: date,
    source: str = "site/data/published.json",
) -> tuple[Ledger, list[Finding]]:
    """The ledger of the site about to be published, and what stops it: a published fact changed
    or gone without a correction, a correction removed, a correction whose list change the
    ordinance's publicity period has not yet run for."""
    previous = previous or Ledger.empty()
    records: dict[str, dict] = {}
    findings: list[Finding] = []
    for record in (r for kind in KINDS for r in content.all(kind)):
        key = key_of(record)
        old = previous.records.get(key)
        entry, problems = _advance(old, record, facts_of(content, record), today)
        findings += problems
        latest = entry["corrections"][-1] if entry["corrections"] else None
        if latest is not None and latest.get("republish") == "pending":
            findings += _republication(content, calendars, record, latest)
        records[key] = entry
    # a record that did not load is said once, by its own error, not again as a record gone
    unreadable = any(f.is_error for f in content.findings)
    for key, old in previous.records.items():
        if key not in records:
            if not unreadable:
                findings.append(_gone(old, source))
            records[key] = old  # what a refused build would have dropped stays on record
    return Ledger(dict(sorted(records.items()))), findings


def _advance(old: dict | None, record, now: Facts, today: date) -> tuple[dict, list[Finding]]:
    day = today.isoformat()
    # a record the office published before this site existed: its own date, not the first build's
    first = min(today, _published_on(record)).isoformat()
    stated_corrections = [(c.date.isoformat(), c.note) for c in record.corrections]
    if old is None:
        entry = {
            "kind": record.kind,
            "id": record.id,
            "label": _label(record, now),
            "facts": now,
            "since": {name: first for name, value in now.items() if value},
            "corrections": [
                {"date": d, "note": n, "changed": [], "version": None}
                for d, n in stated_corrections
            ],
            "versions": [],
        }
        return entry, []
    entry = copy.deepcopy(old)
    entry["label"] = _label(record, now)
    known = [(c["date"], c["note"]) for c in old["corrections"]]
    problems = []
    dropped = [k for k in known if k not in stated_corrections]
    if dropped:
        problems.append(_dropped(record, dropped))
    fresh = [(d, n) for d, n in stated_corrections if (d, n) not in known]
    changed = [name for name, value in old["facts"].items() if value and now.get(name) != value]
    if changed and not fresh:
        problems.append(_uncorrected(record, old, now, changed, today))
        return old, problems
    version = None
    if changed:
        version = len(old["versions"]) + 1
        entry["versions"].append(
            {"n": version, "facts": old["facts"], "since": old["since"], "until": day}
        )
    for name, value in now.items():
        if value and (name in changed or not old["facts"].get(name)):
            entry["since"][name] = day
    entry["facts"] = now
    for d, n in fresh:
        entry["corrections"].append(
            {"date": d, "note": n, "changed": changed, "version": version, "recorded": day}
        )
    if fresh and any(name in LIST_FACTS for name in changed) and _list_grew(old["facts"], now):
        entry["corrections"][-1]["republish"] = "pending"
    return entry, problems


def _published_on(record) -> date:
    return record.published if isinstance(record, Notice) else record.date


def _label(record, now: Facts) -> str:
    title = now.get("标题") or now.get("文号") or now.get("对象") or record.id
    return f"{KIND_NAMES[record.kind]}：{title}" if record.kind != "notice" else str(title)


def _list_grew(old: Facts, now: Facts) -> bool:
    """Names added or levels changed: the public has not had its period to object to them."""
    before = set(old.get("名单") or [])
    return any(item not in before for item in now.get("名单") or [])


def _republication(
    content: Content, calendars: Calendars, record, correction: dict
) -> list[Finding]:
    """Where a correction adds to a notice's list or changes a level, the ordinance's period runs
    again from the correction: the notice must not end before it has."""
    corrected = date.fromisoformat(correction["date"])
    correction["republish"] = {"from": corrected.isoformat(), "to": record.end.isoformat()}
    cycle = content.cycle_of(record)
    ordinance = content.ordinance_of(cycle) if cycle else None
    figure = stated(content, ordinance, "publicity-period") if ordinance else None
    if figure is None or record.stage not in figure.stages:
        return []
    earliest = figure.earliest_end(record.stage, corrected, calendars.of(ordinance))
    if earliest is None or record.end >= earliest:
        return []
    line, column = record.where("end")
    return [
        Finding(
            record.file,
            line,
            column,
            "error",
            RULE,
            f"这次更正改变了公示名单（增加了名字或改变了奖项），公众还没有对新名单提出异议的机会："
            f"公示期{figure.requirement(record.stage)}，须自更正之日（{cn_date(corrected)}）起重新计算，"
            f"最早 {cn_date(earliest)} 结束，而记录的结束日是 {cn_date(record.end)}。"
            f"请把 end 改为 {earliest} 或更晚（网站的公示状态随之改变）",
            ordinance.id,
            figure.cite(record.stage),
            record.id,
        )
    ]


def _uncorrected(record, old: dict, now: Facts, changed: list[str], today: date) -> Finding:
    lines = []
    for name in changed:
        before, after = old["facts"][name], now.get(name)
        since = cn_date(old["since"].get(name, ""))
        if isinstance(before, list):
            removed = [x for x in before if x not in (after or [])]
            added = [x for x in after or [] if x not in before]
            parts = [
                f"删去 {'、'.join(removed)}" if removed else "",
                f"增加 {'、'.join(added)}" if added else "",
            ]
            what = "；".join(p for p in parts if p) or "顺序改变"
        else:
            what = f"“{before}” 改为 “{after or '（空）'}”"
        lines.append(f"「{name}」（{since} 起已发布）{what}")
    return _error(
        record,
        f"{KIND_NAMES[record.kind]} {record.id} 已发布的内容改变了，但没有更正说明："
        + "；".join(lines)
        + "。已发布的内容只能以公开的更正改变：在这条记录中加上\n"
        f"    corrections:\n      - date: {today.isoformat()}\n        note: 更正原因（公众会看到）\n"
        "  或者改回原来的内容",
    )


def _dropped(record, dropped: list[tuple[str, str]]) -> Finding:
    listed = "；".join(f"{d} {n}" for d, n in dropped)
    return _error(
        record,
        f"{KIND_NAMES[record.kind]} {record.id} 已发布的更正说明不见了（{listed}）：更正说明本身也已公开，"
        "不能删除或改写。请把它按原样放回 corrections；要补充说明，另加一项更正",
        "corrections" if record.corrections else None,
    )


def _error(record, message: str, field: str | None = None) -> Finding:
    """An error on a record, at the field it is about (else at the record)."""
    line, column = record.where(field) if field else record.where()
    return Finding(record.file, line, column, "error", RULE, message, record=record.id)


def _gone(old: dict, source: str) -> Finding:
    return Finding(
        source,
        1,
        1,
        "error",
        RULE,
        f"已发布的{KIND_NAMES.get(old['kind'], old['kind'])} {old['id']}（{old['label']}）"
        "在记录中不存在了：已发布的内容不能悄悄消失（--allow-shrink 也不能）。请恢复这条记录；"
        "确要撤回，恢复记录后在其中加上 corrections（date 撤回日期、note 撤回原因），"
        "网站会在页面顶部说明撤回，并保留原来的版本",
        record=old["id"],
    )
