"""The public site: pages from the checked records, built with mkdocs-material.

check → pages (model → render → exports) → mkdocs_build → search → verify (privacy, links, no
outside requests) → output (swap into place). build.py lists the stages.
"""
