"""Back, Forward and Reload (issue 16): every form is answered with 303 See Other and every page
is a GET, the answers are kept on the server (never in the URL), the result keeps its moment so a
Reload does not shift the plan, and the error summary links each problem to its field."""

from __future__ import annotations

import datetime as dt
import html as html_module
import re
from pathlib import Path
from typing import Any

from naitei.web import Settings, create_app
from tests.support.cases import NOW
from tests.support.web import AUTH, BASE, WIZARD_FORM, BrowserClient, decline_form


def step_fields(step: int) -> dict[str, str]:
    prefixes = {
        1: ("applicant.",),
        2: ("company.", "offer."),
        3: ("decline.",),
        4: ("withdrawal.",),
    }
    return {k: v for k, v in WIZARD_FORM.items() if k.startswith(prefixes[step])}


def send(client: Any, step: int, action: str = "next", **changed: str) -> Any:
    form = {**step_fields(step), **changed, "step": str(step), "action": action}
    return client.post("/withdraw", data=form, follow_redirects=False)


def test_every_step_answers_with_a_redirect_to_a_get_page(fresh_client: Any) -> None:
    for step, target in ((1, "/withdraw/2"), (2, "/withdraw/3"), (3, "/withdraw/4")):
        response = send(fresh_client, step)
        assert response.status_code == 303 and response.headers["location"] == target
        assert "山田" not in response.headers["location"]  # nothing of the answers in a URL
    done = send(fresh_client, 4)
    assert done.status_code == 303 and done.headers["location"] == "/withdraw/result"
    result = fresh_client.get("/withdraw/result")
    assert result.status_code == 200 and "見通し" in result.text


def test_back_and_reload_show_each_step_as_answered(fresh_client: Any) -> None:
    for step in (1, 2, 3):
        send(fresh_client, step)
    for _ in range(2):  # Back to step 2, then Reload it
        page = fresh_client.get("/withdraw/2").text
        assert 'value="株式会社みなと精機"' in page
    assert 'value="2026-11-20T15:00"' in fresh_client.get("/withdraw/3").text
    back = send(fresh_client, 3, "back", **{"decline.reason_detail": "書き直した理由"})
    assert back.headers["location"] == "/withdraw/2"
    assert "書き直した理由" in fresh_client.get("/withdraw/3").text  # kept on the way back


def test_the_progress_bar_links_only_to_steps_reached(fresh_client: Any) -> None:
    send(fresh_client, 1)
    page = fresh_client.get("/withdraw/2").text
    assert 'href="/withdraw/1"' in page and 'href="/withdraw/3"' not in page
    ahead = fresh_client.get("/withdraw/4", follow_redirects=False)
    assert ahead.status_code == 303 and ahead.headers["location"] == "/withdraw/2"


def test_reload_of_the_result_keeps_the_plan(tmp_path: Path) -> None:
    clock = {"now": NOW}
    url = f"sqlite:///{tmp_path / 'n.db'}"
    app = create_app(Settings(database_url=url, clock=lambda: clock["now"], token="t" * 24))
    headers = {"Authorization": "Bearer " + "t" * 24}
    with BrowserClient(app, base_url=BASE, follow_redirects=False, headers=headers) as client:
        client.post("/withdraw", data={**WIZARD_FORM, "step": "4", "action": "next"})
        first = client.get("/withdraw/result").text
        clock["now"] = NOW + dt.timedelta(hours=15)  # the next afternoon
        again = client.get("/withdraw/result").text
    times = re.findall(r"\d+月\d+日\([月火水木金土日]\) \d\d:\d\d", first)
    assert times and times == re.findall(r"\d+月\d+日\([月火水木金土日]\) \d\d:\d\d", again)


def test_answers_belong_to_one_browser_and_can_be_erased(fresh_client: Any, tmp_path: Path) -> None:
    send(fresh_client, 1)
    app = fresh_client.app
    with BrowserClient(app, base_url=BASE, follow_redirects=False, headers=AUTH) as other:
        assert 'value="山田 太郎"' not in other.get("/withdraw").text
    assert 'value="山田 太郎"' in fresh_client.get("/withdraw/1").text
    erased = fresh_client.post("/withdraw/forget")
    assert erased.status_code == 303
    assert 'value="山田 太郎"' not in fresh_client.get("/withdraw/1").text


def test_the_error_summary_links_each_problem_to_its_field(fresh_client: Any) -> None:
    for step in (1, 2):
        send(fresh_client, step)
    response = send(fresh_client, 3, **{"decline.reason_detail": "あ" * 10_000})
    assert response.headers["location"] == "/withdraw/3#error-summary"
    page = fresh_client.get("/withdraw/3")
    assert page.status_code == 200  # a GET page: a status 422 would be a console error
    summary = re.search(
        r'<div class="alert error-summary" id="error-summary".*?</div>', page.text, re.S
    )
    assert summary and 'tabindex="-1"' in summary[0]
    link = re.search(r'<a href="#f-decline-reason-detail">([^<]*)</a>', summary[0])
    assert link and "2000 文字まで。いまは 10000 文字です" in html_module.unescape(link[1])
    assert re.search(r'id="f-decline-reason-detail"[^>]*maxlength="2000"', page.text)


def test_values_are_quoted_in_japanese_quotation_marks(fresh_client: Any) -> None:
    response = send(fresh_client, 1, **{"applicant.email": "misaki@@example"})
    page = fresh_client.get(response.headers["location"].split("#")[0]).text
    assert "「misaki@@example」" in page and "'misaki@@example'" not in page


def test_the_decline_form_redirects_and_keeps_its_place(fresh_client: Any) -> None:
    form = decline_form(1)
    added = fresh_client.post("/decline", data={**form, "action": "add"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/decline#company-1"
    page = fresh_client.get("/decline").text
    assert 'id="company-1"' in page and 'name="count" value="2"' in page
    assert 'value="' + form["companies.0.name"] + '"' in page  # the first company is kept
    wrong = fresh_client.post("/decline", data={**decline_form(1), "applicant.name": ""})
    assert wrong.status_code == 200 and 'href="#f-applicant-name"' in wrong.text
    made = fresh_client.post("/decline", data=decline_form(3), follow_redirects=False)
    assert made.headers["location"] == "/decline/result"
    first = fresh_client.get("/decline/result")
    assert first.status_code == 200 and first.text == fresh_client.get("/decline/result").text
