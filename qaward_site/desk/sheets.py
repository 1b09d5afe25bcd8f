"""The 申报汇总表: applicants in and out of a spreadsheet (xlsx via openpyxl, or csv).

Columns are found by their Chinese headers. Every bad cell is reported as FILE:工作表!C7 with the
message `qaward check` gives; nothing is written unless every row is valid. Re-importing updates
each applicant found by id, credit code or ID number, keeping what the sheet does not hold
(stages, incidents); new rows get the next id of the cycle.
"""

from __future__ import annotations

import csv
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from qaward_site.bulk import signals_held
from qaward_site.desk.editor import keep_modeline, record_text, set_fields
from qaward_site.errors import QawardError
from qaward_site.formats import from_spreadsheet, spreadsheet_safe
from qaward_site.records import Applicant, Cycle
from qaward_site.records.content import Content
from qaward_site.records.validation import validate
from qaward_site.records.yamlsource import Document, dump_record, read_document

# header → field, in the order the sheet is written
COLUMNS = {
    "编号": "id",
    "申报类型": "type",
    "单位名称": "name",
    "姓名": "name",
    "统一社会信用代码": "credit_code",
    "所属组织统一社会信用代码": "parent_credit_code",
    "身份证号": "id_number",
    "成立日期": "established",
    "所属行业": "sector",
    "推荐单位": "recommender",
    "工作单位": "employer",
    "独立法人": "legal_person",
    "新技术新产业新业态新模式": "new_economy",
    "最高管理者": "top_manager",
    "不公开的项目": "confidential",
}
EXPORTED = [
    "编号",
    "申报类型",
    "单位名称",
    "统一社会信用代码",
    "所属组织统一社会信用代码",
    "身份证号",
    "成立日期",
    "所属行业",
    "推荐单位",
    "工作单位",
    "独立法人",
    "新技术新产业新业态新模式",
    "最高管理者",
    "不公开的项目",
]
TYPES = {"组织": "organization", "个人": "individual"}
YES = {"是": "true", "否": "false", "true": "true", "false": "false", "TRUE": "true"}
PRIVATE = {"身份证号"}  # never published; marked in the sheet


@dataclass
class Row:
    number: int  # the sheet's row number
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # field → (column, text)


# bounds on what an import reads: a 申报汇总表 has hundreds of rows, a few dozen columns
MAX_SHEET_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # the xlsx's members, decompressed (a zip bomb stops here)
MAX_ROWS = 100_000
MAX_COLUMNS = 64


