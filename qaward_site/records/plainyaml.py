"""The plainest block YAML, read in one pass without building libyaml's nodes.

Nearly every record is written in one shape: `key: value` lines, nested mappings by
indentation, `- ` lists, plain or single-quoted one-line values, `[]` and `{}`, comments.
Checking 50,000 records spent most of its time having libyaml build a node, with its two
marks, for each of their three million values. This reads that shape alone, and gives up
(None) at the first thing outside it — a double quote, a block scalar, any other flow
collection, an anchor or tag, a value that runs on to the next line, a duplicate key, anything
libyaml would read differently or refuse. yamlsource then reads the file as before; positions are composed from the text only
when a finding asks for one. What this returns equals what yamlsource's full reading returns
(tested against it, file by file and on mutated files).
"""

from __future__ import annotations

import re
from typing import Any

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 32

# Any of these anywhere, and the full parser reads the file: characters YAML does not allow,
# or treats as line breaks (NEL, LS, PS, CR), the byte-order mark, tabs and controls.
_ELSEWHERE = re.compile(
    "[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A plain value: not starting with an indicator (what would make it a list, a flow, a quote,
# a block, an anchor, alias, tag or comment) or a space; no ": " or " #" inside; not ending with
# ":" or spaces (they are trimmed). Possessive, so a long line is never backtracked into.
_PLAIN = r"(?![-?:,\[\]{}#&*!|>'\"%@` ])(?:[^:\n ]|:(?=[^ \n])| ++(?=[^ \n#]))++"
_LINE = re.compile(
    r"^( *+)(?:#.*+|(- )?(?:([A-Za-z_][A-Za-z0-9_]{0,99}+):(?= |$) *+)?"
    r"(?:(')((?:[^'\n]|'')*+)'|(\[\]|\{\})|(" + _PLAIN + r"))? *+(?:(?<= )#.*+)?)$",
    re.M,
)
_EMPTY = {"[]": list, "{}": dict}


class _Elsewhere(Exception):
    """Not this shape: the full parser decides."""


def read_plain(text: str) -> dict | None:
    """The mapping text writes, or None if text is not in the plainest block shape."""
    if _ELSEWHERE.search(text):
        return None
    found = _LINE.findall(text)
    if len(found) != text.count("\n") + 1:  # a line outside the shape
        return None
    lines = [
        (len(indent), dash, key, quote, quoted, empty, plain)
        for indent, dash, key, quote, quoted, empty, plain in found
        if dash or key or quote or empty or plain  # not a blank or comment line
    ]
    if not lines or lines[0][0] != 0:
        return None
    try:
        value, i = _mapping(lines, 0, 0, 0)
    except _Elsewhere:
        return None
    return value if i == len(lines) else None


def _mapping(lines: list, i: int, indent: int, depth: int) -> tuple[dict, int]:
    if depth > MAX_DEPTH:
        raise _Elsewhere
    out: dict[str, Any] = {}
    n = len(lines)
    while i < n:
        at, dash, key, quote, quoted, empty, plain = lines[i]
        if at != indent:
            if at < indent:
                break
            raise _Elsewhere  # deeper with no key to hang it on: a value running on
        if dash or not key or key in out:
            raise _Elsewhere
        i += 1
        if quote or empty or plain:
            out[key] = _value(quote, quoted, empty, plain)
        elif i < n and (lines[i][0] > indent or (lines[i][0] == indent and lines[i][1])):
            # a nested block: deeper, or a list written at the key's own indentation
            read = _sequence if lines[i][1] else _mapping
            out[key], i = read(lines, i, lines[i][0], depth + 1)
        else:
            out[key] = None
    return out, i


def _sequence(lines: list, i: int, indent: int, depth: int) -> tuple[list, int]:
    if depth > MAX_DEPTH:
        raise _Elsewhere
    out: list[Any] = []
    n = len(lines)
    while i < n:
        at, dash, key, quote, quoted, empty, plain = lines[i]
        if at != indent or not dash:
            if at < indent or (at == indent and not dash):
                break
            raise _Elsewhere
        if key:  # "- key: …" opens a mapping two columns in
            lines[i] = (indent + 2, "", key, quote, quoted, empty, plain)
            value, i = _mapping(lines, i, indent + 2, depth + 1)
            out.append(value)
            continue
        if not (quote or empty or plain):
            raise _Elsewhere  # "-" and nothing: a null item, or a block below
        out.append(_value(quote, quoted, empty, plain))
        i += 1
    return out, i


def _value(quote: str, quoted: str, empty: str, plain: str) -> Any:
    """A one-line value as the full reading gives it: a single-quoted string, [] or {}, or a
    plain word (the null words are None, anything else stays the text written)."""
    if quote:
        return quoted.replace("''", "'")
    if empty:
        return _EMPTY[empty]()
    return None if plain in NULL_WORDS else plain
