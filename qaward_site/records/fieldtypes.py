"""Field types of the records: each accepts only the text a clerk would mean unambiguously.

Every scalar arrives as the string it was written as (see yamlsource); these validators type it.
Messages are Chinese, because a clerk reads them; private values are never echoed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")  # ASCII digits only
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Ref:
    """Marks a field that names another record, of one of these kinds."""

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str):
        object.__setattr__(self, "kinds", kinds)


def _text(value, what: str) -> str:
    if isinstance(value, (dict, list)):
        raise PydanticCustomError("qaward_type", f"{what}应为一个值，而不是列表或映射")
    return value


def _iso_date(value):
    if isinstance(value, date):
        return value
    value = _text(value, "日期")
    m = _ISO_DATE.match(str(value).strip())
    if not m:
        raise PydanticCustomError(
            "qaward_date", "日期应写作 YYYY-MM-DD，而不是 '{v}'", {"v": value}
        )
    try:
        return date(*map(int, m.groups()))
    except ValueError:
        raise PydanticCustomError("qaward_date", "日期 {v} 不存在", {"v": value}) from None


# YAML 1.2's booleans, as an editor reads them; yes/no/on/off were YAML 1.1's and are refused
TRUE_WORDS = ("true", "True", "TRUE")
FALSE_WORDS = ("false", "False", "FALSE")


def _bool(value):
    if isinstance(value, bool):
        return value
    value = _text(value, "是否")
    if value in TRUE_WORDS or value in FALSE_WORDS:
        return value in TRUE_WORDS
    raise PydanticCustomError(
        "qaward_bool",
        "应为 true 或 false，而不是 '{v}'（yes/no/on/off 在 YAML 中含义不一，不予接受）",
        {"v": value},
    )


def _int(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    value = _text(value, "数字")
    text = str(value).replace("_", "")
    if not text.isascii() or not text.isdigit():
        raise PydanticCustomError("qaward_int", "应为不带单位的整数，而不是 '{v}'", {"v": value})
    return int(text)


MAX_ID = 100  # an id names a folder of the site: file systems allow 255 bytes a name


def _record_id(value):
    value = _text(value, "编号")
    if not isinstance(value, str) or not _ID.match(value):
        raise PydanticCustomError(
            "qaward_id", "编号 '{v}' 只能由小写英文字母、数字和连字符 - 组成", {"v": value}
        )
    if value in TRUE_WORDS + FALSE_WORDS:  # YAML 1.2 reads a plain true as a boolean
        raise PydanticCustomError("qaward_id", "编号不能是 {v}", {"v": value})
    if len(value) > MAX_ID:
        raise PydanticCustomError(
            "qaward_id", "编号过长（{n} 个字符，最多 {max} 个）", {"n": len(value), "max": MAX_ID}
        )
    return value


# GB 32100 as stdnum checks it, for a code already written as it should be (50,000 codes: 2.5 s
# of CPU through stdnum, most of it cleaning); anything else goes to stdnum, which says why
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_WRITTEN = re.compile(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}")


def _valid_uscc(value: str) -> bool:
    if not _USCC_WRITTEN.fullmatch(value):
        return False
    total = sum(_USCC_VALUES[c] * w for c, w in zip(value, _USCC_WEIGHTS, strict=False))
    return value[17] == _USCC_ALPHABET[(31 - total) % 31]


def _credit_code(value):
    value = _text(value, "统一社会信用代码")
    if isinstance(value, str) and _valid_uscc(value):
        return value
    try:
        return uscc.validate(str(value))
    except StdnumError as exc:
        raise PydanticCustomError(
            "qaward_uscc",
            "统一社会信用代码 {v} 无效（GB 32100）：{why}",
            {"v": value, "why": _stdnum_reason(exc)},
        ) from None


def _id_number(value):
    value = _text(value, "身份证号")
    try:
        return ric.validate(str(value))
    except StdnumError as exc:  # the number itself is private: never repeat it
        raise PydanticCustomError(
            "qaward_ric", "身份证号无效（GB 11643）：{why}", {"why": _stdnum_reason(exc)}
        ) from None


def _stdnum_reason(exc: StdnumError) -> str:
    return {
        "InvalidChecksum": "校验位不对",
        "InvalidLength": "位数不对",
        "InvalidFormat": "含有不允许的字符",
        "InvalidComponent": "其中的日期或代码段不存在",
    }.get(type(exc).__name__, str(exc))


def one_or_many(value):
    """A list of one may be written as its one item."""
    return [value] if isinstance(value, str) else value


def _iso_date_fast(value):
    """Well-formed dates (nearly all) go straight to pydantic's own parser; the rest get our
    message. An impossible date such as 2026-02-30 fails in pydantic and is explained there."""
    if isinstance(value, str) and len(value) == 10 and _ISO_DATE.match(value):
        return value
    return _iso_date(value)


Date = Annotated[date, BeforeValidator(_iso_date_fast)]
Bool = Annotated[bool, BeforeValidator(_bool)]
Int = Annotated[int, BeforeValidator(_int)]
RecordId = Annotated[str, BeforeValidator(_record_id)]
CreditCode = Annotated[str, BeforeValidator(_credit_code)]
IdNumber = Annotated[str, BeforeValidator(_id_number)]


# What each type accepts, as JSON Schema (draft-07) for an editor that reads YAML 1.2, where a
# plain 2026 is a number and a quoted "2026" text: both are what the validators above accept.
# Checksums and impossible dates are formats an editor may not know; `qaward check` checks them.
TEXT_SCHEMA: dict = {"type": ["string", "number", "boolean"]}
JSON_SCHEMAS: dict = {
    _iso_date_fast: {
        "type": "string",
        "format": "date",
        "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$",
        "description": "YYYY-MM-DD",
        "examples": ["2026-03-02"],
    },
    _bool: {
        "anyOf": [{"type": "boolean"}, {"type": "string", "enum": [*TRUE_WORDS, *FALSE_WORDS]}],
        "description": "true 或 false",
    },
    _int: {
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": "^[0-9_]*[0-9][0-9_]*$"},
        ]
    },
    _record_id: {
        "anyOf": [
            {
                "type": "string",
                "pattern": _ID.pattern,
                "maxLength": MAX_ID,
                "not": {"enum": [*TRUE_WORDS, *FALSE_WORDS]},
            },
            {"type": "integer", "minimum": 0},
        ],
        "description": "小写英文字母、数字和连字符 -",
    },
    _credit_code: {
        "type": ["string", "integer"],
        "format": "gb32100",
        "description": "18 位统一社会信用代码（GB 32100，校验位由 qaward check 检查）",
        "examples": ["91654002MA78XXXXXX"],
    },
    _id_number: {
        "type": ["string", "integer"],
        "format": "gb11643",
        "description": "18 位公民身份号码（GB 11643），不会公开",
    },
}
# the formats beyond JSON Schema's own, as the validators above decide them (for a checker that
# can be told: the differential test registers them)
FORMATS = {"date": _iso_date, "gb32100": _credit_code, "gb11643": _id_number}
