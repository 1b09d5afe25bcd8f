"""What a page is made from, as one digest: a rebuild renders again only the pages whose inputs
changed (issue 28: one notice edited at 20,000 pages re-rendered all of them).

A page's Markdown is a function of the templates and code (a change of either is a full build:
incremental.fingerprint), the day and settings (the same), the context shared by every page and
its own context. So its key is a digest of the last two. Records (pydantic models) are digested
by their JSON, the facts built from them (dataclasses) by their fields, each object once per
build however many pages hold it. A value of any other kind (a function in a context) cannot be
digested: its page is always rendered, which is never wrong.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from enum import Enum

from pydantic import BaseModel

_PLAIN = (str, int, float, bool, type(None), date, Enum)


class Undigestible(Exception):
    """A value whose content a digest cannot see (a function)."""


class Inputs:
    """Digests of page inputs for one build; objects met again are not digested again."""

    def __init__(self) -> None:
        # id → (object, digest): the object is held so that its id is not reused in this build
        self._memo: dict[int, tuple[object, bytes]] = {}

    def key(self, *values) -> str | None:
        """The digest of values, or None where one cannot be digested."""
        h = hashlib.blake2b(digest_size=16)
        try:
            for value in values:
                self._feed(h, value)
        except Undigestible:
            return None
        return h.hexdigest()

    def _feed(self, h, value) -> None:
        if isinstance(value, _PLAIN):
            h.update(f"{type(value).__name__}:{value!r};".encode())
        elif isinstance(value, dict):
            h.update(b"{")
            for k, v in value.items():
                self._feed(h, k)
                self._feed(h, v)
            h.update(b"}")
        elif isinstance(value, (list, tuple)):
            h.update(b"[")
            for v in value:
                self._feed(h, v)
            h.update(b"]")
        elif isinstance(value, (set, frozenset)):
            h.update(b"<" + b"".join(sorted(self._of(v) for v in value)) + b">")
        elif isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
            h.update(self._of(value))
        else:
            raise Undigestible(type(value).__name__)

    def _of(self, value) -> bytes:
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        h = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=16)
        if isinstance(value, BaseModel):
            h.update(value.model_dump_json().encode())
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                self._feed(h, getattr(value, f.name))
        else:
            self._feed(h, value)
        digest = h.digest()
        if isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
            self._memo[id(value)] = (value, digest)
        return digest
