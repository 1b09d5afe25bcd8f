"""The office's desk on the command line: drafts of the records a clerk writes next (`new …`),
review results (`record stage`), the 申报汇总表 (`import`/`export`), the agenda, the editor's
schema."""

from __future__ import annotations

import json
import sys
import typing
from pathlib import Path

import click

from qaward_site.bulk import create_all
from qaward_site.cli.common import (
    CONTENT_OPTION,
    DATE,
    Coded,
    StageName,
    _build_day,
    _drafting,
    _read_text,
    _write_draft,
    _written,
)
from qaward_site.errors import CalendarGap, QawardError
from qaward_site.records import Revocation, StageCode
from qaward_site.records.config import load_config
from qaward_site.rules.check import check
from qaward_site.vocabulary import GRADE_NAMES, GROUNDS_NAMES, NOTICE_STAGES, STAGE_NAMES


@click.group("new")
def new_group() -> None:
    """为办公室起草记录。"""


@new_group.command("notice")
@click.option("--cycle", "cycle_id", required=True, help="评选届次，如 xinjiang-2026")
@click.option(
    "--stage",
    required=True,
    type=StageName(NOTICE_STAGES),
)
@click.option("--start", type=DATE, help="公示开始日（默认：最早可开始的工作日）")
@click.option(
    "--days",
    type=click.IntRange(1, 60),
    help="公示几个工作日：只用于办法的公示期待核对时（草稿注明不是取自办法）",
)
@CONTENT_OPTION
def new_notice(cycle_id: str, stage: str, start, days: int | None, content_dir: Path) -> None:
    """写一份公示记录：列出已到这一环节的申报者，按办法算出最早的结束日。"""
    from datetime import date

    from qaward_site.desk.clerk import draft_notice
    from qaward_site.records import content as content_module
    from qaward_site.records.calendars import Calendars

    config = load_config(Path.cwd())
    content = content_module.load(content_dir)
    try:
        path, text = draft_notice(
            content,
            cycle_id,
            stage,
            start.date() if start else None,
            Calendars.load(content, config),
            date.today(),
            days,
        )
    except CalendarGap as gap:
        raise click.ClickException(str(gap)) from None
    _write_draft(path, text, content_dir)


@new_group.command("ordinance")
@click.argument("ordinance_id", metavar="ID")
@click.option(
    "--text",
    "source",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="办法全文：从 PDF 提取的 .txt（UTF-8 或 GBK）",
)
@click.option("--like", "like_id", help="沿用另一部办法的数值（条款一律待核对），如 yining-2025")
@CONTENT_OPTION
def new_ordinance(ordinance_id: str, source: Path, like_id: str | None, content_dir: Path) -> None:
    """加入一部新办法：整理全文，写办法记录和规则文件（每条规则待核对），不覆盖已有文件。"""
    from datetime import date

    from qaward_site.desk.ordinance_draft import cases_skeleton, draft_ordinance
    from qaward_site.records import content as content_module
    from qaward_site.rules.books import rulebooks

    if not content_dir.is_dir():
        raise click.ClickException(
            f"内容目录 {content_dir.resolve()} 不存在：请在项目目录中运行，或用 --content 指定"
        )
    like = None
    if like_id:
        books = rulebooks(content_module.load(content_dir))
        like = books.get(like_id)
        if like is None:
            have = ", ".join(sorted(books))
            raise click.BadParameter(
                f"没有办法 {like_id} 的可用规则文件（有：{have}）", param_hint="--like"
            )
    folder = content_dir / "ordinances"
    try:
        files = draft_ordinance(ordinance_id, _read_text(source), folder, date.today(), like)
    except QawardError as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    cases = Path.cwd() / "tests" / "cases"
    if cases.is_dir() and not (cases / f"{ordinance_id}.yml").exists():
        title = content_module.ordinance_text.parse(files[folder / f"{ordinance_id}.md"]).title
        files[cases / f"{ordinance_id}.yml"] = cases_skeleton(ordinance_id, title)
    try:  # all of them or none: never over a file that appeared meanwhile
        create_all(files)
    except FileExistsError as clash:
        raise click.ClickException(
            f"{clash.filename2 or clash.filename} 已存在：没有写入任何文件（不覆盖已有文件）"
        ) from None
    for path in files:
        click.echo(f"已写入 {path}")
    click.echo(
        f"下一步：核对 {ordinance_id}.yml 中 unverified 列出的字段；按全文逐条写明 {ordinance_id}.rules.yml"
        "（article 和数值，或 silent），然后运行 qaward check。"
    )


