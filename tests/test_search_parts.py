"""How the search index is split into parts: stable, balanced, only big sections split."""

from qaward_site.site.search import MAIN, Parts


def pages(n, section="organizations"):
    return [f"{section}/{i:05d}/index.html" for i in range(n)]


def test_small_sections_share_the_main_part():
    plan = Parts.plan([*pages(2), "index.html", "notices/a/index.html"], per_part=10)
    assert plan.names == [MAIN] and plan.merged == []


def test_a_big_section_is_spread_over_balanced_parts():
    plan = Parts.plan([*pages(2500), "index.html", *pages(30, "notices")], per_part=1000)
    assert plan.names[0] == MAIN
    assert plan.merged == [f"organizations-{i}-of-3" for i in (1, 2, 3)]
    sizes = {name: len(members) for name, members in plan.members().items()}
    assert sizes[MAIN] == 31
    assert all(700 < sizes[n] < 1000 for n in plan.merged), sizes


def test_a_page_stays_in_its_part_when_others_come_and_go():
    before = Parts.plan(pages(2500), per_part=1000)
    after = Parts.plan(pages(2600), per_part=1000)  # same number of parts
    assert all(after.part_of[p] == part for p, part in before.part_of.items())
    grown = {after.part_of[p] for p in pages(2600)[2500:]}
    assert after.differing_from(before.part_of) == grown
    assert after.touched_by(["organizations/00007/index.html", "404.html"]) == {
        after.part_of["organizations/00007/index.html"]
    }


def test_more_parts_when_a_section_outgrows_them():
    before = Parts.plan(pages(2000), per_part=1000)
    after = Parts.plan(pages(2001), per_part=1000)
    assert len(after.merged) == 3
    assert after.differing_from(before.part_of) == set(after.merged)


def test_keys_find_any_part_of_a_name_whatever_the_segmenter():
    from qaward_site.site.search import KEY_CHARS, keys_of

    name = "大庆市政府质量奖初选公示"
    keys = keys_of(name).split()
    assert len(keys) == len(name)  # one key for each position

    def spelt(part: str) -> str:  # a part of a query as assets/search.js spells it
        return keys_of(part).split()[0]

    for start in range(len(name)):
        for end in range(start + 1, min(start + KEY_CHARS, len(name)) + 1):
            assert any(k.startswith(spelt(name[start:end])) for k in keys)
    assert not any(k.startswith(spelt("政府奖")) for k in keys)  # not in the name


def test_keys_only_for_runs_with_chinese_and_the_same_for_full_width():
    from qaward_site.site.search import keys_of

    assert keys_of("ISO 9001") == ""
    assert keys_of("ＩＳＯ认证") == keys_of("iso认证")
    assert keys_of("公司：撤销") == " ".join([keys_of("公司"), keys_of("撤销")])


def test_a_title_is_one_word_whatever_its_spacing_punctuation_and_width():
    from qaward_site.site.search import title_keys, title_word

    word = title_word("2026年度质量奖（第二批）公示")
    assert word == title_word(" ２０２６年度 质量奖(第二批)公示 ")
    assert word != title_word("2026年度质量奖（第一批）公示")
    assert word.startswith("qt") and word.isalpha() and word.islower() and len(word) == 9
    assert title_keys("公示").split()[-1] == title_word("公示")
    assert title_word("公示") == "qthehfppj"  # pinned: assets/search.js computes the same word


