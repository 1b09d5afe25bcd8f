"""The name index: every searchable page by its title (an organisation's also by each of its
names, their pinyin and initials), in files small enough that a name search shows its first
results before pagefind has loaded.

Pagefind is what finds words anywhere in a page; loaded whole it costs a browser its API, its
WebAssembly and every part's metadata before the first result (869 KB at 20,000 pages,
measured). A name typed is answered here from a few kilobytes, and assets/search.js asks
pagefind only afterwards, for the pages that mention it.

What a query is matched against, each a string the query must begin:
- every position of a title's or name's runs that hold a Chinese character, HAN_KEEP characters
  from there (any part of a name, like Ctrl-F, as search.keys_of);
- a run of letters and digits alone (2025, ABC), LETTER_KEEP of them;
- a name's pinyin words (search.pinyin_of: jingmi, jmjx).
Longer queries are checked against the entry's title and names in the browser.

The index is in two PARTS, each a folder of its own under FOLDER holding the files below: the
organisations (20,000 at a province's scale; an entry changes only with its records) and the
programme's own pages (notices, lists, cycles, sanctions: a hundred or so; a correction retitles
one). A retitled notice makes the second again, in milliseconds, and leaves the first's 1,300
files as published: as one index it was made again whole (0.8-1.5 s of the build's other core,
at 20,000 pages) and every file rewritten, its ids following the titles' order. The browser asks
both and lists their entries in one order, the shortest titles first, as one index would: the
pages' part says where each of its entries stands among the organisations (meta.json: slots),
and is made again when they change (keys).

Files, in each part's folder:
- meta.json: the version of the files, the number of buckets, the entries per chunk, what each
  section is; the pages' part, for each of its entries, how many of the organisations' come
  before it (slots);
- k/<n>.json, a bucket: the groups whose key hashes to n. A group is every string beginning with
  its key (its first character, or more), each with the entries it stands for. A group of more
  than SPLIT entries is split by one more character and only its first entries are kept (the
  shortest titles: a first screen of results while the query is still that short);
- e/<n>.json, the entries n·CHUNK…: [title, address, programmes, other names…], shortest
  titles first (the page titled exactly as a query comes before those that merely hold it).
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate, chain

from qaward_site.site import search, urls

FOLDER = "search-names/"
ORGANISATIONS, PAGES = "o/", "p/"
PARTS = (PAGES, ORGANISATIONS)  # as the browser lists their results
HAN_KEEP = 6
LETTER_KEEP = 16
SPLIT = 400  # entries a group lists before it is split by one more character
FIRST = 20  # entries a split group keeps: its first screen and more
CHUNK = 32  # entries a file of entries holds


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # site-relative, as urls.py makes it
    programmes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # found by these too, with their pinyin (an organisation's)


def strings_of(entry: Entry, pinyin: Callable[[str], str] = search.pinyin_of) -> set[str]:
    """What queries are matched against for this entry (each must begin with the query)."""
    out = set()
    for text in (entry.title, *entry.names):
        for run in search._runs(text):
            if search.HAN.search(run):
                out |= {run[i : i + HAN_KEEP] for i in range(len(run))}
            else:
                out.add(run[:LETTER_KEEP])
    for name in entry.names:
        out.update(w[:LETTER_KEEP] for w in pinyin(name).split())
    return out


def entries_of(pages: Iterable) -> dict[str, list[Entry]]:
    """What each part of the index holds of the pages (render.Page): the searchable ones'
    titles, addresses, programmes and names; the index is made of these alone."""
    parts: dict[str, list[Entry]] = {part: [] for part in PARTS}
    for p in pages:
        if p.search:
            entry = Entry(p.title, p.url, p.programmes, p.names)
            parts[ORGANISATIONS if p.url.startswith(_ORGANISATION) else PAGES].append(entry)
    return parts


_ORGANISATION = urls.organization("").removesuffix("/")  # organizations/: their pages


def digest(entries: list[Entry]) -> str:
    """What the index is made of, as one digest: the same entries in the same order, the same
    digest (records hold no control characters: the separators cannot be in a value). A tenth
    of the time of digesting them as JSON (0.12-0.15 s at 20,000 pages, every rebuild)."""
    h = hashlib.blake2b(digest_size=16)
    for e in entries:
        h.update("\x1f".join((e.title, e.url, *e.programmes, "\x1e", *e.names, "\x1d")).encode())
    return h.hexdigest()


def keys(parts: dict[str, list[Entry]]) -> dict[str, str]:
    """What each part is made of, as one digest: the pages' part is made of the organisations'
    too (where its entries stand among them)."""
    theirs = digest(parts[ORGANISATIONS])
    ours = hashlib.blake2b(f"{digest(parts[PAGES])} {theirs}".encode(), digest_size=16)
    return {PAGES: ours.hexdigest(), ORGANISATIONS: theirs}


def made(
    parts: dict[str, list[Entry]], spelt: dict[str, str], which: Iterable[str] = PARTS
) -> tuple[dict, dict[str, str]]:
    """The files of the parts named (which: their paths under FOLDER), each name's pinyin as
    spelt before when it was (spelling 20,000 names again costs 2.6 s): (files, their names'
    pinyin)."""
    which = [part for part in PARTS if part in which]
    now = {}
    for part in which:
        for entry in parts[part]:
            for name in entry.names:
                now[name] = spelt.get(name) or search.pinyin_of(name)
    out = {}
    for part in which:
        among = sorted(map(_order, parts[ORGANISATIONS])) if part == PAGES else None
        written = files(parts[part], now.__getitem__, among)
        out |= {part + rel: text for rel, text in written.items()}
    return out, now


def _order(entry: Entry) -> tuple:
    plain = "".join(search._runs(entry.title))
    return (len(plain), plain, entry.url)


def bucket_of(key: str, buckets: int) -> int:
    """search.fnv of the key, modulo the number of buckets (assets/search.js asks the same)."""
    return search.fnv(key) % buckets


def files(
    entries: Iterable[Entry],
    pinyin: Callable[[str], str] = search.pinyin_of,
    among: list[tuple] | None = None,
) -> dict:
    """Every file of an index: {path in its folder: JSON text}. The same entries give the same
    bytes. among: the order (_order) of the entries of another index its results are listed
    among, sorted: each entry's slot in it is written (meta.json)."""
    entries = sorted(set(entries), key=_order)
    ids_of: dict[str, list[int]] = defaultdict(list)
    for n, entry in enumerate(entries):
        for s in strings_of(entry, pinyin):
            ids_of[s].append(n)
    index = _Strings.of(ids_of)
    _group("", 0, len(index.strings), index)
    groups = index.groups
    texts = {key: f"{_json(key)}:{_json(group)}" for key, group in groups.items()}
    # about 4 KB a bucket (a few hundred entries' worth)
    size, buckets = sum(len(t) for t in texts.values()), 16
    while buckets * 4096 < size:
        buckets *= 2
    out: dict[int, list[str]] = {n: [] for n in range(buckets)}
    for key, text in texts.items():
        out[bucket_of(key, buckets)].append(text)
    written = {f"k/{n}.json": "{" + ",".join(sorted(b)) + "}" for n, b in out.items()}
    for start in range(0, len(entries), CHUNK):
        chunk = [_row(e) for e in entries[start : start + CHUNK]]
        written[f"e/{start // CHUNK}.json"] = _json(chunk)
    # the other files are asked for with this version in their address: a browser's cached copy
    # of the last build's never answers for this one's (meta.json itself is revalidated)
    version = hashlib.sha256("".join(f"{k}\0{v}\0" for k, v in written.items()).encode())
    meta = {
        "version": version.hexdigest()[:12],
        "buckets": buckets,
        "chunk": CHUNK,
        "han": HAN_KEEP,
        "letters": LETTER_KEEP,
        "sections": search.SECTIONS_FOR_BROWSER,
    }
    if among is not None:
        meta["slots"] = [bisect_left(among, _order(e)) for e in entries]
    written["meta.json"] = _json(meta)
    return written


