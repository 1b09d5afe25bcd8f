"""Search: pagefind over the built pages, with names also findable by pinyin and initials.

Measured here (notes/toolchain.md): mkdocs-material's lunr index misses words inside jieba's
tokens (公司 in 有限公司) and is downloaded whole (25 MB at 5,000 pages); pagefind segments
Chinese finely and loads its index in small fragments (45 KB to start).
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin, load_phrases_dict

# phrases pypinyin reads wrongly in place names (measured: 市长 wins in 重庆市长寿区)
load_phrases_dict({"长寿区": [["cháng"], ["shòu"], ["qū"]], "单县": [["shàn"], ["xiàn"]]})


@cache
def pinyin_of(name: str) -> str:
    """'大庆石化' → 'daqingshihua qingshihua shihua hua dqsh qsh sh': every run of syllables to
    the end of the name, in full and as initials. Pagefind matches word prefixes, so any part of a
    name can be typed in pinyin (shihua, jingmi) or initials (dq, jm), as in Chinese."""
    syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalpha()]
    full = ["".join(syllables[i:]) for i in range(len(syllables))]
    initials = ["".join(s[0] for s in syllables[i:]) for i in range(len(syllables) - 1)]
    return " ".join(full + initials)


def index(site: Path) -> None:
    """Run pagefind over the site; its index and UI land in site/pagefind/."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--root-selector",
            "article.md-content__inner",
            "--force-language",
            "zh",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
