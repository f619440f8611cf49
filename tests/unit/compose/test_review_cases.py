"""The cases an independent HR-trained reader invented to try issue 12 (19 cases: 15 withdrawals
across employer kinds, routes, channels and timings, and 4 decline files). Every document
naitei generates for them passes `naitei check`, with and without the case as context: no error
and no warning. The mechanisms behind the reader's findings are tested here on those cases."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from naitei.assess import assess
from naitei.case import Case, WithdrawalCase, load_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from naitei.compose.model import CHECK_KIND
from naitei.compose.review import refusal, warnings_of
from naitei.plan import withdrawal_plan
from naitei.render import assessment_markdown, plan_markdown
from naitei.services import document_text
from tests.support.cases import FIXTURES
from tests.support.tables import table
from tests.unit.compose.matrix import documents

TABLES = Path(__file__).with_name("tables") / "review_cases.toml"

REVIEW = FIXTURES / "review_cases"
NOW: dict[str, dt.datetime] = tomllib.loads((REVIEW / "now.toml").read_text("utf-8"))["now"]


def load(name: str) -> tuple[Case, dt.datetime]:
    return load_case(REVIEW / f"{name}.toml"), NOW[name]


def names() -> list[Any]:
    out = []
    for path in sorted(REVIEW.glob("*.toml")):
        if path.stem == "now":
            continue
        out.append(pytest.param(path.stem, id=path.stem))
    return out


def texts(case: Case, now: dt.datetime) -> dict[str, str]:
    out = {}
    for index, document in documents(case, now):
        out[f"{document.kind}:{index + 1}:{document.title}"] = document_text(document)
    if isinstance(case, WithdrawalCase):
        out["plan"] = plan_markdown(withdrawal_plan(case, now))
        out["assessment"] = assessment_markdown(assess(case, now), None)
    return out


@pytest.mark.parametrize("name", names())
def test_every_document_passes_the_checker_with_and_without_the_case(name: str) -> None:
    case, now = load(name)
    failures = []
    for index, document in documents(case, now):
        purpose = "decline" if document.kind.startswith("decline") else "withdraw"
        for context in (CheckContext.from_case(case, index), None):
            report = check_text(
                document_text(document),
                CHECK_KIND[document.kind],  # type: ignore[arg-type]
                purpose,  # type: ignore[arg-type]
                context,
            )
            failures += [
                (document.kind, index + 1, context is not None, f.severity, f.rule)
                for f in report.findings
                if f.severity in ("error", "warning")
            ]
    assert failures == []


@table(TABLES, "never_said", "finding", "cases", "phrases")
def test_what_a_reader_found_wrong_is_never_said_again(
    finding: str, cases: str, phrases: list[str]
) -> None:
    names = sorted(path.stem for path in REVIEW.glob(f"{cases}.toml"))
    assert names, cases
    for name in names:
        case, now = load(name)
        for label, text in texts(case, now).items():
            said = [phrase for phrase in phrases if phrase in text]
            assert said == [], (finding, name, label)


def test_a_decline_never_made_is_apologised_for_as_silence_in_the_plan() -> None:
    case, now = load("r05-clinic-none")
    assert "お返事をしなかったことへのお詫び" in texts(case, now)["plan"]


def test_a_slot_left_empty_is_said_from_the_facts() -> None:
    case, now = load("r01-chigin")
    assert "内定取消しの通知もございます" in document_text(draft("email", case, now))


def test_the_recommending_school_of_a_school_employer_is_named_by_its_kind() -> None:
    case, now = load("r09-private-hs")
    assert "学校推薦をいただいた内定で、貴校と青陵教育大学に" in document_text(draft("email", case, now))


def test_fixed_phrases_follow_the_facts() -> None:
    case, now = load("r14-tax-firm")  # declined five weeks before
    assert "先日、内定を" not in document_text(draft("email", case, now))
    case, now = load("r15-law-office-angry")
    email = document_text(draft("email", case, now))
    assert "その後、貴事務所で企業法務" not in email  # a lasting wish is no later event
    assert "貴事務所で企業法務に携わりたい" in email
    assert "石原先生はいらっしゃいますでしょうか" in draft("phone", case, now).text
    advice = texts(case, now)["assessment"]
    assert "お礼が十分ではありません" not in advice  # thanked = true
    case, now = load("r10-national-univ-agent")
    assert "直接お話ししましょう" not in texts(case, now)["assessment"]
    case, now = load("r12-shadan-chat")
    assert "貴協会" in document_text(draft("email", case, now))


def test_an_undisclosed_reason_is_given_when_asked_on_the_phone() -> None:
    for name in ("r06-city-proxy", "r15-law-office-angry"):
        case, now = load(name)
        phone = draft("phone", case, now).text
        section = phone.split("## 4.")[1].split("## 5.")[0]
        assert "実は、〜ためでございました。" in section


@table(TABLES, "spoken_register", "text", "slot", "key", "said")
def test_spoken_register_is_refused_naming_what_to_write(
    text: str, slot: Any, key: str, said: str
) -> None:
    message = refusal(text, slot, key)
    assert message is not None and said in message


def test_the_first_choice_is_warned_about_only_when_it_is_another_employer() -> None:
    assert warnings_of("もともと御社が第一志望で、地元で働きたいと考えていました") == []
    assert warnings_of("第一志望の企業から内定をいただいたため") != []
    refused = refusal("第一志望だった県庁に合格したため", "cause", "reason_detail_decline")
    assert refused is not None and "第一志望" in refused


def test_a_strength_refusal_gives_an_example_of_its_own_shape() -> None:
    message = refusal("英語が得意", "noun", "strengths")
    assert message is not None and "名詞の形" in message and "文の形で書いて" not in message


def test_paths_are_fixtures() -> None:
    assert all(Path(REVIEW / f"{name}.toml").exists() for name in NOW)