def _group(prefix: str, lo: int, hi: int, index: _Strings) -> list[int]:
    """The groups of index.strings[lo:hi] (each beginning with prefix), one character further
    each, into index.groups; found by bisection, not by reading every string at every depth.
    Returns the first FIRST entries of those strings, as a split group lists them."""
    depth, strings = len(prefix) + 1, index.strings
    firsts: set[int] = set()
    i = lo
    while i < hi:
        s = strings[i]
        if len(s) < depth:  # the prefix itself: in no group further
            firsts.update(index.ids_of[s][:FIRST])
            i += 1
            continue
        key = s[:depth]
        j = bisect_right(strings, key, i, hi, key=lambda t: t[:depth])
        # entries with two strings in a group count twice: only where to split is decided so
        if index.counted[j] - index.counted[i] <= SPLIT:
            listed = {t: index.ids_of[t] for t in strings[i:j]}
            index.groups[key] = {"s": listed}
            firsts.update(chain.from_iterable(ids[:FIRST] for ids in listed.values()))
        else:
            # too many to list: the first of them, and the group split by one more character
            # (none past the longest string: a query that long gets the first, pagefind the rest)
            first = _group(key, i, j, index)
            index.groups[key] = {"first": first}
            firsts.update(first)
        i = j
    return sorted(firsts)[:FIRST]


