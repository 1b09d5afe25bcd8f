"""The record kinds of records.md, as pydantic models. Field names are a contract: never rename.

Each model is registered under its `kind`; the loader validates a document against it, and maps
pydantic's error locations back to file:line:col through the document's positions.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from qaward_site.calendar.workdays import years_after
from qaward_site.records.fieldtypes import (
    Bool,
    CreditCode,
    Date,
    IdNumber,
    Int,
    RecordId,
    Ref,
    one_or_many,
)
from qaward_site.vocabulary import (
    INCIDENT_NAMES,
    LEVEL_NAMES,
    NOTICE_STAGES,
    PUBLICITY_STAGES,
    RETURN_REASON_NAMES,
    STAGE_NAMES,
)

# the codes are the vocabulary's: one list each, with the Chinese word beside it
StageCode = Literal[tuple(STAGE_NAMES)]
NoticeStage = Literal[NOTICE_STAGES]
Level = Literal[tuple(LEVEL_NAMES)]
IncidentKind = Literal[tuple(INCIDENT_NAMES)]
ReturnReason = Literal[tuple(RETURN_REASON_NAMES)]  # accident: any grade, recorded in `grade`


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Record(Model):
    """A record of content/: one file, one record."""

    kind: str
    id: RecordId
    label: ClassVar[str] = ""
    _file: str = PrivateAttr(default="")  # relative to the content folder
    _source: str = PrivateAttr(default="")  # the file itself, read again for positions
    _doc: object = PrivateAttr(default=None)
    _digest: str = PrivateAttr(default="")

    @property
    def file(self) -> str:
        # read from pydantic's own dict: `self._file` costs 12 µs (its private attribute lookup
        # tries the descriptor protocol on every read), 20,000 reads a rebuild
        return self.__pydantic_private__["_file"]

    @property
    def digest(self) -> str:
        """The digest of the record's values (its JSON): made once, when the file is read, and
        kept with it by the memo: a rebuild's page keys (site/inputs.py) need the digests of
        20,000 records it did not read again (0.2-0.3 s to make). A record is frozen: its
        values are those it was read with."""
        digest = self.__pydantic_private__["_digest"]
        if not digest:
            json = self.__pydantic_serializer__.to_json(self)
            digest = self._digest = hashlib.blake2b(json, digest_size=16).hexdigest()
        return digest

    def model_copy(self, *, update=None, deep: bool = False):
        copy = super().model_copy(update=update, deep=deep)
        copy._digest = ""  # its values may be others: made again when asked
        return copy

    def where(self, *path, key: bool = False) -> tuple[int, int]:
        """Line and column of a field (or the record) in its file."""
        if self._doc is None:
            if not self._source:
                return (1, 1)
            # positions are wanted only for findings: read the file again rather than keep
            # every node of every record in memory
            from qaward_site.records.yamlsource import read_document

            self._doc = read_document(Path(self._source))[0]
            if self._doc is None:
                return (1, 1)
        return self._doc.position(path, key=key)


UnverifiableField = Literal[
    "title",
    "doc_number",
    "issuer",
    "issued",
    "effective",
    "expires",
    "repeals",
    "office",
    "jurisdiction_name",
    "supervision",
    "award_name",
    "calendar",
]


class Ordinance(Record):
    kind: Literal["ordinance"]
    label: ClassVar[str] = "办法"
    jurisdiction: RecordId
    jurisdiction_name: str
    parent: RecordId | None = None
    title: str
    doc_number: str | None = None
    issuer: str
    issued: Date
    effective: Date
    expires: Date | None = None
    repeals: list[str] = []
    office: str
    text: str
    supervision: str | None = None  # a complaint channel the ordinance names (panzhihua 第二十一条)
    # its address and phone, where the office gives them: the site says so where it does not
    supervision_contact: str | None = None
    award_name: str | None = None  # the award's own name: 乌鲁木齐市人民政府质量奖（市质量奖）
    # fields whose values are placeholders, not yet verified: the site shows them as 待核对
    unverified: list[UnverifiableField] = []
    # the working-day calendar where the programme is run: national, then regional layers
    calendar: Annotated[list[RecordId], BeforeValidator(one_or_many)] | None = None

    @property
    def calendar_layers(self) -> tuple[str, ...]:
        named = [c for c in self.calendar or [] if c != "national"]
        return ("national", *named)

    @property
    def award(self) -> str:
        """The award's name as this ordinance writes it, or the usual one."""
        return self.award_name or f"{self.jurisdiction_name}政府质量奖"

    def in_force_on(self, day: date) -> bool:
        return self.effective <= day and (self.expires is None or day <= self.expires)


