"""The HTML our templates write, passed through Markdown untouched and unparsed.

Most of a generated page is HTML. Python-Markdown reads such a block with an HTML parser twice
(mkdocs' anchor finder, then md_in_html's block finder), only to emit it as it was: measured,
half of mkdocs' time on our pages. This preprocessor runs before both and stores each block it
can prove is a whole HTML block, as Markdown would have taken it, in Markdown's own stash: what
Markdown emits is the same bytes (tests/test_mkdocs_parts.py). A block it cannot prove so (text
after a closed tag, an unclosed element, markdown="1") is left to Markdown.

It is added where the build runs mkdocs, not in mkdocs.yml: a bare `mkdocs build` of the staged
project, the benchmark's anchor, runs without it.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(/?)>|<!--.*?-->|<(script|style)\b.*?</\4>", re.S
)
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class RawBlocks(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # after whitespace normalising (30), before mkdocs' anchor finder (21) and html_block (20)
        md.preprocessors.register(_Stash(md), "qaward_raw_blocks", 25)


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] = []
        stashing = True
        for line in [*lines, ""]:
            if line.strip():
                block.append(line)
                continue
            if block:
                text = "\n".join(block)
                if stashing and self._whole(text):
                    out += ["", self.md.htmlStash.store(text + "\n"), ""]
                else:
                    out += block
                    # an element left open may hold what follows: Markdown reads the rest
                    stashing = stashing and not text.startswith("<")
                block = []
            out.append(line)
        return out[:-1]

    def _whole(self, text: str) -> bool:
        """Is the block HTML elements only, each opened by a block-level tag at a line's start
        and closed by the block's end? Then Markdown's html_block would keep it as it is."""
        if "markdown=" in text or not text.startswith("<"):
            return False
        depth, at = 0, 0
        for m in _TAG.finditer(text):
            if depth == 0:
                between = text[at : m.start()]
                if between.strip():  # text between top-level elements: Markdown's to read
                    return False
                if m.start() and not between.endswith("\n"):  # a top-level tag mid-line
                    return False
                opening = m.group(2) and not m.group(1)
                # a script or style (group 4) is a block as a whole
                if not m.group(4) and not (opening and self.md.is_block_level(m.group(2))):
                    return False
            at = m.end()
            if m.group(4) or not m.group(2):
                continue
            name = m.group(2).lower()
            if name in _VOID or m.group(3):
                continue
            depth += -1 if m.group(1) else 1
            if depth < 0:
                return False
        return depth == 0 and not text[at:].strip()