@dataclass
class _Strings:
    ids_of: dict[str, list[int]]  # each string → the entries it stands for, in order
    strings: list[str]  # sorted
    counted: list[int]  # entries of the strings before each position, summed
    groups: dict[str, dict]  # what _group found

    @classmethod
    def of(cls, ids_of: dict[str, list[int]]) -> _Strings:
        strings = sorted(ids_of)
        return cls(ids_of, strings, [0, *accumulate(len(ids_of[s]) for s in strings)], {})


def _row(entry: Entry) -> list:
    others = [n for n in entry.names if n != entry.title]
    return [entry.title, entry.url, "、".join(entry.programmes), *others]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def lookup(read: Callable[[str], dict | list], query: str) -> tuple[list[int], bool]:
    """The entries whose strings begin with each run of query, as assets/search.js finds them
    (read: a file of the index, parsed): (their numbers, whether that is all of them). Kept in
    Python for the tests: the browser's is checked against it."""
    meta = read("meta.json")
    found: set[int] | None = None
    complete = True
    for run in search._runs(query):
        keep = meta["han"] if search.HAN.search(run) else meta["letters"]
        want = run[:keep]
        key = want[:1]
        while True:
            group = read(f"k/{bucket_of(key, meta['buckets'])}.json").get(key)
            if group is None:
                ids: set[int] = set()
                break
            if "s" in group:
                ids = {n for s, ns in group["s"].items() if s.startswith(want) for n in ns}
                break
            if len(want) > len(key):
                key = want[: len(key) + 1]
                continue
            ids, complete = set(group["first"]), False
            break
        found = ids if found is None else found & ids
    return sorted(found or ()), complete


def lookup_parts(read: Callable[[str], dict | list], query: str) -> tuple[list[tuple], bool]:
    """lookup over the parts (read: a file under FOLDER, parsed), their entries in one order as
    assets/search.js lists them: (each entry's part and number, whether that is all of them)."""
    found, complete = [], True
    for part in PARTS:
        slots = read(part + "meta.json").get("slots")
        ids, whole = lookup(lambda rel, part=part: read(part + rel), query)
        # an entry of the pages' part before the organisation in its slot; in their own order
        found += [(slots[n] - 0.5 if slots else n, part, n) for n in ids]
        complete = complete and whole
    return [(part, n) for _, part, n in sorted(found, key=lambda f: f[0])], complete
