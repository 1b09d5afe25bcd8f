"""The mkdocs stage split over processes, and the HTML blocks our templates write passed through
Markdown unparsed (issue 28): the bytes are those mkdocs alone gives in one process, and the
pages are verified as before."""

import contextlib
import os
import shutil

import markdown
import pytest
from helpers import DEMO
from test_site_build import CONFIG, TODAY, copy_content, edit, tree_digest

from qaward_site.errors import BuildError
from qaward_site.site import mkdocs_build
from qaward_site.site.build import build
from qaward_site.site.raw_html import RawBlocks


@pytest.fixture
def split(monkeypatch):
    """The stage split in two even for the demo's few pages, on any machine; the shares made."""
    made = []
    shares = mkdocs_build.shares

    def recorded(pages, n):
        made.append(shares(pages, n))
        return made[-1]

    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 1)
    monkeypatch.setattr(mkdocs_build.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(mkdocs_build, "shares", recorded)
    return made


def test_a_split_mkdocs_stage_gives_the_bytes_of_one_process(tmp_path, monkeypatch, split):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    parted = build(content, tmp_path / "split", CONFIG, TODAY, incremental=False)
    assert len(split) == 1 and all(split[0]) and len(split[0]) == 2  # two shares, none empty
    assert not split[0][0] & split[0][1]  # each page rendered once
    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 10**9)
    whole = build(content, tmp_path / "whole", CONFIG, TODAY, incremental=False)
    assert parted.pages == whole.pages > 50
    assert tree_digest(tmp_path / "split") == tree_digest(tmp_path / "whole")


def test_our_quicker_mkdocs_gives_the_bytes_of_a_bare_one(tmp_path, monkeypatch):
    """HTML blocks passed through Markdown unparsed, the navigation rendered once a folder, one
    Markdown converter for every page."""
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    keys, key = [], mkdocs_build.nav_once._key
    monkeypatch.setattr(mkdocs_build.nav_once, "_key", lambda *a: keys.append(key(*a)) or keys[-1])
    quick = build(content, tmp_path / "quick", CONFIG, TODAY, incremental=False)
    assert len(keys) >= quick.pages > 2 * len(set(keys))  # asked on every page, rendered far fewer

    class Nothing(markdown.Extension):
        def extendMarkdown(self, md):  # noqa: N802
            pass

    monkeypatch.setattr(mkdocs_build, "RawBlocks", Nothing)
    monkeypatch.setattr(mkdocs_build.nav_once, "install", lambda theme: None)
    monkeypatch.setattr(mkdocs_build, "_one_markdown", contextlib.nullcontext)
    build(content, tmp_path / "parsed", CONFIG, TODAY, incremental=False)
    assert tree_digest(tmp_path / "quick") == tree_digest(tmp_path / "parsed")


EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]  # mkdocs.yml.j2's


def converted(text: str, quick: bool) -> tuple[str, int]:
    md = markdown.Markdown(extensions=EXTENSIONS + ([RawBlocks()] if quick else []))
    return md.convert(text), md.htmlStash.html_counter


GENERATED = (
    "# 某公司\n\n"
    '<dl class="qa-facts">\n<dt>统一社会信用代码</dt><dd>91230600UMBREXQ62H</dd>\n</dl>\n'
    '<div class="qa-keys" hidden>a b</div>\n\n'
    '<h2 id="awards">获奖</h2>\n<p class="qa-muted">未获奖。</p>\n\n'
    '<script type="application/ld+json">{"name": "<b>x</b>"}</script>\n'
)


@pytest.mark.parametrize(
    "text",
    [
        GENERATED,
        "<div>\n\n*open across a blank line*\n\n</div>\n\n<p>after</p>\n",
        "<dl>\n<dt>a</dt>\n</dl>\ntext *after* a closed tag\n\n<p>x</p>\n",
        '<div markdown="1">\n*read as Markdown*\n</div>\n',
        "<!-- a comment -->\n<p>x</p>\n",
        "<span>inline</span> at a line's start *em*\n",
        "<p>a</p> tail *em*\n",
        "本站 **有效** 的奖项\n\n<ul>\n<li>1</li>\n</ul>\n\n<hr>\n\n<table>\n<tr><td>1</td></tr>\n</table>\n",
        "<blockquote><p>第一条\n第二条。</p></blockquote>\n\n<p>x</p>\n",
        "<p>a</p>\n</div>\n\n<p>b</p>\n",
        '<div hidden><p>a</p></div><div class="k">b</div>\n',  # Markdown puts a line between
    ],
)
def test_markdown_gives_the_same_html_with_the_blocks_passed_through(text):
    assert converted(text, quick=True)[0] == converted(text, quick=False)[0]