def read_rows(path: Path) -> tuple[str, list[Row]]:
    """(sheet name, rows) of the first sheet; the first row holds the headers. Bounded: a regular
    file of at most MAX_SHEET_BYTES, its rows and columns counted as read, never as the file's
    own <dimension> claims."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise QawardError(f"{path}: 只接受 .xlsx 或 .csv")
    if not path.is_file():  # a pipe or a device would block or never end
        raise QawardError(f"{path}: 不是普通文件（命名管道、设备或目录）：请指定保存好的表格文件")
    if path.stat().st_size > MAX_SHEET_BYTES:
        raise QawardError(f"{path}: 超过 {MAX_SHEET_BYTES // 1024 // 1024} MB，不像一份申报汇总表")
    if suffix == ".csv":
        sheet, table = path.stem, _csv_table(path)
    else:
        sheet, table = _xlsx_table(path)
    if not table:
        raise QawardError(f"{path}: 空表")
    headers = [str(h or "").strip().split("（")[0] for h in table[0]]
    unknown = [h for h in headers if h and h not in COLUMNS]
    if unknown:
        raise QawardError(
            f"{path}:{sheet}!1 不认识的列：{'、'.join(unknown)}（可用：{'、'.join(COLUMNS)}）"
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        row = Row(number)
        for i, value in enumerate(values):
            if i < len(headers) and headers[i] and str(value or "").strip():
                text = from_spreadsheet(str(value).strip())
                row.cells[COLUMNS[headers[i]]] = (get_column_letter(i + 1), text)
        if row.cells:
            rows.append(row)
    return sheet, rows


def _csv_table(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise QawardError(
            f"{path}: 既不是 UTF-8 也不是 GBK 编码：请在表格软件中另存为 UTF-8 的 CSV"
        )
    table = []
    for row in csv.reader(text.splitlines()):
        table.append(_bounded(row, len(table) + 1, path))
    return table


def _xlsx_table(path: Path) -> tuple[str, list[list[str]]]:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise QawardError(f"{path}: 无法读取的电子表格（不是 .xlsx 文件）") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise QawardError(f"{path}: 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，没有读取")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise QawardError(f"{path}: 无法读取的电子表格（{type(exc).__name__}）") from None
    try:
        ws = book.worksheets[0]
        ws.reset_dimensions()  # read the cells there are, not what <dimension> claims
        table = []
        for row in ws.iter_rows(values_only=True):
            table.append(_bounded([_text(v) for v in row], len(table) + 1, path))
        return ws.title, table
    finally:
        book.close()


def _bounded(row: list[str], number: int, path: Path) -> list[str]:
    if number > MAX_ROWS:
        raise QawardError(f"{path}: 超过 {MAX_ROWS} 行，不像一份申报汇总表：没有导入")
    while row and not str(row[-1] or "").strip():
        row = row[:-1]
    if len(row) > MAX_COLUMNS:
        raise QawardError(f"{path}: 第{number}行有 {len(row)} 列，超过 {MAX_COLUMNS} 列：没有导入")
    return row


def _text(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@dataclass
class Planned:
    path: Path
    record: dict
    new: bool
    changed: bool = True


def plan_import(content: Content, cycle_id: str, path: Path) -> list[Planned]:
    """Every row as the applicant record it makes; QawardError listing every bad cell."""
    cycle = content.get(cycle_id, Cycle)
    if cycle is None:
        raise QawardError(f"没有评选届次 {cycle_id}")
    sheet, rows = read_rows(path)
    existing = content.applicants(cycle)
    by_key = {}
    for a in existing:
        for key in (a.id, a.credit_code, a.id_number):
            if key:
                by_key[key] = a
    folder = content.root / Path(cycle.file).parent / "applicants"
    numbers = [int(a.id.rsplit("-", 1)[1]) for a in existing if a.id.rsplit("-", 1)[1].isdigit()]
    next_number = max(numbers, default=0) + 1
    planned, problems, seen = [], [], set()
    claimed: dict[tuple[str, str], int] = {}  # (key, value) → the row that holds it
    targets: dict[Path, int] = {}
    for row in rows:
        values = _values(row)
        at = f"{path}:{sheet}!A{row.number}"
        problems += _claims(values, row.number, claimed, at)
        if values.get("id") and not values["id"].startswith(f"{cycle_id}-"):
            problems.append(
                f"{at}: 编号 {values['id']} 不属于 {cycle_id}（应以 {cycle_id}- 开头）："
                "上一届的表格请删去编号列再导入，或改用本届的编号"
            )
            continue
        matches = {
            by_key[values[k]].id: by_key[values[k]]
            for k in ("id", "credit_code", "id_number")
            if values.get(k) in by_key
        }
        if len(matches) > 1:
            problems.append(
                f"{at}: 这一行的编号、统一社会信用代码或身份证号分别对应 "
                f"{'、'.join(sorted(matches))} 两份不同的记录：请核对后改正"
            )
            continue
        match = next(iter(matches.values()), None)
        if match is not None:
            doc = read_document(Path(match._source))[0]
            record = {**doc.value, **values, "id": match.id}
            target, new = Path(match._source), False
        else:
            record = {"kind": "applicant", "cycle": cycle_id, **values}
            record.setdefault("id", f"{cycle_id}-{next_number:03d}")
            next_number += 1
            target, new = folder / f"{record['id'].removeprefix(cycle_id + '-')}.yml", True
            if target.exists() or target.is_symlink() or target in targets:
                holder = f"第{targets[target]}行" if target in targets else str(target)
                problems.append(
                    f"{at}: 新记录 {record['id']} 要写入的 {target.name} 已被{holder}占用："
                    "不覆盖已有记录，请改用另一个编号"
                )
                continue
            targets[target] = row.number
        record = {"kind": "applicant", "id": record["id"], "cycle": cycle_id, **record}
        applicant, issues = validate(Applicant, Document(record))
        for issue in issues:
            column = _column_of(issue.field, row)
            problems.append(f"{path}:{sheet}!{column}{row.number}: {issue.message}")
        if record["id"] in seen:
            problems.append(f"{path}:{sheet}!A{row.number}: 编号 {record['id']} 在表中重复")
        seen.add(record["id"])
        if applicant is not None:
            changed = match is None or _fields(applicant) != _fields(match)
            planned.append(Planned(target, _typed(applicant), new, changed))
    if problems:
        raise QawardError("申报汇总表有误，没有写入任何记录：\n" + "\n".join(problems))
    return planned


def _values(row: Row) -> dict:
    """A row's cells as the record's fields, in the record's words (types, flags, codes)."""
    values = {f: text for f, (_col, text) in row.cells.items()}
    values["type"] = TYPES.get(values.get("type", ""), values.get("type")) or (
        "individual" if values.get("id_number") else "organization"
    )
    for flag in ("legal_person", "new_economy", "top_manager"):
        if flag in values:
            values[flag] = YES.get(values[flag], values[flag])
    if "confidential" in values:
        # written by the column names the clerk reads (推荐单位); field codes still accepted
        values["confidential"] = [
            COLUMNS.get(c.strip(), c.strip())
            for c in values["confidential"].split("、")
            if c.strip()
        ]
    return values


def _claims(values: dict, number: int, claimed: dict, at: str) -> list[str]:
    """One row per 编号, credit code and ID number: a sheet listing an applicant twice would
    make two records of one applicant."""
    out = []
    for key, label in (
        ("id", "编号"),
        ("credit_code", "统一社会信用代码"),
        ("id_number", "身份证号"),
    ):
        value = values.get(key)
        if not value:
            continue
        other = claimed.setdefault((key, value), number)
        if other != number:
            out.append(f"{at}: {label} {value} 与第{other}行相同：同一申报者只能列一行")
    return out


