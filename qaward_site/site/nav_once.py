"""mkdocs-material's navigation, rendered once for the pages that show the same one.

Every page carries the whole site navigation (the drawer on phones); rendering it was a third
of the theme's time on a page (measured at 5,000 pages). What it shows depends on the page only
through the relative addresses of its links, which items are active and whether the page is
one of them: pages that agree on these get the navigation already rendered, as bytes. A site
that overrides the theme's nav.html is left alone.

Installed where the build runs mkdocs, not in mkdocs.yml: a bare `mkdocs build` of the staged
project, the benchmark's anchor, renders the navigation on every page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
from mkdocs.utils import normalize_url

NAV = "partials/nav.html"
_THEME_NAV = "qaward/theme-nav.html"  # the theme's own, under a name of its own
MATERIAL = Path(material.__file__).parent / "templates"


def install(theme) -> None:
    """Wrap the theme's Jinja environment (mkdocs asks the theme for it once per build)."""
    get_env = theme.get_env

    def env_with_nav_once() -> jinja2.Environment:
        env = get_env()
        source, filename, _ = env.loader.get_source(env, NAV)
        if Path(filename).resolve() != (MATERIAL / NAV).resolve():
            return env  # a site's own navigation: its own rules
        rendered: dict[tuple, str] = {}

        @jinja2.pass_context
        def nav_once(context) -> str:
            key = _key(context.get("nav"), context.get("page"))
            html = rendered.get(key)
            if html is None:
                template = env.get_template(_THEME_NAV)
                html = rendered[key] = template.render(context.get_all())
            return html

        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({NAV: "{{ qaward_nav_once() }}", _THEME_NAV: source}), env.loader]
        )
        env.globals["qaward_nav_once"] = nav_once
        return env

    theme.get_env = env_with_nav_once


def _key(nav, page) -> tuple:
    """What the navigation's HTML depends on: each item's address as this page links to it,
    whether it is active, whether it is this page (then its table of contents is in it)."""
    items = []

    def walk(children) -> None:
        for item in children:
            url = getattr(item, "url", None)
            items.append((url and normalize_url(url, page), item.active, item is page))
            if item.children:
                walk(item.children)

    walk(nav.items)
    home = nav.homepage.url if nav.homepage else None
    where = page.url.rsplit("/", 2)[0] if page else None
    return where, home and normalize_url(home, page), tuple(items)
