"""Text made safe for the formats others open: a spreadsheet's cells (no formula runs) and
iCalendar lines (RFC 5545 escaping and folding). The site's exports and the desk's sheets and
agenda write them alike."""

from __future__ import annotations

import re

# Control characters (C0 but tab and newline, DEL, C1) and the Unicode line and paragraph
# separators corrupt what the site writes: a CR or U+2028 ends a line of an .ics file for a
# reader that splits lines (str.splitlines does), most make feed.xml malformed, ESC rewrites a
# terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Text safe inside one line of a file we write (a YAML comment, a header): no newline, no
    control character — a file name cannot add a key to the record below it."""
    return CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " "))

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet program will not run as a formula (OWASP's CSV injection advice:
    a text starting = + - @ tab or CR gets a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_spreadsheet(value: str) -> str:
    """A cell read back: the apostrophe spreadsheet_safe put before a formula character goes
    (a name exported as '-某某 re-imports as -某某)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def ics_text(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """RFC 5545: lines over 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 73:
            out.append(current)
            current = " "
        current += char
    out.append(current)
    return "\r\n".join(out)
