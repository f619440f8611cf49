"""The decline form as people fill it in (issue 16): the agent's contact and address (so the
email goes to the agent), the addressee with its department, a school-recommended offer with
the school first, a question about acceptance asked before the decline, and an agent choice
that fits new graduates too."""

from __future__ import annotations

import re
from typing import Any

from tests.support.web import decline_form

AGENT = {
    "companies.1.via": "agent",
    "companies.1.agent_name": "キャリアブリッジ",
    "companies.1.agent_contact": "小川",
    "companies.1.agent_email": "ogawa@career-bridge.example.jp",
}


def test_the_form_asks_for_the_agents_contact_in_the_present(fresh_client: Any) -> None:
    page = fresh_client.get("/decline").text
    assert 'name="companies.0.agent_contact"' in page and 'name="companies.0.agent_email"' in page
    assert "この会社の内定を、すでに承諾していますか" in page
    assert "辞退する前に、内定を承諾していましたか" not in page
    assert "就職・転職エージェント経由" in page and ">転職エージェント経由<" not in page


def test_an_agents_address_makes_the_email_go_to_the_agent(fresh_client: Any) -> None:
    page = fresh_client.post("/decline", data={**decline_form(3), **AGENT}).text
    assert "mailto:ogawa@career-bridge.example.jp?subject=" in page
    assert "宛先: キャリアブリッジ 小川様" in page


def test_the_addressee_keeps_the_department(fresh_client: Any) -> None:
    page = fresh_client.post("/decline", data=decline_form(3)).text
    assert "宛先: 株式会社さくら出版 総務部 人事課" in page


def test_a_school_recommended_offer_puts_the_school_first(fresh_client: Any) -> None:
    form = {**decline_form(3), "companies.2.via": "school"}
    page = fresh_client.post("/decline", data=form).text
    cards = page.split('class="company-card"')
    assert "まず学校（キャリアセンター）に相談し" in cards[3]
    index = re.findall(r'<span class="channel channel-\w+">([^<]*)</span>', page)
    assert index[2] == "まず学校に相談"
