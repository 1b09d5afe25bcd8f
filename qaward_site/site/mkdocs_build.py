"""The mkdocs stage: mkdocs.yml from its template, the theme's overrides (the package's, or
merged with a site's own), and the run itself, with the sitemap dated by the build day."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from qaward_site.errors import BuildError
from qaward_site.records.config import SiteConfig
from qaward_site.site import urls
from qaward_site.site.incremental import fresh_inodes
from qaward_site.site.pages import NAV
from qaward_site.site.render import TEMPLATES, template_files
from qaward_site.site.verify import CSP


def theme_overrides(roots: list[Path], staging: Path) -> Path:
    """The theme's override folder: the package's, or merged with a site's own."""
    if len(roots) == 1 or not (roots[0] / "overrides").is_dir():
        return TEMPLATES / "overrides"
    for rel, path in template_files(roots, "overrides").items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staging / rel)
    return staging


def mkdocs_yml(env, config: SiteConfig, docs: Path, theme: Path) -> str:
    footer = {
        "sponsor": config.sponsor,
        "contact": config.contact,
        "site_code": config.site_code,
        "icp": config.icp,
        "police_record": config.police_record,
        "police_code": "".join(c for c in config.police_record if c.isdigit()),
        "icp_number": any(c.isdigit() for c in config.icp),  # a number to look up, not a remark
        "organizer": config.organizer,
        "site_mark_image": config.site_mark_image,
        "site_mark_link": config.site_mark_link,
        "links": {
            "data": urls.DATA,
            "feed": urls.FEED,
            "search": urls.SEARCH,
            "site_map": urls.SITE_MAP,
            "contact": urls.CONTACT,
            "privacy": urls.PRIVACY,
            "corrections": urls.CORRECTIONS,
        },
        "csp": CSP,
    }
    return env.get_template("mkdocs.yml.j2").render(
        config=config,
        nav=NAV,
        footer=footer,
        docs_dir=str(docs),
        custom_dir=str(theme),
    )


def build_epoch(today: date) -> str:
    """The sitemap's dates come from the build day, an input of the build like the records."""
    return str(int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()))


def run(config_file: Path, site: Path, today: date, dirty: bool = False) -> None:
    """mkdocs into site; dirty: only pages whose Markdown changed, over a hard-link clone of the
    published site (fresh_inodes keeps every write off the published files)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = build_epoch(today)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        mkdocs_config = load_config(str(config_file), site_dir=str(site))
        with fresh_inodes():
            mkdocs_build(mkdocs_config, dirty=dirty)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs 构建失败：{exc}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
