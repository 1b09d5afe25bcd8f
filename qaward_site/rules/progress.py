"""Where each applicant stands in its cycle: the steps the records show (its own stages and the
notices that list it), who has reached a stage, what a stage still lacks, when a period may end,
which objections are still open on a day. The check (catalog/procedure), the facts and the
desk's drafts all ask here, so that they read the records one way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qaward_site.records import Applicant, Objection, Record
from qaward_site.rules.context import Context
from qaward_site.rules.params import StageOrder


@dataclass
class Step:
    """One stage an applicant went through: from its own record or from a notice listing it."""

    code: str
    first: date
    last: date
    result: str
    record: Record
    path: tuple
    reason: str | None = None  # why it was returned (None: incomplete)

    @property
    def ends_the_year(self) -> bool:
        """Returned for anything but incomplete materials: no 补报 this year."""
        return self.result == "returned" and (self.reason or "incomplete") != "incomplete"


def steps_of(ctx: Context, applicant: Applicant) -> list[Step]:
    steps = [
        Step(s.stage, s.first_day, s.last_day, s.result, applicant, ("stages", i), s.reason)
        for i, s in enumerate(applicant.stages)
    ]
    for notice, i in ctx.content.listings(applicant):
        if notice.cycle == ctx.cycle.id:
            steps.append(
                Step(notice.stage, notice.start, notice.end, "passed", notice, ("entries", i))
            )
    return steps


def reached(ctx: Context, stage: str) -> list[tuple[Applicant, date]]:
    """Applicants that passed every stage the ordinance puts before `stage`, with the last day of
    the latest of those stages (the new stage must come after it)."""
    f = ctx.book.stated("stage-order")
    # an order not yet verified (待核对): whoever has passed every stage recorded so far
    unordered = f is None and ctx.book.state("stage-order") == "unknown"
    if not unordered and (f is None or stage not in f.sequence):
        return []
    before = None if unordered else f.sequence[: f.sequence.index(stage)]
    out = []
    for a in ctx.applicants():
        if ctx.content.disqualifications(a):
            continue
        steps = steps_of(ctx, a)
        passed = {s.code for s in steps if s.result == "passed"}
        # a stage returned for 补报 and then passed is passed; failed, or still returned, is out
        if any(s.result != "passed" and s.code not in passed for s in steps):
            continue
        if any(s.ends_the_year for s in steps):  # returned for untrue, ineligible or fraud
            continue
        if any(s.code == stage for s in steps):
            continue
        if before is None:
            out.append((a, max((s.last for s in steps), default=ctx.cycle.call_published)))
            continue
        if not missing_before(f, a, steps, stage):
            last = max(
                (s.last for s in steps if s.code in before), default=ctx.cycle.call_published
            )
            out.append((a, last))
    return out


def missing_before(f: StageOrder, a: Applicant, steps: list[Step], stage: str) -> list[str]:
    """The stages the ordinance puts before `stage` that the records do not show the applicant
    went through (an optional one, or one not held for individuals, is not missing)."""
    skip = set(f.optional) | (set(f.organisations_only) if a.type == "individual" else set())
    done = {s.code for s in steps}
    before = f.sequence[: f.sequence.index(stage)]
    return [code for code in before if code not in done and code not in skip]


def earliest_end(ctx: Context, stage: str, start: date) -> date | None:
    """The first day a publicity period beginning on start may end, or None where the ordinance
    sets no period for that stage."""
    f = ctx.book.stated("publicity-period")
    return f.earliest_end(stage, start, ctx.calendar) if f is not None else None


def objections_on(ctx: Context, applicant: Applicant, day: date) -> list[Objection]:
    """The objections on applicant raised by day and handled as objections (not withdrawn, not
    refused acceptance): what an award on that day must have settled."""
    return [
        o
        for n in ctx.content.notices(ctx.cycle)
        for o in ctx.content.objections(n)
        if o.applicant == applicant.id
        and o.received <= day
        and o.outcome not in ("withdrawn", "not_accepted")
    ]


def open_on(o: Objection, day: date) -> bool:
    """Still being handled on day: pending, or decided only after it."""
    return o.outcome == "pending" or (o.decided is not None and o.decided > day)
