"""The name index (site/name_index.py): any part of a title, an organisation's names by their
pinyin and initials, the shortest titles first, groups split before they grow heavy, the same
bytes from the same pages. The browser's reading of the same files: tests/browser/test_search.py."""

import json

import pytest

from qaward_site.site import name_index
from qaward_site.site.name_index import Entry

ENTRIES = [
    Entry(
        "大庆石化精密机械有限公司",
        "organizations/A/",
        ("大庆市质量奖",),
        ("大庆石化精密机械有限公司",),
    ),
    Entry(
        "天山精密机械股份有限公司",
        "organizations/B/",
        ("新疆质量奖",),
        ("天山精密机械股份有限公司", "天山机械厂"),
    ),
    Entry("2026年度大庆市质量奖获奖名单", "awards/daqing-2026/", ("大庆市质量奖",)),
    Entry("公示", "notices/"),
    Entry("初选名单公示", "notices/daqing-2026-proposal/", ("大庆市质量奖",)),
]


def _index(entries=ENTRIES):
    files = name_index.files(entries)
    return files, lambda rel: json.loads(files[rel])


def _found(query, entries=ENTRIES):
    files, read = _index(entries)
    ids, complete = name_index.lookup(read, query)
    rows = [
        row
        for n in range(0, len(entries), name_index.CHUNK)
        for row in read(f"e/{n // name_index.CHUNK}.json")
    ]
    return [rows[n][0] for n in ids], complete


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("精密机械", ["大庆石化精密机械有限公司", "天山精密机械股份有限公司"]),
        ("石化精密", ["大庆石化精密机械有限公司"]),
        ("ＡＢＣ", []),  # full width folded, nothing so named
        ("daqing", ["大庆石化精密机械有限公司"]),  # pinyin: names only, not titles
        ("shihua", ["大庆石化精密机械有限公司"]),  # from any syllable
        ("dqsh", ["大庆石化精密机械有限公司"]),  # initials
        ("jixiechang", ["天山精密机械股份有限公司"]),  # a former name
        ("2026", ["2026年度大庆市质量奖获奖名单"]),
        ("公示", ["公示", "初选名单公示"]),  # the title itself first, then the longer ones
        ("大庆 名单", ["2026年度大庆市质量奖获奖名单"]),  # every word of the query
    ],
)
def test_a_query_finds_the_titles_and_names_that_hold_it(query, titles):
    assert _found(query) == (titles, True)


def test_entries_are_the_shortest_titles_first_and_the_same_bytes_in_any_order():
    files, read = _index()
    again, _ = _index(list(reversed(ENTRIES)))
    assert files == again
    assert [row[0] for row in read("e/0.json")][:2] == ["公示", "初选名单公示"]
    tianshan = next(row for row in read("e/0.json") if row[0].startswith("天山"))
    assert tianshan[1:] == ["organizations/B/", "新疆质量奖", "天山机械厂"]  # and other names


def test_a_heavy_group_is_split_and_keeps_its_first_entries(monkeypatch):
    monkeypatch.setattr(name_index, "SPLIT", 3)
    monkeypatch.setattr(name_index, "FIRST", 2)
    many = [Entry(f"天山{'甲乙丙丁戊己庚辛'[i]}公司", f"organizations/{i}/") for i in range(8)]
    titles, complete = _found("天山", many)
    assert titles == ["天山丁公司", "天山丙公司"] and not complete  # the first two, in order
    assert _found("天山丙", many) == (["天山丙公司"], True)  # one character more: all of them


def test_the_index_holds_titles_names_and_addresses_only():
    files, _ = _index()
    text = "".join(files.values())
    assert set(files) >= {"meta.json", "e/0.json"} and all(
        rel == "meta.json" or rel.startswith(("k/", "e/")) for rel in files
    )
    assert "大庆市质量奖" in text and "organizations/A/" in text


def test_the_files_are_asked_for_by_a_version_that_changes_with_them():
    files, read = _index()
    changed, _ = _index([*ENTRIES[:-1], Entry("初选名单的公示", "notices/daqing-2026-proposal/")])
    assert read("meta.json")["version"] != json.loads(changed["meta.json"])["version"]
    assert read("meta.json")["version"] == json.loads(_index()[0]["meta.json"])["version"]


def test_place_names_pypinyin_misreads_are_spelt_as_said():
    """长寿区 is chángshòu, also after 市 (市长 won: zhangshou); 单县 is shàn; 市长 elsewhere stays."""
    from qaward_site.site.search import pinyin_of

    assert pinyin_of("重庆市长寿区").split()[0] == "chongqingshichangshouqu"
    assert pinyin_of("长寿区质量协会").split()[0] == "changshouquzhiliangxiehui"
    assert pinyin_of("山东省单县").split()[0] == "shandongshengshanxian"
    assert pinyin_of("市长办公室").split()[0] == "shizhangbangongshi"


def test_the_digest_of_the_entries_sees_every_field_and_where_it_ends():
    """A rebuild keeps the published index when this digest is the last build's: a title, an
    address, a programme or a name changed, or moved from one field to the next, changes it."""
    e = name_index.Entry
    base = [e("大庆石化", "organizations/a/", ("大庆市",), ("大庆石化",)), e("公示", "notices/x/")]
    same = [e("大庆石化", "organizations/a/", ("大庆市",), ("大庆石化",)), e("公示", "notices/x/")]
    assert name_index.digest(base) == name_index.digest(same)
    others = [
        [e("大庆石化公司", "organizations/a/", ("大庆市",), ("大庆石化",)), base[1]],
        [e("大庆石化", "organizations/b/", ("大庆市",), ("大庆石化",)), base[1]],
        [e("大庆石化", "organizations/a/", (), ("大庆市", "大庆石化")), base[1]],
        [e("大庆石化", "organizations/a/", ("大庆市", "大庆石化"), ()), base[1]],
        [base[1], base[0]],
        [base[0]],
    ]
    digests = {name_index.digest(x) for x in others}
    assert len(digests) == len(others) and name_index.digest(base) not in digests