def test_the_blocks_the_templates_write_are_passed_through():
    _, stashed = converted(GENERATED, quick=True)
    _, parsed = converted(GENERATED, quick=False)
    # whole blocks stored as they are, none split into an element each by the HTML parser
    assert stashed == 3 < parsed


def test_a_leak_is_found_where_each_process_verifies_its_pages(tmp_path, split):
    content = copy_content(tmp_path)
    notice = content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"
    edit(notice, body="联系人：柯秋澜\n")
    with pytest.raises(BuildError) as failed:
        build(content, tmp_path / "site", CONFIG, TODAY)
    assert split, "the mkdocs stage was not split"
    message = str(failed.value)
    assert "notices/xinjiang-2026-acceptance/index.html 含有不应公开的" in message
    assert "柯秋澜" not in message
    assert not (tmp_path / "site").exists()


def test_the_pages_to_render_are_those_mkdocs_dirty_mode_renders(tmp_path):
    """A page left out of the shares is never rendered: new pages, and pages whose Markdown is
    newer than their HTML, in every folder; not the rest, not other files."""

    def to_render(docs, site, dirty):
        return mkdocs_build.Changed.found(docs, site, dirty).pages

    docs, site = tmp_path / "docs", tmp_path / "site"
    markdown = {"index.md": "a", "notices/x.md": "bb", "organizations/y/index.md": "ccc"}
    for rel, text in markdown.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text)
        os.utime(docs / rel, (1000, 1000))
    (docs / "assets").mkdir()
    (docs / "assets/x.js").write_text("js")
    for rel, when in (("index.html", 2000), ("notices/x/index.html", 500)):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("html")
        os.utime(site / rel, (when, when))
    assert to_render(docs, site, dirty=False) == {rel: len(t) for rel, t in markdown.items()}
    assert to_render(docs, site, dirty=True) == {"notices/x.md": 2, "organizations/y/index.md": 3}


def test_the_themes_words_are_its_own_but_the_skip_link_each_asked_twice():
    """overrides/partials/languages/custom.html looks each word up once a build (the theme's
    macro built its table of 90 words at every call): the same words, however often asked."""
    import re

    import jinja2

    from qaward_site.site.nav_once import MATERIAL
    from qaward_site.site.render import TEMPLATES

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES / "overrides", MATERIAL]),
        extensions=["jinja2.ext.loopcontrols"],
    )
    theirs = env.get_template("partials/languages/zh.html").module
    ours = env.get_template("partials/languages/custom.html").module
    keys = re.findall(
        r'^\s*"([\w.]+)":', (MATERIAL / "partials/languages/zh.html").read_text(), re.M
    )
    assert len(keys) > 50
    for _ in range(2):
        for key in keys:
            expected = "跳到正文" if key == "action.skip" else str(theirs.t(key))
            assert str(ours.t(key)) == expected, key


def test_the_theme_compiled_once_gives_the_same_bytes_and_trusts_only_its_own(tmp_path):
    """The theme's templates and the pages' compiled by one build are loaded by the next
    (mkdocs_build.Compiled): the same bytes as compiled anew; a compiled file this user's builds
    did not seal (planted, or changed since) is compiled again, never loaded."""
    from qaward_site.site.incremental import Cache

    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    first = tmp_path / "first"
    build(content, first, CONFIG, TODAY, incremental=False)
    compiled = Cache.of_output(first.resolve()).compiled
    files = sorted(p for p in compiled.rglob("*") if p.is_file())
    assert len(files) > 10 and any(p.parent.name == "pages" for p in files)
    for path in files:  # written without the seal: a file another may have put there
        path.write_bytes(path.read_bytes()[-200:])
    loaded = []
    load = mkdocs_build.Compiled.load_bytecode

    def recorded(self, bucket):
        load(self, bucket)
        loaded.append(bucket.code is not None)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mkdocs_build.Compiled, "load_bytecode", recorded)
        build(content, first, CONFIG, TODAY, incremental=False)
        assert loaded and not any(loaded)  # none trusted: all compiled again, and sealed
        loaded.clear()
        build(content, first, CONFIG, TODAY, incremental=False)
        assert loaded and all(loaded)
    fresh = tmp_path / "fresh"
    build(content, fresh, CONFIG, TODAY, incremental=False)  # its own cache: compiled anew
    assert tree_digest(fresh) == tree_digest(first)