def _site_of_pages(root):
    """A few pages as mkdocs-material writes them: their text in article.md-content__inner."""
    texts = {
        "index.html": "政府质量奖公开平台",
        "notices/a/index.html": "新疆维吾尔自治区人民政府质量奖受理名单公示",
        "organizations/x/index.html": "天山宏达纺织有限公司 精密机械",
    }
    for rel, text in texts.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<html lang="zh"><head><title>{text}</title></head><body>'
            f'<article class="md-content__inner"><h1>{text}</h1><p>{text}</p></article>'
            "</body></html>",
            "utf-8",
        )
    return list(texts)


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_warm_service_writes_the_index_the_command_writes(tmp_path):
    """Pagefind as a service (started before the pages are written, its dictionary loaded
    meanwhile) indexes a part into the very files the command writes."""
    from qaward_site.site.search import INDEX, Warm, index

    made = {}
    for way in ("command", "service"):
        site = tmp_path / way / "site"
        plan = Parts.plan(_site_of_pages(site), per_part=100)
        warm = Warm(tmp_path / way / "service.log") if way == "service" else None
        running = index(site, plan, None, tmp_path / way / "work", warm)
        assert [r.service is not None for r in running.runs] == [way == "service"]
        running.wait()
        made[way] = _files(site / INDEX)
    assert made["service"] == made["command"]
    assert any(p.name == "pagefind-entry.json" for p in made["service"])
    assert warm.process.poll() is not None  # ended


def test_a_service_that_dies_is_said_in_chinese_with_what_it_wrote(tmp_path, monkeypatch):
    import pytest

    from qaward_site.errors import BuildError
    from qaward_site.site import search

    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 索引程序崩溃了 >&2\nexit 3\n", "utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    started = []
    real = search._popen
    monkeypatch.setattr(
        search, "_popen", lambda *a, **k: started.append(real(*a, **k)) or started[-1]
    )
    search._pagefind.cache_clear()
    try:
        site = tmp_path / "site"
        plan = Parts.plan(_site_of_pages(site), per_part=100)
        # it may be gone before it is sent its warm-up page, or only when given the part
        with pytest.raises(
            BuildError,
            match="pagefind 服务意外退出：\n索引程序崩溃了\n.*请重新安装.*PAGEFIND_BINARY_PATH",
        ):
            warm = search.Warm(tmp_path / "service.log")
            search.index(site, plan, None, tmp_path / "work", warm).wait()
    finally:
        search._pagefind.cache_clear()
    assert len(started) == 1 and started[0].poll() is not None  # nothing left running


def test_a_warm_service_no_part_needs_is_ended(tmp_path):
    from qaward_site.site.search import Warm, index

    site = tmp_path / "site"
    plan = Parts.plan(_site_of_pages(site), per_part=100)
    warm = Warm(tmp_path / "service.log")
    assert index(site, plan, set(), tmp_path / "work", warm).runs == []
    assert warm.process.poll() is not None


def test_the_service_s_answers_are_read_whole_however_they_arrive(monkeypatch):
    """pagefind's service answers each message as base64 JSON ended by ','; its pipe gives
    them in pieces of any size: an answer cut within a piece, across several, or ended by the
    first byte of a piece, is read whole, and the answers before the one asked are read past."""
    import base64
    import itertools
    import json
    from types import SimpleNamespace

    from qaward_site.site import search

    def answer(n, payload):
        return base64.b64encode(json.dumps({"message_id": n, "payload": payload}).encode()) + b","

    big = {"type": "Files", "files": ["x" * 3000] * 8}
    stream = answer(1, {"type": "IndexCreated"}) + answer(2, big) + answer(3, {"type": "Done"})
    ends = [i for i, byte in enumerate(stream) if byte == ord(",")]
    cuts = sorted({0, len(stream), *range(0, len(stream), 4_001), *ends})  # a piece from each ','
    pieces = [stream[a:b] for a, b in itertools.pairwise(cuts)]
    assert any(piece.startswith(b",") for piece in pieces)
    monkeypatch.setattr(search, "os", SimpleNamespace(read=lambda fd, n: pieces.pop(0)))
    warm = search.Warm.__new__(search.Warm)
    warm._unread = bytearray()
    warm.process = SimpleNamespace(stdout=SimpleNamespace(fileno=lambda: 0))
    assert warm._receive(2) == big
    assert warm._receive(3) == {"type": "Done"}
