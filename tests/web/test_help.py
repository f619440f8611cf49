"""/help (issue 16): the verdict bands as a scale, the terms, what naitei keeps and where;
linked from every result; the stylesheet's focus ring, dark mode and print rules."""

from __future__ import annotations

import re
from typing import Any, get_args

from naitei.assess import Verdict
from naitei.labels import label
from naitei.web.app import STATIC
from tests.support.web import WIZARD_FORM, decline_form, post_wizard


def test_help_shows_the_four_bands_in_order_and_the_terms(client: Any) -> None:
    page = client.get("/help")
    assert page.status_code == 200
    names = re.findall(r'<span class="scale-name">([^<]*)</span>', page.text)
    assert names == [label("verdict", verdict) for verdict in get_args(Verdict)]
    for term in ("採用枠", "内定承諾", "辞退代行", "使者"):
        assert f"<dt>{term}</dt>" in page.text
    assert 'id="stored"' in page.text and 'action="/withdraw/forget"' in page.text


def test_every_result_and_page_links_to_help(client: Any) -> None:
    assert 'href="/help#bands-title"' in post_wizard(client, WIZARD_FORM).text
    assert 'href="/help"' in client.post("/decline", data=decline_form(2)).text
    assert 'href="/help"' in client.get("/").text


def contrast(one: str, two: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_stands_out_in_light_and_dark() -> None:
    css = (STATIC / "style.css").read_text("utf-8")
    light, dark = re.findall(r"--focus-color: (#[0-9a-f]{6})", css)
    backgrounds = re.findall(r"--bg: (#[0-9a-f]{6})", css)
    surfaces = re.findall(r"--surface: (#[0-9a-f]{6})", css)
    assert contrast(light, backgrounds[0]) >= 3 and contrast(light, surfaces[0]) >= 3
    assert contrast(dark, backgrounds[1]) >= 3 and contrast(dark, surfaces[1]) >= 3
    assert "@media (prefers-color-scheme: dark)" in css and "@media print" in css
    assert re.search(r"\.copy \{ white-space: nowrap;", css)
    assert "row-reverse" not in css  # DOM order is the visual order
