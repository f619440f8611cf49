"""The Jinja2 environment for generated Japanese texts (STYLE §4): autoescape off,
StrictUndefined, templates under compose/templates/*.txt.j2. These texts are never inserted
into HTML unescaped; the web app escapes them like any other string."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_BLANK_RUNS = re.compile(r"\n{3,}")


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("naitei.compose", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, values: dict[str, Any]) -> str:
    """Render compose/templates/<template>.txt.j2; collapse runs of blank lines."""
    text = environment().get_template(f"{template}.txt.j2").render(**values)
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip() + "\n"
