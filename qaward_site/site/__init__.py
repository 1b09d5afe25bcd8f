"""The public site: pages from the checked records, built with mkdocs-material.

model (what to show) → render (Markdown/HTML from templates/) → mkdocs build → search index →
verify (privacy, links, no outside requests) → swap into place. See build.py.
"""
