"""The documents after the call say only what the facts say (issue 17, the HR reader's review):
no call or kind words nobody reported, no things to bring nobody asked for, no past dates,
the agent thanked for passing the request on (never for deciding) and never given the
employer's phone number, the place one visits named as the employer's kind requires."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from naitei.calendar import JST
from naitei.case import DeclineCase, WithdrawalCase
from naitei.cli.app import app
from naitei.compose import draft
from naitei.compose.after import WITHDRAW_KINDS
from naitei.compose.after_facts import AfterFacts
from naitei.compose.parties import Recipient
from naitei.vocabulary import AFTER_KINDS
from tests.support.tables import table
from tests.unit.compose.golden import CASES, load
from tests.unit.compose.golden_after import (
    DECLINE_CASES,
    WITHDRAW_CASES,
    after_documents,
    bare_facts,
)
from tests.unit.compose.repetition import names_of, problems

TABLES = Path(__file__).with_name("tables") / "after.toml"

runner = CliRunner()
NOW = "2026-11-25T21:00:00+09:00"
DIRECT = str(CASES / "g1-newgrad-email-direct.toml")
AGENT = str(CASES / "g2-midcareer-agent-family.toml")
DECLINE = str(CASES / "d1-three-direct.toml")


def test_every_after_kind_is_a_draft_kind() -> None:
    from naitei.compose import KINDS

    assert set(AFTER_KINDS) <= set(KINDS)


@pytest.mark.parametrize("name", (*WITHDRAW_CASES, *DECLINE_CASES))
def test_no_after_document_repeats_itself(name: str) -> None:
    case, _ = load(name)
    failures = {}
    for file_name, document in after_documents(name).items():
        index = int(file_name.split("-")[0]) - 1 if file_name[0].isdigit() else 0
        found = problems(document, names_of(case, index))
        found += [f"でしょうか ×{n}" for n in [document.text.count("でしょうか")] if n > 1]
        if found:
            failures[file_name] = found
    assert failures == {}


@pytest.mark.parametrize("name", (*WITHDRAW_CASES, *DECLINE_CASES))
def test_bare_documents_claim_no_call_and_no_kind_words(name: str) -> None:
    for file_name, document in after_documents(name).items():
        if "-bare" not in file_name:
            continue
        assert "お電話" not in document.text.split("#")[0] or document.kind == "follow-up-phone"
        for claim in ("お電話にて", "お時間をいただき", "温かい", "本日", "昨日", "をはじめ皆様"):
            assert claim not in document.text, (file_name, claim)


@pytest.mark.parametrize("name", WITHDRAW_CASES)
def test_visit_confirm_lists_only_what_the_user_gave(name: str) -> None:
    case, now = load(name)
    bare = draft("visit-confirm", case, now, facts=bare_facts("visit-confirm", now)).text
    for item in ("筆記用具", "印鑑", "履歴書", "内定通知書", "身分証"):
        assert item not in bare
    assert "場所：" not in bare
    assert "持参するもの" not in bare
    given = AfterFacts(
        visit_at=dt.datetime.combine(now.date() + dt.timedelta(days=7), dt.time(11), JST),
        bring=("卒業見込証明書",),
    )
    text = draft("visit-confirm", case, now, facts=given).text
    assert "持参するもの：卒業見込証明書" in text
    assert "印鑑" not in text


@pytest.mark.parametrize("name", [n for n in WITHDRAW_CASES if load(n)[0].offer.via == "agent"])  # type: ignore[union-attr]
def test_the_agent_is_thanked_for_relaying_never_for_deciding(name: str) -> None:
    case, _ = load(name)
    assert isinstance(case, WithdrawalCase)
    agent = Recipient.agent(case.offer.agent_name, case.offer.agent_contact, case.offer.agent_email)
    for file_name, document in after_documents(name).items():
        for sentence in re.split("[。\n]", document.text):
            if agent.short in sentence and "感謝" in sentence:
                assert not re.search("判断|検討", sentence), (file_name, sentence)
        if case.company.phone:
            assert case.company.phone not in document.text, file_name


@table(TABLES, "visit_place", "name", "written", "wrong")
def test_the_place_visited_is_named_as_the_employer_kind_requires(
    name: str, written: str, wrong: str
) -> None:
    case, now = load(name)
    text = draft("visit-confirm", case, now, facts=bare_facts("visit-confirm", now)).text
    assert written in text
    assert wrong not in text
    for spoken in ("御所", "御県", "御市"):
        assert spoken not in text


@table(TABLES, "kit_place", "name", "place", "form")
def test_the_kit_and_the_visit_confirmation_name_the_place_alike(
    name: str, place: str, form: str
) -> None:
    """Reader 2, B1: visit-confirm said 貴庁 where the kit said 貴省 (a ministry is no 庁); reader 3,
    C3: one form per document for one addressee (貴町 throughout, never 貴町 and 貴庁)."""
    case, now = load("g12-city-office")
    assert isinstance(case, WithdrawalCase)
    case = case.model_copy(update={"company": case.company.model_copy(update={"name": name})})
    confirm = draft("visit-confirm", case, now, facts=bare_facts("visit-confirm", now)).text
    email = draft("email", case, now).text
    assert f"{place}に伺います" in confirm and f"{place}に伺い" in email
    assert form in email
    assert "貴庁" not in email + confirm


def test_no_made_up_office_of_the_school() -> None:
    for name in WITHDRAW_CASES:
        for document in after_documents(name).values():
            assert "（就職課）" not in document.text
            assert "キャリアセンター" not in document.text


def test_thanks_considering_says_how_and_when_only_when_told() -> None:
    case, now = load("g1-newgrad-email-direct")
    told = AfterFacts(heard_by="email", heard_on=now.date() - dt.timedelta(days=1))
    text = draft("thanks-considering", case, now, facts=told).text
    assert "昨日はメールにて" in text
    assert "お電話" not in text
    older = AfterFacts(heard_by="visit", heard_on=dt.date(2026, 11, 20))
    assert "11月20日にお会いした際に" in draft("thanks-considering", case, now, facts=older).text


def test_decline_keep_follows_the_facts() -> None:
    case, now = load("d1-three-direct")
    assert isinstance(case, DeclineCase)
    retained = draft("decline-keep", case, now, facts=AfterFacts()).text
    assert "再考" in retained and "お申し出" not in retained
    visit = draft("decline-keep", case, now, facts=AfterFacts(asked_to_visit=True)).text
    assert "お申し出" in visit and "再考" not in visit


@table(TABLES, "wrong_side_date", "kind", "option", "value")
def test_a_date_on_the_wrong_side_of_now_is_refused(kind: str, option: str, value: str) -> None:
    extra = ["--heard-by", "phone"] if option == "--heard-on" else []
    result = runner.invoke(app, ["draft", kind, DIRECT, "--now", NOW, option, value, *extra])
    assert result.exit_code == 2
    assert option in result.output
    assert "お世話になっております" not in result.output


@table(TABLES, "bad_option", "kind", "args", "option")
def test_bad_options_name_the_field(kind: str, args: list[str], option: str) -> None:
    result = runner.invoke(app, ["draft", kind, DIRECT, "--now", NOW, *args])
    assert result.exit_code == 2, result.output
    assert option in result.output


def test_a_visit_on_a_closed_day_is_written_but_noted() -> None:
    result = runner.invoke(
        app, ["draft", "visit-confirm", DIRECT, "--now", NOW, "--visit-at", "2026-11-28T14:00"]
    )
    assert result.exit_code == 0
    assert "11月28日(土)は土曜日です" in result.stderr
    assert "日時：11月28日(土) 14:00" in result.stdout
    evening = runner.invoke(
        app, ["draft", "visit-confirm", DIRECT, "--now", NOW, "--visit-at", "2026-11-27T19:30"]
    )
    assert "営業時間の外" in evening.stderr


def test_draft_json_carries_the_notes_and_every_kind_runs_from_the_cli() -> None:
    import json

    for kind in WITHDRAW_KINDS:
        args = ["--visit-at", "2026-12-02T10:00"] if kind == "visit-confirm" else []
        args += ["--asked-on", "2026-11-20"] if kind.startswith("follow-up") else []
        result = runner.invoke(app, ["draft", kind, AGENT, "--now", NOW, "--format", "json", *args])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["kind"] == kind and data["text"]
    considering = runner.invoke(
        app,
        [
            "draft",
            "thanks-considering",
            DIRECT,
            "--now",
            NOW,
            "--format",
            "json",
            "--answer-by",
            "2026-11-30",
        ],
    )
    assert "12月1日(火)に状況を伺います" in json.loads(considering.stdout)["notes"][0]
    keep = runner.invoke(app, ["draft", "decline-keep", DECLINE, "--now", NOW, "--company", "2"])
    assert keep.exit_code == 0, keep.output


def test_repetition_names_cover_after_documents() -> None:
    case, _ = load("g2-midcareer-agent-family")
    assert names_of(case, 0)


def test_a_follow_up_is_refused_without_the_day_of_the_request_and_waits_two_business_days() -> (
    None
):
    import json

    refused = runner.invoke(app, ["draft", "follow-up-phone", DIRECT, "--now", NOW])
    assert refused.exit_code == 2 and "--asked-on" in refused.output
    # asked on Wednesday 25 November: not before Friday 27 November
    result = runner.invoke(
        app,
        [
            "draft",
            "follow-up-phone",
            DIRECT,
            "--now",
            NOW,
            "--asked-on",
            "2026-11-25",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "11月27日" in data["text"].split("かける時間:")[1].splitlines()[0]
    assert any("状況を伺うのは11月27日(金)から" in note for note in data["notes"])


def test_what_to_do_next_is_beside_the_document_not_in_it() -> None:
    case, now = load("g12-city-office")
    accepted = draft("thanks-accepted", case, now, facts=AfterFacts())
    assert "入庁日までの予定は、先方の案内に沿って進めます。" in accepted.notes
    assert not any(note in accepted.text for note in accepted.notes)
    refused = draft("closing-refused", case, now, facts=AfterFacts())
    assert any("次の就職先探し" in note for note in refused.notes)


def test_the_visit_notes_open_with_the_visit_given() -> None:
    case, now = load("g1-newgrad-email-direct")
    plain = draft("visit", case, now).text
    assert "訪問の日時と場所は" in plain
    facts = AfterFacts(
        visit_at=dt.datetime(2026, 12, 2, 14, 0, tzinfo=JST),
        place="本社 5階",
        bring=("成績証明書",),
    )
    text = draft("visit", case, now, facts=facts).text
    assert "- 日時: 12月2日(水) 14:00" in text and "- 場所: 本社 5階" in text
    assert "- 成績証明書（" in text
    result = runner.invoke(
        app, ["draft", "email", DIRECT, "--now", NOW, "--visit-at", "2026-12-02T14:00"]
    )
    assert result.exit_code == 2 and "--visit-at" in result.output


def test_the_thanks_letter_is_dated_for_the_day_it_can_be_posted() -> None:
    """Reader 2, C7: a thank-you letter written at 19:00 was dated that evening."""
    case, _ = load("g1-newgrad-email-direct")
    assert isinstance(case, WithdrawalCase)
    evening = dt.datetime(2026, 12, 3, 19, 0, tzinfo=JST)  # a Thursday
    morning = dt.datetime(2026, 12, 3, 10, 0, tzinfo=JST)
    saturday = dt.datetime(2026, 12, 5, 10, 0, tzinfo=JST)
    assert "2026年12月4日" in draft("thanks-letter", case, evening).text
    assert "2026年12月3日" in draft("thanks-letter", case, morning).text
    assert "2026年12月7日" in draft("thanks-letter", case, saturday).text