class Contact(Model):
    name: str
    address: str
    phone: str
    email: str | None = None
    postcode: str | None = None  # 邮政编码
    person: str | None = None  # 联系人 (a post or a name the office chooses to publish)


class Cycle(Record):
    kind: Literal["cycle"]
    label: ClassVar[str] = "评选届次"
    ordinance: Annotated[RecordId, Ref("ordinance")]
    year: Int
    call_published: Date
    office_contact: Contact
    title: str | None = None


Grade = Literal["general", "larger", "major", "especially_major"]  # 一般、较大、重大、特别重大


class Incident(Model):
    date: Date
    kind: IncidentKind
    grade: Grade | None = None  # of an accident; major_accident is 重大 unless it says more
    # the day a standing record (a credit record) stopped standing: repaired, no longer shown
    until: Date | None = None
    note: str | None = None

    # a credit record older than this is commonly no longer shown (失信行为纠正后的信用信息修复
    # 管理办法: a penalty is published for three years at most): without `until`, ask, never bar
    STANDING_YEARS: ClassVar[int] = 3

    def may_have_lapsed(self, day: date) -> bool:
        """A credit record with no `until`, old enough on `day` that it may no longer stand."""
        if self.kind != "credit_record" or self.until is not None:
            return False
        return years_after(self.date, self.STANDING_YEARS) < day

    @model_validator(mode="after")
    def _until_after_date(self):
        if self.until is not None and self.until < self.date:
            raise PydanticCustomError("qaward_order", "until 早于 date")
        return self

    @property
    def accident_grade(self) -> str | None:
        """The grade of an accident (None: an accident of no recorded grade; "" not one)."""
        if self.kind == "major_accident":
            return self.grade or "major"
        return self.grade if self.kind == "accident" else ""


class Stage(Model):
    stage: StageCode
    start: Date | None = None
    end: Date | None = None
    date: Date | None = None
    result: Literal["passed", "failed", "returned"] = "passed"
    # why a stage was returned (records.md); absent means incomplete: only incomplete materials
    # may be resubmitted (补报, yining 第十四条（一）, daqing 第十三条)
    reason: ReturnReason | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _dates_fit_the_stage(self):
        if self.reason is not None and self.result != "returned":
            raise PydanticCustomError("qaward_stage", "reason 只用于退回（result: returned）的环节")
        if self.stage in PUBLICITY_STAGES:
            if self.start is None or self.end is None:
                raise PydanticCustomError("qaward_stage", "公示阶段应写明 start 和 end")
            if self.end < self.start:
                raise PydanticCustomError("qaward_order", "公示结束日 end 早于开始日 start")
        elif self.date is None:
            raise PydanticCustomError("qaward_stage", "评审阶段应写明 date（和 result）")
        return self

    @property
    def first_day(self) -> date:
        return self.start or self.date

    @property
    def last_day(self) -> date:
        return self.end or self.date


# Fields an applicant may withhold from the site; identity and the award itself stay public.
WITHHOLDABLE = {
    "established",
    "legal_person",
    "new_economy",
    "sector",
    "recommender",
    "employer",
    "incidents",
    "top_manager",
    "id_number",  # never published in any case; marking it is harmless
}


class Applicant(Record):
    kind: Literal["applicant"]
    label: ClassVar[str] = "申报者"
    cycle: Annotated[RecordId, Ref("cycle")]
    type: Literal["organization", "individual"]
    name: str
    credit_code: CreditCode | None = None
    # 内设机构、分支机构、班组 with no code of their own (yining/xinjiang 第二条 admit them): the
    # code of the organisation they belong to; with the unit's name it says who they are
    parent_credit_code: CreditCode | None = None
    established: Date | None = None
    legal_person: Bool | None = None
    new_economy: Bool | None = None
    sector: str | None = None
    recommender: str | None = None
    employer: str | None = None
    id_number: IdNumber | None = None
    top_manager: Bool | None = None
    incidents: list[Incident] = []
    stages: list[Stage] = []
    confidential: list[str] = []

    @model_validator(mode="after")
    def _fields_fit_the_type(self):
        if self.type == "organization":
            if self.credit_code is None and self.parent_credit_code is None:
                raise PydanticCustomError(
                    "qaward_missing",
                    "组织申报应写明 credit_code（没有自己代码的内设机构、班组：写明所属组织的 "
                    "parent_credit_code）",
                )
        elif self.id_number is None:
            raise PydanticCustomError("qaward_missing", "个人申报应写明 id_number（不会公开）")
        wrong = [f for f in self.confidential if f not in WITHHOLDABLE]
        if wrong:
            raise PydanticCustomError(
                "qaward_confidential",
                "confidential 只能列出可保密的字段（{allowed}），不能是 {wrong}",
                {"allowed": ", ".join(sorted(WITHHOLDABLE)), "wrong": ", ".join(wrong)},
            )
        return self


