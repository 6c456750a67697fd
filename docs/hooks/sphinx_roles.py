"""mkdocs hook: the docstrings use Sphinx roles (:func:`reconcile`) that mkdocstrings shows as written;
drop the role and keep the code span, so the page reads ``reconcile``."""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|exc|obj|const):(?=<code>)")


def on_page_content(html: str, **kwargs: object) -> str:
    return _ROLE.sub("", html)