def _groups_read_string_by_string(strings, ids_of):
    """Groups as first written (every string read at every depth): what the bisection must
    give."""
    from collections import defaultdict

    groups = {}

    def group(prefix, members_in):
        depth = len(prefix) + 1
        by_next = defaultdict(list)
        for s in members_in:
            if len(s) >= depth:
                by_next[s[:depth]].append(s)
        for key, members in by_next.items():
            if sum(len(ids_of[s]) for s in members) <= name_index.SPLIT:
                groups[key] = {"s": {s: ids_of[s] for s in members}}
                continue
            first = sorted({n for s in members for n in ids_of[s][: name_index.FIRST]})
            groups[key] = {"first": first[: name_index.FIRST]}
            group(key, members)

    group("", strings)
    return groups


def test_groups_found_by_bisection_are_those_read_string_by_string(monkeypatch):
    from collections import defaultdict

    monkeypatch.setattr(name_index, "SPLIT", 4)
    monkeypatch.setattr(name_index, "FIRST", 3)
    words = "天山昆仑精密机械纺织有限公司"
    entries = [
        Entry(words[i % 7 : i % 7 + 2 + i % 5] + words[(i * 3) % 11 :], f"o/{i}/", (), (f"{i}号",))
        for i in range(120)
    ]
    ids_of = defaultdict(list)
    for n, entry in enumerate(sorted(set(entries), key=name_index._order)):
        for s in name_index.strings_of(entry, lambda name: "tian shan"):
            ids_of[s].append(n)
    index = name_index._Strings.of(ids_of)
    name_index._group("", 0, len(index.strings), index)
    expected = _groups_read_string_by_string(sorted(ids_of), ids_of)
    assert any("first" in g for g in expected.values())  # some split, some deep
    assert index.groups == expected


def _in_parts(entries):
    """The index in its two parts, as the build makes it; found: (titles, complete) as the
    browser lists them (name_index.lookup_parts)."""
    parts = {part: [] for part in name_index.PARTS}
    for e in entries:
        organisation = e.url.startswith("organizations/")
        parts[name_index.ORGANISATIONS if organisation else name_index.PAGES].append(e)
    files, _ = name_index.made(parts, {})

    def found(query):
        read = lambda rel: json.loads(files[rel])  # noqa: E731
        ids, complete = name_index.lookup_parts(read, query)
        rows = [
            read(f"{part}e/{n // name_index.CHUNK}.json")[n % name_index.CHUNK] for part, n in ids
        ]
        return [row[0] for row in rows], complete

    return files, found


@pytest.mark.parametrize(
    "query", ["精密机械", "大庆", "公示", "2026", "daqing", "天山", "天山丙", "公司"]
)
def test_the_parts_list_what_one_index_lists_in_its_order(monkeypatch, query):
    """The organisations' part and the programme's pages' part (a retitle makes the second
    again, not the first) find what one index of every entry finds, in its order: the shortest
    titles first, wherever they are; a heavy group's first entries too."""
    monkeypatch.setattr(name_index, "SPLIT", 3)
    monkeypatch.setattr(name_index, "FIRST", 2)
    entries = [
        *ENTRIES,
        *(Entry(f"天山{'甲乙丙丁戊'[i]}公司", f"organizations/{i}/") for i in range(5)),
        Entry("天山乙公司：撤销奖励", "sanctions/x/"),  # the page of an organisation's sanction
        Entry("天山公司", "notices/y/"),  # shorter than every organisation so named
    ]
    files, found = _in_parts(entries)
    assert {rel.split("/")[0] for rel in files} == {"p", "o"}
    (titles, complete), (one, whole) = found(query), _found(query, entries)
    assert complete == whole and titles[: len(one)] == one
    # a heavy group: each part's first entries, the first of them one index's first
    assert len(titles) == len(one) if whole else len(titles) <= 2 * len(one)
    rank = {e.title: i for i, e in enumerate(sorted(entries, key=name_index._order))}
    assert titles == sorted(titles, key=rank.get)  # in the order of one index


def test_the_pages_part_is_made_again_when_the_organisations_change():
    """Where the pages' entries stand among the organisations is written in the pages' part: a
    new organisation changes the pages' key too (their part made again), a retitled page
    changes its own alone."""

    def keys(entries):
        parts = {part: [] for part in name_index.PARTS}
        for e in entries:
            parts["o/" if e.url.startswith("organizations/") else "p/"].append(e)
        return name_index.keys(parts)

    before = keys(ENTRIES)
    added = keys([*ENTRIES, Entry("大庆油田公司", "organizations/C/", (), ("大庆油田公司",))])
    retitled = keys([*ENTRIES[:-1], Entry("初选名单的公示", "notices/daqing-2026-proposal/")])
    assert added["o/"] != before["o/"] and added["p/"] != before["p/"]
    assert retitled["o/"] == before["o/"] and retitled["p/"] != before["p/"]