def organisation_key(applicant: Applicant) -> str:
    """Who an organisation is across cycles (and its page's address): its credit code, or for a
    unit with none, its parent's code and a digest of its name."""
    if applicant.credit_code:
        return applicant.credit_code
    digest = hashlib.sha256(applicant.name.encode("utf-8")).hexdigest()[:8]
    return f"{applicant.parent_credit_code}-{digest}"


def party_key(applicant: Applicant) -> tuple[str, str] | None:
    """Who applied, the same across cycles: an organisation by credit code (names change), a
    person by ID number; None for a person without one (no one is known to be them)."""
    if applicant.type == "organization":
        return (applicant.type, organisation_key(applicant))
    return (applicant.type, applicant.id_number) if applicant.id_number is not None else None


def same_party(a: Applicant, b: Applicant) -> bool:
    key = party_key(a)
    return key is not None and key == party_key(b)


class Correction(Model):
    """A dated change to what was published (更正): the public sees the date and the note, what
    changed, and the version it replaced (rules/published.py)."""

    date: Date
    note: str


class NoticeEntry(Model):
    applicant: Annotated[RecordId, Ref("applicant")]
    level: Level | None = None  # on a proposal notice, unstated means 质量奖 (one-level awards)

    @property
    def proposed_level(self) -> str:
        return self.level or "award"


class Notice(Record):
    kind: Literal["notice"]
    label: ClassVar[str] = "公示"
    cycle: Annotated[RecordId, Ref("cycle")]
    stage: NoticeStage
    title: str
    published: Date
    start: Date
    end: Date
    entries: list[NoticeEntry]
    body: str | None = None
    # 政务公开 metadata, where the office gives them: 索引号 and 主题分类
    index_number: str | None = None
    subject: str | None = None
    # ids this notice was published under before: their addresses lead to it (a published
    # notice's address never stops answering)
    former_ids: list[RecordId] = []
    corrections: list[Correction] = []

    @model_validator(mode="after")
    def _period(self):
        if self.end < self.start:
            raise PydanticCustomError("qaward_order", "公示结束日 end 早于开始日 start")
        if self.published > self.start:
            raise PydanticCustomError("qaward_order", "发布日 published 晚于公示开始日 start")
        return self


class Objector(Model):
    type: Literal["individual", "organization", "anonymous"]
    name: str | None = None
    id_number: IdNumber | None = None
    phone: str | None = None
    address: str | None = None
    sealed: Bool | None = None
    signed: Bool | None = None  # an individual's own signature on the written objection
    identity_proof: Bool | None = None  # proof of identity supplied (yining 第十五条)


class Objection(Record):
    kind: Literal["objection"]
    label: ClassVar[str] = "异议"
    notice: Annotated[RecordId, Ref("notice")]
    applicant: Annotated[RecordId, Ref("applicant")]
    received: Date
    written: Bool = True
    objector: Objector
    forwarded: Date | None = None
    reported: Date | None = None
    accepted: Date | None = None
    receipt: Date | None = None  # daqing 第二十二条: the written receipt for an accepted objection
    outcome: Literal["upheld", "dismissed", "not_accepted", "withdrawn", "pending"]
    # an upheld objection removes the applicant only when it concerns a prohibited condition
    # (yining 第十六条第二款); unstated means it does
    prohibited: Bool | None = None
    decided: Date | None = None
    summary: str | None = None


class Award(Model):
    applicant: Annotated[RecordId, Ref("applicant")]
    level: Level = "award"
    prize_yuan: Int | None = None


