"""The Jinja2 environment of the HTML pages: autoescape always on (STYLE §4).

Generated Japanese texts reach the pages only as values, escaped like everything else;
no template uses |safe and no Markup is built from user or generated text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from fastapi.templating import Jinja2Templates

from naitei.calendar import JST
from naitei.labels import ja_day, ja_time, label
from naitei.plan import Step
from naitei.render import DISCLAIMER, sentences, when
from naitei.web import script
from naitei.web.fields import answer_warnings
from naitei.web.handoff import plain_script, tel_link, web_text


def moment(value: dt.datetime | str | None) -> str:
    """11月26日(木) 10:00 (Japan time); '—' for nothing."""
    if value is None:
        return "—"
    from naitei.services.text import moment as format_moment

    parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return format_moment(parsed)


def step_when(step: Step | dict[str, Any]) -> str:
    """When a plan step is due, for a Step or a stored step (dict)."""
    if isinstance(step, Step):
        return when(step)
    window = step.get("window")
    if window:
        end = dt.datetime.fromisoformat(window["end"]).astimezone(JST)
        return f"{moment(window['start'])}〜{ja_time(end)}"
    if step.get("due"):
        return f"{moment(step['due'])} まで"
    return "必要になったとき"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("naitei.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        moment=moment, step_when=step_when, sentences=sentences, script_blocks=script.blocks
    )
    env.filters.update(tel=tel_link, web_text=web_text, plain_script=plain_script)
    env.globals.update(label=label, ja_day=ja_day, ja_time=ja_time, disclaimer=DISCLAIMER)
    env.globals.update(answer_warnings=answer_warnings)
    return Jinja2Templates(env=env)
