"""References between records: every field that names another record must name one of the
right kind, and an applicant listed on a notice or decision must belong to its cycle."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from qaward_site.findings import Finding
from qaward_site.records import Applicant, Decision, Notice, Objection
from qaward_site.records.fieldtypes import Ref


@cache
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None, bool], ...]:
    """(field, Ref, holds nested models) for the fields of model that can lead to a reference."""
    out = []
    for name, info in model.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        nested = any(
            isinstance(a, type) and issubclass(a, BaseModel) and _reference_fields(a)
            for a in getattr(info.annotation, "__args__", ())
        )
        if ref is not None or nested:
            out.append((name, ref, nested))
    return tuple(out)


def reference_paths(record: BaseModel, prefix: tuple = ()):
    """(path, Ref, target id) for every field of record that names another record."""
    for name, ref, nested in _reference_fields(type(record)):
        value = getattr(record, name)
        if ref is not None and value is not None:
            yield (*prefix, name), ref, value
        elif nested:
            for i, item in enumerate(value):
                yield from reference_paths(item, (*prefix, name, i))


def check_references(content) -> None:  # a records.content.Content
    # records that did not load have their own error: a reference to one is not a second fault
    unloaded = {
        f.record for f in content.findings if f.is_error and f.record not in content.records
    }
    for record in list(content.records.values()):
        for path, ref, target in reference_paths(record):
            found = content.records.get(target)
            if found is None and target in unloaded:
                continue
            if found is None:
                message = f"{record.label} {record.id} 的 {path[-1]}: {target} 不存在"
            elif found.kind not in ref.kinds:
                message = (
                    f"{record.label} {record.id} 的 {path[-1]}: {target} 是{found.label}"
                    f"（{found.kind}），应为 {'/'.join(ref.kinds)}"
                )
            else:
                continue
            line, col = record.where(*path)
            content.findings.append(
                Finding(record.file, line, col, "error", "reference", message, record=record.id)
            )
    _check_same_cycle(content)
    _check_one_party_once(content)


def _check_one_party_once(content) -> None:
    """One cycle, one application per party: two applicants with one credit code (a unit
    without its own is keyed by its parent's code and name) or one ID number are one applicant
    entered twice — its two records would be judged, and could be awarded, separately."""
    first: dict[tuple, Applicant] = {}
    for a in sorted(content.all(Applicant), key=lambda a: (a.cycle, a.id)):
        keys = [("统一社会信用代码", a.credit_code), ("身份证号", a.id_number)]
        for label, value in keys:
            if not value:
                continue
            other = first.setdefault((a.cycle, label, value), a)
            if other is a:
                continue
            field = "credit_code" if label == "统一社会信用代码" else "id_number"
            line, col = a.where(field)
            content.findings.append(
                Finding(
                    a.file,
                    line,
                    col,
                    "error",
                    "reference",
                    f"申报者 {a.id} 与 {other.id}（{other.file}）的{label}相同：同一届只能申报一次，"
                    "请合并为一份记录或改正其中一个",
                    record=a.id,
                )
            )


def _check_same_cycle(content) -> None:
    """An applicant listed on a notice or decision must belong to that cycle."""

    def check(record, cycle_id: str, path: tuple, applicant_id: str, what: str):
        applicant = content.get(applicant_id, Applicant)
        if applicant is not None and applicant.cycle != cycle_id:
            line, col = record.where(*path)
            content.findings.append(
                Finding(
                    record.file,
                    line,
                    col,
                    "error",
                    "reference",
                    f"{record.label} {record.id} 的{what} {applicant_id} 属于 {applicant.cycle}，"
                    f"不属于 {cycle_id}",
                    record=record.id,
                )
            )

    for notice in content.all(Notice):
        for i, entry in enumerate(notice.entries):
            check(notice, notice.cycle, ("entries", i, "applicant"), entry.applicant, "名单")
    for decision in content.all(Decision):
        for i, award in enumerate(decision.awards):
            check(decision, decision.cycle, ("awards", i, "applicant"), award.applicant, "获奖者")
    for objection in content.all(Objection):
        notice = content.get(objection.notice, Notice)
        if notice is not None:
            check(objection, notice.cycle, ("applicant",), objection.applicant, "被异议者")