class Decision(Record):
    kind: Literal["decision"]
    label: ClassVar[str] = "表彰决定"
    cycle: Annotated[RecordId, Ref("cycle")]
    doc_number: str | None = None
    date: Date
    awards: list[Award]
    title: str | None = None
    corrections: list[Correction] = []


Recovered = Literal["certificate", "plaque", "prize_money"]


class Revocation(Record):
    kind: Literal["revocation"]
    label: ClassVar[str] = "撤销奖励"
    applicant: Annotated[RecordId, Ref("applicant")]
    date: Date
    doc_number: str | None = None
    grounds: Literal[
        "fraud",
        "accident",
        "serious_violation",
        "credit_record",
        "failed_inspection",
        "major_complaint",
        "severe_loss",
        "other",
    ]
    event_date: Date | None = None
    grade: Grade | None = None  # of the accident, where grounds is accident
    serious: Bool | None = None  # daqing 第三十一条: serious cases carry a 4-year ban
    ban_until: Date | None = None
    recovered: list[Recovered] = []
    summary: str | None = None
    corrections: list[Correction] = []


class Disqualification(Record):
    kind: Literal["disqualification"]
    label: ClassVar[str] = "取消资格"
    applicant: Annotated[RecordId, Ref("applicant")]
    date: Date
    doc_number: str | None = None
    grounds: Literal["false_materials", "fraud", "objection_upheld", "other"]
    serious: Bool | None = None
    ban_until: Date | None = None
    summary: str | None = None
    corrections: list[Correction] = []


class CalendarSource(Model):
    title: str  # the notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知
    document: str | None = None  # its number, e.g. 国办发明电〔2026〕…号
    date: Date | None = None


class CalendarYear(Record):
    """One year of one calendar layer, as `qaward calendar import` writes it from the notice."""

    kind: Literal["calendar"]
    label: ClassVar[str] = "日历"
    layer: RecordId
    year: Int
    holidays: list[Date] = []  # days off that fall on weekdays
    workdays: list[Date] = []  # weekend days made working days (调休)
    source: CalendarSource | None = None
    example: Bool = False  # demonstration data, not an official arrangement

    @model_validator(mode="before")
    @classmethod
    def _flat_source(cls, value):
        # the notice's title, document and date may stand at the top, as a person writes them
        if isinstance(value, dict) and "source" not in value and "title" in value:
            value = dict(value)
            value["source"] = {k: value.pop(k) for k in ("title", "document", "date") if k in value}
        return value

    @model_validator(mode="after")
    def _days_fit(self):
        for day in [*self.holidays, *self.workdays]:
            if day.year != self.year:
                raise PydanticCustomError(
                    "qaward_calendar", "{day} 不在 {year} 年", {"day": str(day), "year": self.year}
                )
        for day in self.holidays:
            if day.weekday() >= 5:
                raise PydanticCustomError(
                    "qaward_calendar",
                    "holidays 只列周一至周五的放假日，{day} 是周末",
                    {"day": str(day)},
                )
        for day in self.workdays:
            if day.weekday() < 5:
                raise PydanticCustomError(
                    "qaward_calendar",
                    "workdays 只列调休上班的周末，{day} 不是周末",
                    {"day": str(day)},
                )
        return self


class Rulebook(Record):
    """An ordinance's figures, articles and silences (content/ordinances/<id>.rules.yml): the
    record holds the plain mapping; rules.books reads each rule against its parameter class, so
    that every figure's error names its rule and its line."""

    kind: Literal["rulebook"]
    label: ClassVar[str] = "规则文件"
    ordinance: Annotated[RecordId, Ref("ordinance")]
    rules: dict[str, Any] = {}

    @model_validator(mode="before")
    @classmethod
    def _id_from_ordinance(cls, value):
        # the file names its ordinance; one rulebook per ordinance, so the id follows from it
        if (
            isinstance(value, dict)
            and "id" not in value
            and isinstance(value.get("ordinance"), str)
        ):
            value = {**value, "id": f"{value['ordinance']}-rules"}
        return value


KINDS: dict[str, type[Record]] = {
    cls.model_fields["kind"].annotation.__args__[0]: cls
    for cls in (
        Ordinance,
        Cycle,
        Applicant,
        Notice,
        Objection,
        Decision,
        Revocation,
        Disqualification,
        CalendarYear,
        Rulebook,
    )
}