@new_group.command("cycle")
@click.option("--ordinance", "ordinance_id", required=True, help="办法，如 xinjiang-2023")
@click.option("--year", type=click.IntRange(2000, 2099), required=True, help="评选年度")
@click.option("--call", type=DATE, help="申报通知发布日（默认：今天）")
@click.option("--office", help="受理单位（第一届时必填；默认沿用上一届）")
@click.option("--address", help="受理单位地址")
@click.option("--phone", help="受理单位电话")
@CONTENT_OPTION
def new_cycle(ordinance_id, year, call, office, address, phone, content_dir: Path) -> None:
    """写一届评选：核对施行期和评选周期。"""
    from datetime import date

    from qaward_site.desk.drafts import draft_cycle

    contact = {"name": office, "address": address, "phone": phone} if office else None
    content, _ = _drafting(content_dir)
    day = call.date() if call else date.today()
    _written(lambda: draft_cycle(content, ordinance_id, year, day, contact), content_dir)


@new_group.command("objection")
@click.option("--notice", "notice_id", required=True)
@click.option("--applicant", "applicant_id", required=True, help="被异议的申报者")
@click.option("--received", type=DATE, required=True, help="收到异议材料的日期")
@click.option(
    "--objector",
    type=Coded(
        ("individual", "organization", "anonymous"),
        {"individual": "个人", "organization": "单位", "anonymous": "匿名"},
        "异议人类型",
    ),
    default="individual",
    show_default=True,
)
@CONTENT_OPTION
def new_objection(notice_id, applicant_id, received, objector, content_dir: Path) -> None:
    """写一份异议记录：按办法算出转送、报告或受理审查的期限（工作日）。"""
    from qaward_site.desk.drafts import draft_objection

    content, calendars = _drafting(content_dir)
    _written(
        lambda: draft_objection(
            content, notice_id, applicant_id, received.date(), objector, calendars
        ),
        content_dir,
    )


@new_group.command("decision")
@click.option("--cycle", "cycle_id", required=True)
@click.option("--date", "day", type=DATE, help="决定日期（默认：公示期满后的第一天或今天）")
@click.option("--doc-number", help="决定的文号，如 攀府函〔2025〕12号（网站公布时必须有）")
@click.option("--title", help="决定的标题（网站公布时必须有）")
@CONTENT_OPTION
def new_decision(cycle_id, day, doc_number, title, content_dir: Path) -> None:
    """写表彰决定：公示期满、无待处理或查证属实异议的拟获奖者，名额与奖金按办法。"""
    from datetime import date

    from qaward_site.desk.drafts import draft_decision

    content, calendars = _drafting(content_dir)
    when = day.date() if day else None
    _written(
        lambda: draft_decision(content, cycle_id, when, calendars, date.today(), doc_number, title),
        content_dir,
    )


@new_group.command("revocation")
@click.option("--applicant", "applicant_id", required=True)
@click.option(
    "--grounds",
    required=True,
    type=Coded(
        typing.get_args(Revocation.model_fields["grounds"].annotation), GROUNDS_NAMES, "撤销理由"
    ),
)
@click.option("--date", "day", type=DATE, required=True, help="撤销决定日期")
@click.option("--event-date", type=DATE, help="引起撤销的事件日期")
@click.option(
    "--grade",
    type=Coded(GRADE_NAMES, GRADE_NAMES, "事故等级"),
    help="事故等级",
)
@CONTENT_OPTION
def new_revocation(applicant_id, grounds, day, event_date, grade, content_dir: Path) -> None:
    """写撤销决定：核对撤销情形与期限，算出禁止申报期和应收回的证书、奖牌、奖金。"""
    from qaward_site.desk.drafts import draft_revocation

    content, calendars = _drafting(content_dir)
    event = event_date.date() if event_date else None
    _written(
        lambda: draft_revocation(
            content, applicant_id, grounds, day.date(), event, grade, calendars
        ),
        content_dir,
    )