def _column_of(field: str, row: Row) -> str:
    """The column of the cell an issue is about (the field it names), else A."""
    cell = row.cells.get(field.split(".")[0])
    return cell[0] if cell else "A"


def _fields(a: Applicant) -> dict:
    return a.model_dump(exclude_none=True)


def _typed(a: Applicant) -> dict:
    """The record as the schema reads it: dates and flags written as such, unset fields left
    out, in the order of the record contract."""
    return a.model_dump(mode="python", exclude_none=True, exclude_defaults=True) | {
        "kind": "applicant"
    }


def _sheet_changes(path: Path, record: dict) -> dict:
    """The fields a sheet holds whose value differs from the file's (None: the cell was cleared)."""
    doc = read_document(path)[0]
    before = doc.value if doc is not None and isinstance(doc.value, dict) else {}
    out = {}
    for name in COLUMNS.values():
        now = record.get(name)
        if isinstance(now, date):
            now = now.isoformat()
        if _same(before.get(name), now):
            continue
        out[name] = record.get(name)
    return out


def _same(was, now) -> bool:
    if isinstance(was, date):
        was = was.isoformat()
    if was in (None, []) and now in (None, []):
        return True
    return was == now


def write_import(planned: list[Planned], content_root: Path) -> tuple[int, int]:
    """(added, updated); an applicant the sheet does not change is not rewritten. All or
    nothing: every file is written into a staging folder first, then moved into place with
    Ctrl-C and kill held off, so an interrupted import leaves the content as it was (a kill
    before the move leaves only the staging folder, which the next import removes)."""
    changed = [item for item in planned if item.changed]
    staging = content_root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        staged = []
        for n, item in enumerate(changed):
            record = _ordered(item.record)
            if item.new:
                text = record_text(item.path, dump_record(record), content_root)
            else:  # only the lines of the fields the sheet changed: the clerk's comments stay
                text = set_fields(
                    item.path.read_text("utf-8"), _sheet_changes(item.path, record)
                ) or keep_modeline(item.path, dump_record(record))
            temp = staging / f"{n}.yml"
            temp.write_text(text, "utf-8")
            staged.append((temp, item))
        with signals_held():
            for temp, item in staged:
                if item.new and (item.path.exists() or item.path.is_symlink()):
                    raise QawardError(f"{item.path} 在导入期间出现：没有覆盖，请重新导入")
                item.path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp, item.path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    added = sum(p.new for p in planned)
    return added, sum(p.changed and not p.new for p in planned)


STAGING = ".import-staging"  # a dot folder: never read as records


def _ordered(record: dict) -> dict:
    first = {k: record[k] for k in ("kind", "id", "cycle", "type", "name") if k in record}
    return first | {k: v for k, v in record.items() if k not in first}


def export(content: Content, cycle_id: str, out: Path) -> int:
    cycle = content.get(cycle_id, Cycle)
    if cycle is None:
        raise QawardError(f"没有评选届次 {cycle_id}")
    applicants: list[Applicant] = sorted(content.applicants(cycle), key=lambda a: a.id)
    book = Workbook()
    ws = book.active
    ws.title = "申报汇总表"
    private_fill = PatternFill("solid", fgColor="FFF2CC")
    for i, header in enumerate(EXPORTED, start=1):
        cell = ws.cell(1, i, header + ("（不公开）" if header in PRIVATE else ""))
        cell.font = Font(bold=True)
        if header in PRIVATE:
            cell.fill = private_fill
            cell.comment = Comment("不公开：只用于核对身份，不会出现在网站上", "qaward")
    for r, a in enumerate(applicants, start=2):
        for i, header in enumerate(EXPORTED, start=1):
            value = _cell(a, header)
            cell = ws.cell(r, i, spreadsheet_safe(value) if isinstance(value, str) else value)
            if header in PRIVATE or COLUMNS[header] in a.confidential:
                cell.fill = private_fill
    book.save(out)
    return len(applicants)


def exported_here(path: Path) -> bool:
    """Is this file a sheet `qaward export applicants` wrote (its sheet and its headers)?"""
    if path.suffix.lower() != ".xlsx" or path.stat().st_size > MAX_SHEET_BYTES:
        return False
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not a workbook at all: certainly not ours
        return False
    try:
        if book.sheetnames != ["申报汇总表"]:
            return False
        first = next(book.active.iter_rows(max_row=1, values_only=True), ())
        return [str(v or "").removesuffix("（不公开）") for v in first] == list(EXPORTED)
    finally:
        book.close()


def _cell(a: Applicant, header: str):
    name = COLUMNS[header]
    if header == "申报类型":
        return {v: k for k, v in TYPES.items()}[a.type]
    value = getattr(a, name)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):  # the items not to publish, by their column names
        headers = {field: header for header, field in COLUMNS.items()}
        return "、".join(headers.get(v, v) for v in value)
    return value
