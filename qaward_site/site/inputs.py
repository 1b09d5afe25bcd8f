"""What a page is made from, as one digest: a rebuild renders again only the pages whose inputs
changed (issue 28: one notice edited at 20,000 pages re-rendered all of them).

A page's Markdown is a function of the templates and code (a change of either is a full build:
incremental.fingerprint), the day and settings (the same), the context shared by every page and
its own context. So its key is a digest of the last two, written out as JSON by the standard
library's C encoder: records (pydantic models) stand in it as the digest of their JSON (made
when their file was read: Record.digest), the facts built from them (dataclasses) as the digest
of their fields, each object digested once per build however many pages hold it. A value of any other kind (a function in a context) cannot be
digested: its page is always rendered, which is never wrong.

The JSON written is the same in every process and every build for the same values: dicts keep
their order, a set is written sorted, a date and an enum member with their type's name.

What each page holds its own of (its Page, an organisation as its page shows it) is written
out where it stands (`inline`), not digested apart: a digest apart pays only for what pages
share, and cost each page two more passes of the encoder (a third of the keys' time at
20,000 pages). Its type's name leads it behind a control character no record holds, so no
value written out can read as another.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import date
from enum import Enum
from operator import attrgetter

from pydantic import BaseModel

from qaward_site.records.models import Record


class Undigestible(Exception):
    """A value whose content a digest cannot see (a function)."""


class Inputs:
    """Digests of page inputs for one build; objects met again are not digested again."""

    def __init__(self, inline: Iterable[type] = ()) -> None:
        """inline: dataclasses written out where they stand (above)."""
        # id → (object, its stand-in): the object is held so that its id is not reused
        self._memo: dict[int, tuple[object, str]] = {}
        self._inline = frozenset(inline)
        self._encode = json.JSONEncoder(
            ensure_ascii=False, check_circular=False, separators=(",", ":"), default=self._default
        ).encode

    def key(self, *values) -> str | None:
        """The digest of values, or None where one cannot be digested."""
        try:
            return hashlib.blake2b(self._json(values), digest_size=16).hexdigest()
        except Undigestible:
            return None

    def _json(self, value) -> bytes:
        try:
            return self._encode(value).encode()
        except TypeError:  # a dict whose keys JSON cannot hold (tuples): written as pairs
            return self._encode(self._pairs(value)).encode()

    def _pairs(self, value):
        """value with every dict written as a list of [key, value] pairs (those of what is
        written out where it stands among them)."""
        if isinstance(value, dict):
            return ["dict", [[self._pairs(k), self._pairs(v)] for k, v in value.items()]]
        if isinstance(value, (list, tuple)):
            return [self._pairs(v) for v in value]
        if type(value) in self._inline:
            return self._pairs(self._default(value))
        return value

    def _default(self, value):
        """What the encoder writes for a value JSON has no form for."""
        cls = type(value)
        kind = _KINDS.get(cls) or _KINDS.setdefault(cls, _kind(cls))
        if kind is _DATE:
            return [cls.__name__, value.isoformat()]
        if kind is _ENUM:
            return [cls.__qualname__, value.value]
        if kind is _SET:
            return ["set", sorted(self._json(v).decode() for v in value)]
        if kind is _REFUSED:
            raise Undigestible(cls.__name__)
        if cls in self._inline:
            return [_INLINE + cls.__qualname__, *kind(value)]
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        if kind is _RECORD:  # its digest made when its file was read (Record.digest)
            stand_in = f"{cls.__qualname__}:{value.digest}"
        else:
            if kind is _MODEL:
                data = value.__pydantic_serializer__.to_json(value)
            else:  # a dataclass: kind reads its fields
                data = self._json(kind(value))
            stand_in = f"{cls.__qualname__}:{hashlib.blake2b(data, digest_size=16).hexdigest()}"
        self._memo[id(value)] = (value, stand_in)
        return stand_in


_RECORD, _MODEL, _DATE, _ENUM = "record", "model", "date", "enum"
_SET, _REFUSED = "set", "refused"
_INLINE = "\x1f"  # before the type's name of a value written out where it stands
_KINDS: dict[type, object] = {}


def _kind(cls: type):
    """How values of cls are written: one of the names above, or a dataclass's field reader."""
    if issubclass(cls, Record):
        return _RECORD
    if issubclass(cls, BaseModel):
        return _MODEL
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls)]
        read = attrgetter(*names)
        return read if len(names) > 1 else lambda value: [read(value)]
    if issubclass(cls, date):
        return _DATE
    if issubclass(cls, Enum):
        return _ENUM
    if issubclass(cls, (set, frozenset)):
        return _SET
    return _REFUSED
