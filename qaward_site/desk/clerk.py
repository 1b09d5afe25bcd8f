"""Drafts for the clerk: records written so that nobody counts days by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from qaward_site.errors import QawardError
from qaward_site.records import Cycle
from qaward_site.records.calendars import Calendars
from qaward_site.records.content import Content
from qaward_site.records.yamlsource import dump_record
from qaward_site.rules.books import book_of, rulebooks
from qaward_site.rules.context import Context
from qaward_site.rules.progress import earliest_end, missing_before, reached, steps_of
from qaward_site.vocabulary import STAGE_NAMES


def draft_notice(
    content: Content,
    cycle_id: str,
    stage: str,
    start: date | None,
    calendars: Calendars,
    today: date,
    days: int | None = None,
) -> tuple[Path, str]:
    """`days`: the period's length where the ordinance's is not yet verified (待核对)."""
    cycle = content.get(cycle_id, Cycle)
    if cycle is None:
        raise QawardError(f"没有评选届次 {cycle_id}")
    ordinance = content.ordinance_of(cycle)
    book = book_of(content, ordinance)
    if book is None:
        raise QawardError(f"{cycle_id} 的办法没有可用的规则文件（先运行 qaward check），无法计算公示期")
    calendar = calendars.of(ordinance)
    ctx = Context(content, cycle, ordinance, rulebooks(content), calendar, today)
    ctx.figure = book.figure("publicity-period")
    _check_period(ordinance, book, ctx.figure, stage, days)
    ready = reached(ctx, stage)
    if not ready:
        raise QawardError(
            f"{cycle_id} 没有待列入{STAGE_NAMES[stage]}的申报者：已通过此前全部环节、"
            f"尚未列入这一公示的，一个也没有" + _what_each_lacks(ctx, book, stage)
        )
    earliest = max(last for _a, last in ready) + timedelta(days=1)
    if start is None:
        start = max(earliest, today)
        while not calendar.is_workday(start):
            start += timedelta(days=1)
    elif start < earliest:
        raise QawardError(
            f"公示不能早于 {earliest} 开始：前一环节到 {earliest - timedelta(days=1)} 才结束"
        )
    end = earliest_end(ctx, stage, start) if days is None else calendar.period_end(start, days)
    entries = _entries([a for a, _last in sorted(ready, key=lambda r: r[0].id)], stage, book)
    title = (
        cycle.title or f"{cycle.year}年度{ordinance.award}"
    ) + STAGE_NAMES[stage]
    record = {
        "kind": "notice",
        "id": f"{cycle.id}-{stage.removesuffix('_publicity')}",
        "cycle": cycle.id,
        "stage": stage,
        "title": title,
        "published": start,
        "start": start,
        "end": end,
        "entries": entries,
    }
    if record["id"] in content.records:
        raise QawardError(f"已有记录 {record['id']}（{content.records[record['id']].file}）")
    header = _header(ctx, book, stage, end, days)
    path = content.root / (Path(cycle.file).parent) / "notices" / f"{record['id']}.yml"
    return path, header + dump_record(record)


def _check_period(ordinance, book, figure, stage: str, days: int | None) -> None:
    """--days only where the ordinance's period is not yet verified, and then required."""
    period_state = book.state("publicity-period")
    if period_state == "unknown":
        if days is None:
            raise QawardError(
                f"《{ordinance.title}》的公示期待核对（{figure.note}）：请用 --days N 写明公示"
                "几个工作日，草稿会注明它不是取自办法"
            )
    elif days is not None:
        raise QawardError(
            f"《{ordinance.title}》已规定公示期（{figure.cite(stage) if period_state == 'stated' else figure.note}），"
            "不能用 --days 另定"
        )
    elif period_state == "silent" or stage not in figure.stages:
        raise QawardError(
            f"{ordinance.id} 没有规定{STAGE_NAMES[stage]}的公示期：这一环节不由办公室公示"
        )


def _entries(applicants, stage: str, book) -> list[dict]:
    entries = []
    quota = book.stated("quota")
    levels = dict(quota.levels) if quota is not None else {"award": None}
    for applicant in applicants:
        entry = {"applicant": applicant.id}
        if stage == "proposal_publicity":
            # a first guess within the quota; the committee's deliberation decides the levels
            level = next((lv for lv, n in levels.items() if n is None or n > 0), "award")
            if levels.get(level):
                levels[level] -= 1
            entry["level"] = level
        entries.append(entry)
    return entries


def _header(ctx, book, stage: str, end, days: int | None) -> str:
    """What the draft computed and from which article, as comments above the record."""
    if days is None:
        header = (
            f"# 由 qaward new notice 生成：{STAGE_NAMES[stage]}最早可在 {end} 结束"
            f"（{ctx.figure.cite(stage)}）。\n"
        )
    else:
        header = (
            f"# 由 qaward new notice 生成：公示期按 --days {days} 计（{days}个工作日，至 {end}），"
            "不是取自办法——办法的公示期待核对，请按全文核对后改正。\n"
        )
    if book.state("stage-order") == "unknown":
        header += "# 办法的评审环节顺序待核对：列入的是已通过全部已记录环节的申报者，请核对。\n"
    if stage == "proposal_publicity":
        header += "# level 按名额预填，请按审议结果核对。\n"
    return header


def _what_each_lacks(ctx: Context, book, stage: str) -> str:
    """For each applicant, the first stage before this one the records do not show."""
    order = book.stated("stage-order")
    if order is None or stage not in order.sequence:
        return ""
    lines = []
    for a in ctx.applicants():
        missing = missing_before(order, a, steps_of(ctx, a), stage)
        if missing:
            lines.append(f"\n  {a.id}（{a.name}）：还没有{STAGE_NAMES[missing[0]]}的记录")
    return "".join(lines[:20]) + (f"\n  ……另有 {len(lines) - 20} 个" if len(lines) > 20 else "")