@click.command("agenda")
@click.option("--today", type=DATE, help="以这一天为“今天”（默认：今天）")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
    help="ics：导入办公室的日历",
)
@CONTENT_OPTION
def agenda_command(today, fmt: str, content_dir: Path) -> None:
    """办公室待办：进行中的公示、待处理的异议、可作出的决定、将到期的禁止期和有效期、缺少的日历年份。"""
    from datetime import date

    from qaward_site.desk.agenda import Item, agenda, to_ics
    from qaward_site.records.calendars import Calendars
    from qaward_site.rules.state import gather

    config = load_config(Path.cwd())
    day = _build_day(today.date() if today else date.today())
    content, findings = check(content_dir, config, day)
    # a draft is incomplete by design (an objector's details to fill): what needs fixing comes
    # first, and the rest of the agenda follows — never a blank desk
    items = [
        Item(
            day,
            f"待改正：{f.message}",
            f.record,
            f"{f.file}:{f.line}",
            f.article,
            "改正后运行 qaward check",
        )
        for f in findings
        if f.is_error
    ]
    try:
        calendars = Calendars.load(content, config)
        items += agenda(gather(content, config, day, calendars), calendars, day)
    except Exception as exc:  # records too broken for the rest to be worked out
        if not items:
            raise
        items.append(Item(day, f"其余待办暂时无法列出：请先改正上面的错误（{type(exc).__name__}）"))
    if fmt == "json":
        click.echo(json.dumps([i.as_dict() for i in items], ensure_ascii=False, indent=2))
    elif fmt == "ics":
        click.echo(to_ics(items, day), nl=False)
    else:
        for item in items:
            click.echo(item.as_text())
        click.echo(f"共 {len(items)} 项（{day.isoformat()}）", err=True)
    if any(f.is_error for f in findings):
        sys.exit(1)  # the agenda is complete; the exit code says records need fixing


@click.group("record")
def record_group() -> None:
    """把评审结果记入申报者的记录。"""


@record_group.command("stage")
@click.option("--cycle", "cycle_id", required=True)
@click.option("--stage", required=True, type=StageName(typing.get_args(StageCode)))
@click.option("--date", "day", type=DATE, help="评审日期（公示环节用 --start、--end）")
@click.option("--start", type=DATE)
@click.option("--end", type=DATE)
@click.option("--passed", default="", help="通过的申报者编号，逗号分隔")
@click.option("--failed", default="", help="未通过的")
@click.option("--returned", default="", help="资料不完整、退回补报的")
@CONTENT_OPTION
def record_stage_command(
    cycle_id, stage, day, start, end, passed, failed, returned, content_dir: Path
) -> None:
    """记录一个评审环节的结果（通过、未通过、退回补报），按办法规定的环节。"""
    from qaward_site.desk.drafts import record_stage
    from qaward_site.desk.editor import append_stage, keep_modeline
    from qaward_site.records import content as content_module
    from qaward_site.records.yamlsource import dump_record

    results: dict[str, str] = {}
    words = {"passed": "--passed", "failed": "--failed", "returned": "--returned"}
    for result, ids in (("passed", passed), ("failed", failed), ("returned", returned)):
        for i in (i.strip() for i in ids.split(",")):
            if i and results.get(i, result) != result:
                raise click.UsageError(
                    f"{i} 同时列在 {words[results[i]]} 和 {words[result]} 中：只能有一个结果"
                )
            if i:
                results[i] = result
    if not results:
        raise click.UsageError("至少列出一个申报者（--passed、--failed 或 --returned）")
    if not (day or (start and end)):
        raise click.UsageError("写明 --date，或公示环节的 --start 和 --end")
    period = (start.date(), end.date()) if start and end else None
    content = content_module.load(content_dir)
    changes = record_stage(content, cycle_id, stage, results, day.date() if day else None, period)
    for path, record in changes:  # every applicant checked before any file is written
        # only the new stage's line is added: the clerk's comments, quotes and order stay
        text = append_stage(path.read_text("utf-8"), record)
        path.write_text(text or keep_modeline(path, dump_record(record)), "utf-8")
    click.echo(f"已记录{STAGE_NAMES.get(stage, stage)}：{len(changes)} 个申报者")


