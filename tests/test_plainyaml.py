"""The plain-shape reader gives what the full YAML reading gives, or steps aside (None).

Compared file by file on every record we ship or synthesise, and on files mutated at random
(seeded) with the characters and fragments where YAML's plain values go wrong."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from qaward_site.dev import synth
from qaward_site.records import yamlsource
from qaward_site.records.content import record_files
from qaward_site.records.plainyaml import read_plain
from qaward_site.records.yamlsource import dump_record, parse

ROOT = Path(__file__).resolve().parent.parent
REFUSED = "refused"


def full_reading(text: str):
    """What yamlsource reads text as when it does not take the plain shortcut."""
    try:
        doc = yamlsource._compose_nodes(text)
        if "\\" in text or "\x85" in text:
            yamlsource._refuse_controls(doc, doc.value, ())
    except (yamlsource._Refused, yaml.YAMLError, RecursionError):
        return REFUSED
    return doc.value


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("synth") / "content"
    synth.write(root, 40, ROOT / "content")
    texts = [p.read_text(encoding="utf-8") for p in record_files(root)]
    texts += [p.read_text(encoding="utf-8") for p in record_files(ROOT / "content")]
    for case_file in sorted((ROOT / "tests" / "cases").glob("*.yml")):
        for case in yaml.safe_load(case_file.read_text(encoding="utf-8")):
            for record in case.get("records") or []:
                texts.append(dump_record(record))
    return texts


def test_every_plain_record_reads_the_same(corpus):
    taken = 0
    for text in corpus:
        plain = read_plain(text)
        if plain is not None:
            taken += 1
            assert plain == full_reading(text), text
    assert taken > len(corpus) // 2  # the synthesised records are all in the plain shape


TRICKY = [
    ": ",
    ":",
    " :",
    " ",
    "  ",
    "- ",
    "-",
    "--- ",
    "...",
    "'",
    "''",
    "'a'",
    "' x '",
    "#",
    " #x",
    "\t",
    "~",
    "null",
    "NULL",
    "?",
    "? ",
    ",",
    "[",
    "{}",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">",
    "%",
    "@",
    "`",
    '"',
    "\\",
    "\n",
    "\n  ",
    "\n- ",
    "\n  - ",
    "\nx:",
    "a: b",
    "x:\n",
    "\xa0",
    "\u3000",
    "：",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "\x7f",
    "<<: ",
    "0x1F",
    "y",
    "no",
    "2026-02-30",
]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        move = rng.random()
        if move < 0.6:
            text = text[:at] + rng.choice(TRICKY) + text[at:]
        elif move < 0.8:
            text = text[:at] + text[at + rng.randint(1, 4) :]
        else:  # a line indented differently
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.choice([0, 1, 2, 3, 4]) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    return text


def test_mutated_records_read_the_same_or_go_to_the_full_parser(corpus):
    rng = random.Random(20261206)
    taken = 0
    for n in range(20000):
        text = mutate(rng.choice(corpus), rng)
        plain = read_plain(text)
        if plain is None:
            continue
        full = full_reading(text)
        assert plain == full, f"mutant {n}:\n{text}"
        taken += 1
    # most mutants still fit the shape (a changed value), so the comparison has teeth
    assert taken > 4000, taken


@pytest.mark.parametrize(
    "text, value",
    [
        ("a: 1\nb: x y\n", {"a": "1", "b": "x y"}),
        ("a: ~\nb:\nc: null\nd: ''\n", {"a": None, "b": None, "c": None, "d": ""}),
        ("a: 'it''s'\n", {"a": "it's"}),
        ("a: http://x.cn/a:b\n", {"a": "http://x.cn/a:b"}),
        ("s:\n- x\n- 'y'\nt: 2\n", {"s": ["x", "y"], "t": "2"}),
        (
            "s:\n  - k: 1\n    m:\n      n: 2\n  - k: 3\n",
            {"s": [{"k": "1", "m": {"n": "2"}}, {"k": "3"}]},
        ),
        ("# note\na: 1 # note\nb:  # none\nc: x#y\n", {"a": "1", "b": None, "c": "x#y"}),
        ("a: []\nb: {}\nc: x [1], {2}\n", {"a": [], "b": {}, "c": "x [1], {2}"}),
        ("a: no\nb: 0012\nc: 2026-02-30\n", {"a": "no", "b": "0012", "c": "2026-02-30"}),
    ],
)
def test_the_plain_shape(text, value):
    assert read_plain(text) == value == full_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        'a: "x"\n',  # double quotes: escapes
        "a: |\n  x\n",  # a block scalar
        "a: [1, 2]\n",  # flow
        "a: x\n  y\n",  # a value running on
        "a: 1\na: 2\n",  # a duplicate key
        "a: &x 1\nb: *x\n",  # an alias
        "  a: 1\n",  # indented as a whole
        "- a\n",  # not a mapping
        "",  # empty
        "a: 1\n---\nb: 2\n",  # two documents
        "a: 1\r\n",  # CRLF
        "k" * 1100 + ": 1\n",  # a key longer than libyaml's simple keys may be
    ],
)
def test_outside_the_shape_the_full_parser_reads(text):
    assert read_plain(text) is None


def test_a_plain_file_still_says_where_each_value_is():
    doc, problems = parse("kind: applicant\nid: a-1\nstages:\n- stage: x\n  date: 2026-01-01\n")
    assert problems == [] and doc.root is None  # read without nodes
    assert doc.position(("stages", 0, "date")) == (5, 9)
    assert doc.position(("stages", 0, "date"), key=True) == (5, 3)
    assert doc.position(("id",)) == (2, 5)


def test_a_long_line_is_read_in_linear_time():
    # possessive patterns: a line of spaces that ends wrong is never backtracked into
    assert read_plain("a: x" + " " * 200_000 + ":\n") is None
    assert read_plain("a: " + "x " * 200_000 + "\n") == {"a": ("x " * 200_000).strip()}


def test_a_text_libyaml_would_refuse_gives_the_first_line_not_a_traceback():
    doc = yamlsource.Document({"a": "1"}, text="a: &x 1\nb: *x\n")
    assert doc.position(("b",)) == (1, 1)