@click.group("import")
def import_group() -> None:
    """从办公室的表格导入记录。"""


@import_group.command("applicants")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cycle", "cycle_id", required=True, help="评选届次")
@CONTENT_OPTION
def import_applicants(sheet: Path, cycle_id: str, content_dir: Path) -> None:
    """导入申报汇总表（.xlsx 或 .csv）：每个有误的单元格都列出；全部无误才写入；再次导入按编号、信用代码或身份证号更新。"""
    from qaward_site.desk.sheets import plan_import, write_import
    from qaward_site.records import content as content_module

    content = content_module.load(content_dir)
    added, updated = write_import(plan_import(content, cycle_id, sheet), content_dir)
    click.echo(f"已导入 {sheet}：新增 {added} 条，更新 {updated} 条（{cycle_id}）")


@click.group("export")
def export_group() -> None:
    """把记录导出为办公室的表格。"""


@export_group.command("applicants")
@click.option("--cycle", "cycle_id", required=True, help="评选届次")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help=".xlsx"
)
@click.option("--force", is_flag=True, help="覆盖已有的文件（默认只覆盖本命令导出的申报汇总表）")
@CONTENT_OPTION
def export_applicants(cycle_id: str, output: Path, content_dir: Path, force: bool) -> None:
    """导出申报汇总表（.xlsx）：不公开的列以颜色标出。"""
    from qaward_site.desk.sheets import export, exported_here
    from qaward_site.records import content as content_module

    if output.is_symlink() or (output.exists() and not output.is_file()):
        raise click.ClickException(f"{output} 不是普通文件：没有导出，请换一个文件名")
    if output.exists() and not force and not exported_here(output):
        raise click.ClickException(
            f"{output} 已存在，且不是 qaward export 导出的申报汇总表：没有覆盖。"
            "换一个文件名，或确认后加 --force"
        )
    count = export(content_module.load(content_dir), cycle_id, output)
    click.echo(f"已导出 {count} 个申报者到 {output}")


@click.command("schema")
@CONTENT_OPTION
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="写到这个目录（默认：内容目录下的 .schema，qaward new 写的记录会指向它）",
)
@click.option(
    "--vscode/--no-vscode",
    default=True,
    show_default=True,
    help="在当前目录的 .vscode/settings.json 中登记，VS Code 的 YAML 扩展据此边写边检查",
)
def schema_command(content_dir: Path, out_dir: Path | None, vscode: bool) -> None:
    """写出各类记录的 JSON Schema：编辑器在录入时就指出写错的字段、日期和代码。"""
    from qaward_site.desk.editor import SCHEMA_DIR, vscode_settings
    from qaward_site.desk.schema import RECORD_FILE, NotOurs, write_schemas

    if out_dir is None:
        if not content_dir.is_dir():
            raise click.ClickException(f"内容目录 {content_dir} 不存在（用 --content 指定）")
        out_dir = content_dir / SCHEMA_DIR
    if out_dir.exists() and not out_dir.is_dir() or out_dir.is_symlink():
        raise click.ClickException(f"{out_dir}: 不是目录：没有写入任何文件")
    try:
        written = write_schemas(out_dir)
    except NotOurs as exc:
        raise click.ClickException(
            f"{exc.args[0]} 已存在且不是 qaward schema 写的：没有写入任何文件"
        ) from None
    except OSError as exc:
        raise click.ClickException(f"{out_dir}: 无法写入（{exc.strerror or exc}）") from None
    click.echo(f"{out_dir}：写入 {len(written)} 个文件" if written else f"{out_dir}：已是最新")
    if vscode:
        settings, by_hand = vscode_settings(Path.cwd(), out_dir / RECORD_FILE, content_dir)
        if by_hand:
            click.echo(f"{settings} 未改动（含注释或格式特殊）。请手工加入：\n{by_hand}")
        else:
            click.echo(f"已在 {settings} 中登记（VS Code：安装 YAML 扩展 redhat.vscode-yaml）")
